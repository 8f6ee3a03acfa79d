/**
 * Keys that look like array indices ("0", "7", "2024") come first in every JavaScript object,
 * whatever order the JSON gave them. An object holding such a key, read from JSON, is wrapped so
 * that it lists its keys in the order they were written: Object.keys, JSON.stringify and for…in
 * all follow it, so the record goes out as it came in. Objects without such keys (nearly all) are
 * left as they are; a copy made of a wrapped object ({...record}) is a plain object again.
 */

const INDEX_LIKE = /^(?:0|[1-9]\d{0,8})$/;
/** A key written as an array index might be, quoted, before a colon. */
const INDEX_LIKE_KEY_IN_TEXT = /"(?:0|[1-9]\d{0,8})"\s*:/;

const ordered = new WeakSet<object>();

function isIndexLike(key: string): boolean {
  return INDEX_LIKE.test(key) && Number(key) < 2 ** 32 - 1;
}

/** Whether JavaScript would list these keys (in this written order) in another order. */
export function reordersKeys(keys: readonly string[]): boolean {
  let sawOther = false;
  let lastIndex = -1;
  for (const key of keys) {
    if (!isIndexLike(key)) sawOther = true;
    else if (sawOther || Number(key) < lastIndex) return true;
    else lastIndex = Number(key);
  }
  return false;
}

/** The object, listing its keys in `order` first (then any added since, as JavaScript would). */
export function withKeyOrder<T extends object>(object: T, order: readonly string[]): T {
  const wrapped = new Proxy(object, {
    ownKeys(target) {
      const current = Reflect.ownKeys(target);
      const present = new Set(current);
      const written = order.filter((key) => present.has(key));
      const known = new Set<string | symbol>(written);
      return [...written, ...current.filter((key) => !known.has(key))];
    },
  });
  ordered.add(wrapped);
  return wrapped;
}

export function hasWrittenKeyOrder(value: unknown): boolean {
  return typeof value === "object" && value !== null && ordered.has(value);
}

/**
 * `value` as JSON.parse (or an exact parser) made it from `text`, with each object whose written
 * key order JavaScript would change wrapped to keep it. A quick look at the text skips the walk
 * when no key looks like an index.
 */
export function keepWrittenKeyOrder(value: unknown, text: string): unknown {
  if (!INDEX_LIKE_KEY_IN_TEXT.test(text)) return value;
  const orders = writtenKeyOrders(text);
  if (!orders) return value;
  let next = 0;
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) node[i] = visit(node[i]);
      return node;
    }
    if (typeof node !== "object" || node === null || !isPlainObject(node)) return node;
    const order = orders[next++] ?? [];
    for (const key of order) {
      if (Object.hasOwn(node, key))
        (node as Record<string, unknown>)[key] = visit((node as Record<string, unknown>)[key]);
    }
    return reordersKeys(order) ? withKeyOrder(node, order) : node;
  };
  return visit(value);
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Each object's keys in the order written, objects in the order they open in the text (the order
 * a depth-first walk that follows written key order meets them); null when a key is repeated.
 * The text is valid JSON: it was parsed already.
 */
function writtenKeyOrders(text: string): string[][] | null {
  const orders: string[][] = [];
  const open: { keys: string[] | null; seen: Set<string>; expectKey: boolean }[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      const top = open.at(-1);
      if (top?.keys && top.expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        // A repeated key leaves a value the parse dropped: the walk could not follow the text.
        if (top.seen.has(key)) return null;
        top.seen.add(key);
        top.keys.push(key);
        top.expectKey = false;
      }
      i = end + 1;
      continue;
    }
    if (c === "{") {
      const keys: string[] = [];
      orders.push(keys);
      open.push({ keys, seen: new Set(), expectKey: true });
    } else if (c === "[") {
      open.push({ keys: null, seen: new Set(), expectKey: false });
    } else if (c === "}" || c === "]") {
      open.pop();
    } else if (c === ",") {
      const top = open.at(-1);
      if (top?.keys) top.expectKey = true;
    }
    i++;
  }
  return orders;
}
