/**
 * Caps against hostile input, in one place so the parsers and their error messages agree.
 */

/** Containers nested in one record, the record itself counting as 1. Deeper is refused. */
export const MAX_DEPTH = 32;

/**
 * Characters one record may span in a file (a line, a CSV row, an array element). Without it an
 * unclosed quote or a 100 MB string would be held in memory whole.
 */
export const MAX_RECORD_CHARS = 16 * 1024 * 1024;

/** A batch is yielded early once its records came from this much text, so memory stays bounded. */
export const BATCH_CHAR_BUDGET = 32 * 1024 * 1024;

/** How much text the JSON tokenizer gets per call: bounds its internal buffers between our checks. */
export const TOKENIZER_SLICE_CHARS = 64 * 1024;

export const MAX_RECORD_SIZE_LABEL = "16 MiB";
