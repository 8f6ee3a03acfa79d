/**
 * XML bodies: `<?xml …?>`, then the root element holding one item element per record
 * (`<records><record>…</record></records>`, names configurable), also for a single record, so a
 * receiver sees one shape whatever the batch size.
 *
 * Inside an item each key becomes an element; an array repeats its key's element once per value
 * (`<tags>a</tags><tags>b</tags>`; an array inside an array nests `<value>` elements); null is an
 * empty element. Keys that are not XML names are made into names: characters outside
 * [A-Za-z0-9_.-] become `_`, and a name not starting with a letter or `_` gets a `_` prefix.
 * Text escapes & < > " '. Characters XML 1.0 cannot carry at all (controls other than tab, LF,
 * CR) make the record a problem rather than being silently dropped.
 */
import { isPlainObject } from "./record-path";

export const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

export class XmlValueError extends Error {}

/** One record's item element; throws XmlValueError for text XML cannot carry. */
export function serializeXmlItem(item: unknown, itemName: string): string {
  return element(itemName, item);
}

export function wrapXmlItems(fragments: string[], rootName: string): string {
  return `${XML_DECLARATION}<${rootName}>${fragments.join("")}</${rootName}>`;
}

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value))
    return value.map((item) => element(name, Array.isArray(item) ? { value: item } : item)).join("");
  if (isPlainObject(value)) {
    const children = Object.entries(value)
      .map(([key, child]) => element(toXmlName(key), child))
      .join("");
    return `<${name}>${children}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

export function toXmlName(key: string): string {
  const cleaned = key.replace(/[^A-Za-z0-9_.-]/g, "_");
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

export function escapeXml(text: string): string {
  const bad = firstNonXmlChar(text);
  if (bad !== undefined) {
    const code = bad.toString(16).toUpperCase().padStart(4, "0");
    throw new XmlValueError(`The value ${JSON.stringify(text)} holds U+${code}, which XML 1.0 cannot carry.`);
  }
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** XML 1.0's Char production: no C0 controls but tab, LF, CR; no U+FFFE/U+FFFF; no lone surrogates. */
function firstNonXmlChar(text: string): number | undefined {
  // for…of walks code points: a valid surrogate pair arrives whole, a lone surrogate alone.
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const control = code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
    if (control || code === 0xfffe || code === 0xffff || (code >= 0xd800 && code <= 0xdfff)) return code;
  }
  return undefined;
}

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};
