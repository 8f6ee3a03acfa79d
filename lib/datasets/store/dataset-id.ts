const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether `value` can be a dataset (or workspace) id. Checked before querying, because Postgres
 * answers a malformed uuid with an error rather than "no such row".
 */
export function isDatasetId(value: string): boolean {
  return UUID.test(value);
}
