import type { MappingRow } from "./types";

/** Where a row's value comes from, in the editor's words: `event_type`, `constant "pro"`, `expression …`. */
export function describeSource(row: MappingRow): string {
  switch (row.source.kind) {
    case "field":
      return row.source.path;
    case "constant":
      return `constant ${JSON.stringify(row.source.value)}`;
    case "expression":
      return `expression ${row.source.expression.length > 40 ? `${row.source.expression.slice(0, 37)}…` : row.source.expression}`;
  }
}
