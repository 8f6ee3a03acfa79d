import { getConfig } from "@/lib/config";
import {
  isSupportedIngestType,
  parseIngestBody,
  SUPPORTED_INGEST_TYPES,
} from "@/lib/datasets/parse/parse-ingest-body";
import { type DataRecord, RecordParseError } from "@/lib/datasets/parse/types";
import {
  appendRecords,
  DatasetNotFoundError,
  UnstorableRecordError,
} from "@/lib/datasets/store/append-records";
import { datasetIdForIngestKey, hashIngestKey } from "@/lib/datasets/store/ingest-key";
import { formatBytes } from "./format-bytes";
import { INGEST_BUSY_RETRY_SECONDS, MAX_CONCURRENT_INGEST_BODIES, takeIngestSlot } from "./ingest-slots";
import { type IngestEncoding, readIngestBody } from "./read-ingest-body";

export type IngestInput = {
  datasetId: string;
  authorization: string | null;
  contentType: string | null;
  contentEncoding: string | null;
  /**
   * When given and over the limit, the body is refused without reading it. Also for gzip, whose
   * limit counts decompressed bytes: what gzip decompresses to is never much smaller than itself.
   */
  contentLength?: string | null;
  body: ReadableStream<Uint8Array> | null;
  /** Overrides the configured limit (OUTFLOW_INGEST_MAX_BYTES), for tests. */
  maxBytes?: number;
};

export type IngestResponse = {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
};

const ACCEPTED_TYPES = `one of ${SUPPORTED_INGEST_TYPES.join(", ")}: JSON for one object or an array of objects, NDJSON for one object per line`;

// One answer for a missing dataset, another workspace's dataset and a wrong key, so dataset ids
// cannot be probed with made-up keys.
function invalidKey(): IngestResponse {
  return {
    status: 401,
    body: {
      error:
        "This ingest key does not belong to this dataset. Check the dataset URL and the key; a regenerated key replaces the old one.",
    },
    headers: { "www-authenticate": 'Bearer realm="Outflow ingest", error="invalid_token"' },
  };
}

/**
 * The ingest endpoint, `POST /api/v1/datasets/{id}/records`: checks the ingest key, reads the body
 * (capped, gunzipped), parses it, and stores every record or none. Answers for people: what was
 * wrong and what to do.
 */
export async function handleIngest(input: IngestInput): Promise<IngestResponse> {
  try {
    return await ingest(input);
  } catch (error) {
    console.error("Ingest failed", error);
    return {
      status: 500,
      body: { error: "Outflow could not store the records because of an internal error. Try again." },
    };
  } finally {
    // An early answer leaves the body unread; let the sender's upload stop.
    input.body?.cancel().catch(() => undefined);
  }
}

async function ingest(input: IngestInput): Promise<IngestResponse> {
  const key = bearerToken(input.authorization);
  if (key === null) {
    return {
      status: 401,
      body: {
        error: "Send the dataset's ingest key in the Authorization header: Authorization: Bearer <key>.",
      },
      headers: { "www-authenticate": 'Bearer realm="Outflow ingest"' },
    };
  }
  if ((await datasetIdForIngestKey(input.datasetId, key)) === null) return invalidKey();

  const contentType = input.contentType?.trim() ?? "";
  if (!isSupportedIngestType(contentType)) {
    const sent = contentType
      ? `Content-Type ${contentType.slice(0, 100)} is not accepted`
      : "The request has no Content-Type";
    return { status: 415, body: { error: `${sent}. Use ${ACCEPTED_TYPES}.` } };
  }
  const encoding = ingestEncoding(input.contentEncoding);
  if (encoding === null) {
    return {
      status: 415,
      body: {
        error: `Content-Encoding ${input.contentEncoding?.slice(0, 100)} is not accepted. Send the body uncompressed or gzip-compressed (Content-Encoding: gzip).`,
      },
    };
  }

  const maxBytes = input.maxBytes ?? getConfig().ingestMaxBytes;
  const declaredLength = Number(input.contentLength ?? Number.NaN);
  if (Number.isSafeInteger(declaredLength) && declaredLength > maxBytes) {
    return tooLarge(
      `The body is ${formatBytes(declaredLength)}; the limit is ${formatBytes(maxBytes)}. Split it into smaller requests.`,
    );
  }
  const slot = takeIngestSlot();
  if (!slot) {
    return {
      status: 503,
      body: {
        error: `Outflow is already reading ${MAX_CONCURRENT_INGEST_BODIES} ingest requests. Retry in ${INGEST_BUSY_RETRY_SECONDS} seconds, or send fewer requests at once.`,
      },
      headers: { "retry-after": String(INGEST_BUSY_RETRY_SECONDS) },
    };
  }
  try {
    return await readAndStore(input, key, contentType, encoding, maxBytes);
  } finally {
    slot.release();
  }
}

async function readAndStore(
  input: IngestInput,
  key: string,
  contentType: string,
  encoding: IngestEncoding,
  maxBytes: number,
): Promise<IngestResponse> {
  const read = await readIngestBody(input.body, encoding, maxBytes);
  if (read.kind === "too-large") {
    return tooLarge(
      encoding === "gzip"
        ? `The body decompresses to more than ${formatBytes(maxBytes)}, the limit (it applies after decompression). Split it into smaller requests.`
        : `The body is larger than ${formatBytes(maxBytes)}, the limit. Split it into smaller requests.`,
    );
  }
  if (read.kind === "bad-gzip") {
    return {
      status: 400,
      body: {
        error: `The body is not valid gzip (${read.reason}). Compress it with gzip or send it uncompressed without Content-Encoding.`,
      },
    };
  }

  let records: DataRecord[];
  try {
    records = parseIngestBody(read.bytes, contentType);
  } catch (error) {
    if (error instanceof RecordParseError) {
      return { status: 400, body: { error: error.message, ...error.location } };
    }
    throw error;
  }

  try {
    // The key is checked again under the dataset's row lock, so a key regenerated while this
    // body was being read stops it from being stored.
    const { accepted } = await appendRecords(input.datasetId, records, {
      requireIngestKeyHash: hashIngestKey(key),
    });
    return { status: 202, body: { accepted } };
  } catch (error) {
    if (error instanceof DatasetNotFoundError) return invalidKey();
    if (error instanceof UnstorableRecordError)
      return { status: 400, body: { error: error.message, index: error.index } };
    throw error;
  }
}

function bearerToken(authorization: string | null): string | null {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? "");
  return match?.[1] ?? null;
}

function ingestEncoding(contentEncoding: string | null): IngestEncoding | null {
  const value = contentEncoding?.trim().toLowerCase() ?? "";
  if (value === "" || value === "identity") return "identity";
  if (value === "gzip" || value === "x-gzip") return "gzip";
  return null;
}

function tooLarge(error: string): IngestResponse {
  return { status: 413, body: { error } };
}
