/**
 * What changed between two stored configurations: one entry per leaf that was added, removed or
 * changed, named by its path (`endpoint.headers[0].value`). Objects are compared key by key and
 * arrays index by index, which reads well for the short lists a configuration holds.
 */
export type ConfigChange =
  | { path: string; kind: "added"; after: unknown }
  | { path: string; kind: "removed"; before: unknown }
  | { path: string; kind: "changed"; before: unknown; after: unknown };

type Plain = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Plain =>
  value !== null && typeof value === "object" && !Array.isArray(value);

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

export function diffConfig(before: unknown, after: unknown, path = ""): ConfigChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => {
      const inBefore = Object.hasOwn(before, key) && before[key] !== undefined;
      const inAfter = Object.hasOwn(after, key) && after[key] !== undefined;
      if (!inAfter)
        return inBefore ? [{ path: join(path, key), kind: "removed" as const, before: before[key] }] : [];
      if (!inBefore) return [{ path: join(path, key), kind: "added" as const, after: after[key] }];
      return diffConfig(before[key], after[key], join(path, key));
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    return Array.from({ length: Math.max(before.length, after.length) }, (_, index) => {
      const at = `${path}[${index}]`;
      if (index >= after.length) return [{ path: at, kind: "removed" as const, before: before[index] }];
      if (index >= before.length) return [{ path: at, kind: "added" as const, after: after[index] }];
      return diffConfig(before[index], after[index], at);
    }).flat();
  }
  if (Object.is(before, after)) return [];
  return [{ path: path || "(whole configuration)", kind: "changed", before, after }];
}
