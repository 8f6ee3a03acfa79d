/**
 * What kind of error a message is, with what varies from one occurrence to the next left out:
 * dates and times, UUIDs and other ids, and numbers, so that one 429 episode ("Rate limited; try
 * again at 15:46:39 UTC", "… at 15:46:41 UTC") or one refusal of many records ("invalid record 5",
 * "invalid record 10") is one group. HTTP status codes (100–599 on their own) are kept.
 */
const DATE_TIME = /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/g;
const TIME = /\b\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?UTC)?/g;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
/** A token of 8 or more letters, digits, `_` or `-` with a digit in it: an id, a key, a job name. */
const ID = /\b(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{8,}\b/g;
const NUMBER = /\b\d+(?:\.\d+)?\b/g;
const STATUS = /^[1-5]\d\d$/;

export function errorSignature(message: string): string {
  return message
    .replace(DATE_TIME, "…")
    .replace(TIME, "…")
    .replace(UUID, "…")
    .replace(ID, "…")
    .replace(NUMBER, (number) => (STATUS.test(number) ? number : "N"));
}
