import { UserError } from "@/lib/actions/user-error";
import { createDataset, deleteDataset } from "./manage-datasets";
import { detectFileFormat, parseFileStream } from "./parse/parse-file-stream";
import { type CsvOptions, type FileFormat, RecordParseError } from "./parse/types";
import { UnstorableRecordError, withRecordAppender } from "./store/append-records";

/** Larger files are refused before they fill the disk; 100 MB files are the expected case. */
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;

export type UploadOutcome =
  | { ok: true; id: string; records: number }
  | { ok: false; status: number; error: string; field?: string };

/**
 * Creates a dataset from an uploaded file, streamed: parsed in batches and stored in one
 * transaction, so a file that turns out to be malformed halfway leaves nothing behind.
 */
export async function uploadDataset(
  workspaceId: string,
  body: ReadableStream<Uint8Array>,
  options: { name: string; fileName: string; format: FileFormat | "auto"; csv: CsvOptions },
): Promise<UploadOutcome> {
  const { chunks, firstChunk } = await peek(body);
  const format = options.format === "auto" ? detectFileFormat(options.fileName, firstChunk) : options.format;
  if (!format)
    return {
      ok: false,
      status: 400,
      error: "Outflow could not tell the file's format: choose JSON, NDJSON or CSV.",
      field: "format",
    };

  let id: string;
  try {
    ({ id } = await createDataset(workspaceId, options.name));
  } catch (error) {
    if (error instanceof UserError)
      return { ok: false, status: 409, error: error.message, field: error.field };
    throw error;
  }
  try {
    const { accepted } = await withRecordAppender(id, async (append) => {
      for await (const batch of parseFileStream(chunks, format, options.csv)) await append(batch);
    });
    if (accepted === 0) {
      await deleteDataset(workspaceId, id);
      return { ok: false, status: 400, error: "The file holds no records." };
    }
    return { ok: true, id, records: accepted };
  } catch (error) {
    await deleteDataset(workspaceId, id);
    if (
      error instanceof RecordParseError ||
      error instanceof UnstorableRecordError ||
      error instanceof UploadTooLargeError
    ) {
      return { ok: false, status: error instanceof UploadTooLargeError ? 413 : 400, error: error.message };
    }
    throw error;
  }
}

class UploadTooLargeError extends Error {}

/** Reads the first chunk (to detect the format) and hands back the whole stream, size-capped. */
async function peek(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const first = await reader.read();
  const firstChunk = first.value ?? new Uint8Array();
  async function* chunks(): AsyncGenerator<Uint8Array> {
    let total = firstChunk.byteLength;
    if (!first.done) yield firstChunk;
    while (true) {
      const next = await reader.read();
      if (next.done) return;
      total += next.value.byteLength;
      if (total > MAX_UPLOAD_BYTES) {
        await reader.cancel();
        throw new UploadTooLargeError(
          `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024 / 1024} GB: split it, or send it through the ingest endpoint in parts.`,
        );
      }
      yield next.value;
    }
  }
  return { chunks: chunks(), firstChunk };
}
