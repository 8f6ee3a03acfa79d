/** What each format's streaming parser hands on: records, and how much text they came from. */
import type { DataRecord } from "./types";

export type ParsedChunk = { records: DataRecord[]; chars: number };
