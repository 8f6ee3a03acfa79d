/**
 * Request Headers: the user's headers plus the Content-Type of the body's format. Auth never comes
 * from here: the credential applies it after building, so a key typed into a destination cannot
 * end up in the config, the preview or the request log unmasked.
 */
import { findHeaderProblem } from "@/lib/http/header-safety";
import type { FieldErrors } from "./types";

export type HeaderRow = { name: string; value: string };

/** Set by the credential or by the HTTP client; a user value would be wrong or unsafe. */
const REFUSED: Record<string, string> = {
  authorization:
    "Authorization comes from the credential and is added when the request is sent: remove this header.",
  "proxy-authorization": "Proxy credentials cannot be set here: remove this header.",
  host: "Host is set from the URL: remove this header.",
  "content-length": "Content-Length is computed from the body: remove this header.",
  "transfer-encoding": "Transfer-Encoding is set by the HTTP client: remove this header.",
};

/** Rows the editor left empty are not headers. */
function filled(rows: HeaderRow[]): { row: HeaderRow; index: number }[] {
  return rows
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => row.name.trim() !== "" || row.value.trim() !== "");
}

export function headerFieldErrors(rows: HeaderRow[]): FieldErrors {
  const errors: FieldErrors = {};
  const seen = new Set<string>();
  for (const { row, index } of filled(rows)) {
    const name = row.name.trim();
    const key = name.toLowerCase();
    if (name === "") errors[`headers.${index}.name`] = "Enter the header name.";
    else if (REFUSED[key]) errors[`headers.${index}.name`] = REFUSED[key];
    else if (seen.has(key)) errors[`headers.${index}.name`] = `${name} is already set above.`;
    else {
      const nameProblem = findHeaderProblem({ [name]: "" });
      const valueProblem = findHeaderProblem({ [name]: row.value });
      if (nameProblem) errors[`headers.${index}.name`] = nameProblem;
      else if (valueProblem) errors[`headers.${index}.value`] = valueProblem;
    }
    seen.add(key);
  }
  return errors;
}

/**
 * The request's headers: Content-Type first (when there is a body), then the user's rows, a
 * user Content-Type replacing the automatic one. Call headerFieldErrors first.
 */
export function buildHeaders(rows: HeaderRow[], contentType: string | null): Record<string, string> {
  const headers: Record<string, string> = {};
  const users = filled(rows).map(({ row }) => ({ name: row.name.trim(), value: row.value }));
  const userSetsType = users.some((row) => row.name.toLowerCase() === "content-type");
  if (contentType && !userSetsType) headers["content-type"] = contentType;
  for (const row of users) headers[row.name] = row.value;
  return headers;
}

/**
 * Rows from the pasted form `header1:value1,header2:value2` (the seed's Request Headers syntax).
 * A comma starts a new header only when a `name:` follows it, so values may hold commas
 * (`Accept: text/html, application/json`).
 */
export function parseHeaderList(text: string): HeaderRow[] {
  return text
    .split(/,(?=\s*[!#$%&'*+\-.^_`|~0-9A-Za-z]+\s*:)/)
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => {
      const colon = part.indexOf(":");
      return colon < 0
        ? { name: part, value: "" }
        : { name: part.slice(0, colon).trim(), value: part.slice(colon + 1).trim() };
    });
}
