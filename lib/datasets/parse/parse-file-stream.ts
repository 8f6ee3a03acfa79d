/**
 * An uploaded file to batches of records, streamed: the file is never held whole, only the records
 * of the batch being built. Bytes are checked to be UTF-8 as they arrive; the first problem throws
 * a RecordParseError naming its line or record, so the caller can drop everything stored so far.
 */
import { parseCsvStream } from "./csv-stream";
import { parseJsonStream } from "./json-stream";
import { BATCH_CHAR_BUDGET } from "./limits";
import { parseNdjsonStream } from "./ndjson-stream";
import type { ParsedChunk } from "./parsed-chunk";
import type { CsvOptions, DataRecord, FileFormat } from "./types";
import { createUtf8StreamDecoder } from "./utf8";

export { detectFileFormat } from "./detect-file-format";

const DEFAULT_BATCH_SIZE = 1000;

/**
 * Yields batches of `batchSize` records (the last one smaller), or a smaller batch early when its
 * records came from more than BATCH_CHAR_BUDGET of text, so huge records cannot pile up in memory.
 */
export async function* parseFileStream(
  chunks: AsyncIterable<Uint8Array>,
  format: FileFormat,
  options: CsvOptions & { batchSize?: number } = {},
): AsyncGenerator<DataRecord[]> {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
  const texts = decodeChunks(chunks);
  const parsed: AsyncIterable<ParsedChunk> =
    format === "json"
      ? parseJsonStream(texts)
      : format === "ndjson"
        ? parseNdjsonStream(texts)
        : parseCsvStream(texts, options);

  let batch: DataRecord[] = [];
  let chars = 0;
  for await (const chunk of parsed) {
    chars += chunk.chars;
    for (const record of chunk.records) {
      batch.push(record);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
        chars = 0;
      }
    }
    if (chars >= BATCH_CHAR_BUDGET && batch.length > 0) {
      yield batch;
      batch = [];
      chars = 0;
    }
  }
  if (batch.length > 0) yield batch;
}

async function* decodeChunks(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = createUtf8StreamDecoder("file");
  for await (const chunk of chunks) {
    const text = decoder.write(chunk);
    if (text.length > 0) yield text;
  }
  const rest = decoder.end();
  if (rest.length > 0) yield rest;
}
