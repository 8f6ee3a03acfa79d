/**
 * Header names and values come from users (Request Headers) and templates. A CR or LF would let
 * one header smuggle in others, or end the header block and start a body of the user's choosing;
 * a NUL is cut short by some servers. Checked before anything is sent, with the header named.
 */

/** RFC 9110 token: the characters allowed in header names and methods. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** What Node's HTTP client accepts in a value: tab, visible ASCII, space and Latin-1 (obs-text). */
const VALUE_CHARS = /^[\t\x20-\x7e\x80-\xff]*$/;

export function isToken(value: string): boolean {
  return TOKEN.test(value);
}

/** The first problem with `headers` as a sentence naming the header, or undefined when all are safe. */
export function findHeaderProblem(headers: Record<string, string>): string | undefined {
  for (const [name, value] of Object.entries(headers)) {
    const problem = nameProblem(name) ?? valueProblem(name, value);
    if (problem) return problem;
  }
  return undefined;
}

function nameProblem(name: string): string | undefined {
  // JSON.stringify shows CR/LF/NUL as \r \n \u0000 instead of printing them.
  const shown = JSON.stringify(name);
  if (/[\r\n]/.test(name)) return `The header name ${shown} contains a line break (CR or LF).`;
  if (name.includes("\0")) return `The header name ${shown} contains a NUL character.`;
  if (!isToken(name)) {
    return `The header name ${shown} is not valid: use letters, digits and ! # $ % & ' * + - . ^ _ \` | ~ only.`;
  }
  return undefined;
}

function valueProblem(name: string, value: string): string | undefined {
  if (/[\r\n]/.test(value)) return `The value of header "${name}" contains a line break (CR or LF).`;
  if (value.includes("\0")) return `The value of header "${name}" contains a NUL character.`;
  if (!VALUE_CHARS.test(value)) {
    return `The value of header "${name}" contains a character that cannot be sent in a header (control characters and characters outside Latin-1 are not allowed).`;
  }
  return undefined;
}
