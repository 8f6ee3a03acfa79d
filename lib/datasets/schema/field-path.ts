/**
 * Field paths as the schema names them: `user.email` for nested objects, `tags[]` for the elements
 * of an array, `items[].sku` for a field of objects inside an array.
 *
 * A key may itself contain `.`, `[`, `]` or `\`; those are escaped with a backslash (`a\.b` is the
 * key "a.b", `a.b` is key "b" inside "a"), so every path names exactly one place and
 * splitFieldPath can take it apart again.
 */

const SPECIAL = /[.[\]\\]/;
const SPECIAL_ALL = /[.[\]\\]/g;

export type PathSegment = { key: string } | { items: true };

export function escapePathKey(key: string): string {
  return SPECIAL.test(key) ? key.replace(SPECIAL_ALL, "\\$&") : key;
}

export function childPath(parent: string | undefined, key: string): string {
  return parent === undefined ? escapePathKey(key) : `${parent}.${escapePathKey(key)}`;
}

export function itemsPath(parent: string): string {
  return `${parent}[]`;
}

export function splitFieldPath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let key = "";
  let inKey = true;
  for (let i = 0; i < path.length; i++) {
    const char = path[i] as string;
    if (char === "\\") {
      key += path[i + 1] ?? "";
      i++;
    } else if (char === ".") {
      if (inKey) segments.push({ key });
      key = "";
      inKey = true;
    } else if (char === "[" && path[i + 1] === "]") {
      if (inKey) segments.push({ key });
      key = "";
      inKey = false;
      segments.push({ items: true });
      i++;
    } else {
      key += char;
    }
  }
  if (inKey) segments.push({ key });
  return segments;
}
