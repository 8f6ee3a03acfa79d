import type { DataRecord } from "@/lib/datasets/parse/types";
import { type PathSegment, splitFieldPath } from "@/lib/datasets/schema/field-path";
import { hasWrittenKeyOrder, withKeyOrder } from "@/lib/json/key-order";
import { isPlainObject } from "./record-path";

/**
 * The record without the excluded field paths, written as the dataset schema writes them:
 * `user.email` removes a nested key, `items[].sku` removes `sku` from every object in `items`,
 * and a path ending in `[]` (`tags[]`, every element) removes the array itself. The input is
 * never changed: only the objects on an excluded path are copied.
 */
export function excludeAttributes(record: DataRecord, paths: readonly string[]): DataRecord {
  let result: unknown = record;
  for (const path of paths) {
    if (path.trim() === "") continue;
    const segments = splitFieldPath(path);
    // `tags[]` names the elements; dropping all of them means dropping the key.
    while (segments.length > 1 && !("key" in (segments[segments.length - 1] as PathSegment))) segments.pop();
    result = remove(result, segments);
  }
  return result as DataRecord;
}

function remove(value: unknown, segments: PathSegment[]): unknown {
  const [head, ...rest] = segments;
  if (!head) return value;
  if ("items" in head) {
    return Array.isArray(value) ? value.map((item) => remove(item, rest)) : value;
  }
  if (!isPlainObject(value) || !Object.hasOwn(value, head.key)) return value;
  const copy: Record<string, unknown> = { ...value };
  if (rest.length === 0) delete copy[head.key];
  else copy[head.key] = remove(value[head.key], rest);
  // A copy lists keys such as "2024" first again: it keeps the record's written order.
  return hasWrittenKeyOrder(value) ? withKeyOrder(copy, Object.keys(value)) : copy;
}
