/**
 * What no URL field may hold. The WHATWG URL parser silently drops CR, LF and tab, so a URL
 * with one inside is previewed as typed yet sent as something else; and a `user:pass@` part would
 * travel as Basic auth to whatever host the URL names, outside the credential that should carry
 * it. Both are refused on the field, before anything is saved.
 */

export const URL_WHITESPACE_MESSAGE =
  "This URL contains a line break or tab: remove it and enter the URL on one line.";

export const URL_USERINFO_MESSAGE =
  "Remove the user name and password (user:pass@) from this URL: put them in a credential instead, e.g. Basic auth.";

/** Why this URL text cannot be used, or null. Placeholders such as `{{record.id}}` are fine. */
export function urlTextProblem(text: string): string | null {
  if (/[\r\n\t]/.test(text)) return URL_WHITESPACE_MESSAGE;
  if (hasUserinfo(text)) return URL_USERINFO_MESSAGE;
  return null;
}

function hasUserinfo(text: string): boolean {
  // The authority runs from after "scheme://" to the first / ? # (or \, which http(s) treats as /).
  const authority = /^\s*[a-z][a-z0-9+.-]*:[/\\]*([^/?#\\]*)/i.exec(text)?.[1];
  if (authority?.includes("@")) return true;
  try {
    const url = new URL(text.trim());
    return url.username !== "" || url.password !== "";
  } catch {
    return false;
  }
}
