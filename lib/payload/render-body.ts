/**
 * A batch's body in its content format. Each record's item is encoded on its own first (a
 * "fragment"): that is where a record that cannot be encoded is caught as that record's problem,
 * and fragment sizes let "by request size" grouping fill requests without re-encoding them.
 */
import { stringifyJson } from "@/lib/json/exact-json";
import { serializeCsv } from "./serialize-csv";
import { serializeForm } from "./serialize-form";
import { serializeXmlItem, wrapXmlItems } from "./serialize-xml";
import type { ContentFormat } from "./types";

export const CONTENT_TYPES: Record<ContentFormat, string> = {
  json: "application/json",
  ndjson: "application/x-ndjson",
  csv: "text/csv; charset=utf-8",
  xml: "application/xml; charset=utf-8",
  form: "application/x-www-form-urlencoded",
  text: "text/plain; charset=utf-8",
};

export type BodyShape = {
  format: ContentFormat;
  /** A batched request wraps its items (JSON array or envelope) even when it holds one record. */
  batched: boolean;
  envelopeKey: string | null;
  xml: { root: string; item: string };
};

export const DEFAULT_XML = { root: "records", item: "record" };

/** One record's encoded item; throws (XmlValueError) when the format cannot carry it. */
export function encodeItem(item: unknown, shape: BodyShape): string {
  switch (shape.format) {
    case "json":
    case "ndjson":
      return stringifyJson(item);
    case "csv":
      return serializeCsv([item]);
    case "xml":
      return serializeXmlItem(item, shape.xml.item);
    case "form":
      return serializeForm(item);
    case "text":
      return typeof item === "string" ? item : stringifyJson(item);
  }
}

export function renderBody(items: unknown[], fragments: string[], shape: BodyShape): string {
  switch (shape.format) {
    case "json": {
      if (!shape.batched) return fragments[0] ?? "null";
      const array = `[${fragments.join(",")}]`;
      return shape.envelopeKey ? `{${JSON.stringify(shape.envelopeKey)}:${array}}` : array;
    }
    case "ndjson":
      return fragments.map((fragment) => `${fragment}\n`).join("");
    case "csv":
      // The header is the union of the batch's columns, so CSV is encoded for the batch as a whole.
      return serializeCsv(items);
    case "xml":
      return wrapXmlItems(fragments, shape.xml.root);
    case "form":
      return fragments[0] ?? "";
    case "text":
      return fragments.join("\n");
  }
}

/** Bytes a body of `count` fragments of `sum` bytes in all takes, exactly for JSON/NDJSON/XML/text, at most for CSV. */
export function estimateBodyBytes(sum: number, count: number, shape: BodyShape): number {
  switch (shape.format) {
    case "json": {
      if (!shape.batched) return sum;
      const wrapper = shape.envelopeKey ? Buffer.byteLength(JSON.stringify(shape.envelopeKey)) + 3 : 0;
      return sum + Math.max(0, count - 1) + 2 + wrapper;
    }
    case "ndjson":
      return sum + count;
    case "xml":
      return sum + Buffer.byteLength(wrapXmlItems([], shape.xml.root));
    case "text":
      return sum + Math.max(0, count - 1);
    default:
      return sum;
  }
}
