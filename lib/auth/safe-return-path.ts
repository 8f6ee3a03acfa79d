const PROBE_ORIGIN = "http://outflow.invalid";

/**
 * The path to return to after sign-in, if it is a path inside Outflow. Anything else (another
 * origin, `//host`, a backslash trick) would make the sign-in page an open redirect.
 *
 * The check runs on the path as a browser would resolve it: `/.//evil.example`, `/a/..//evil.example`
 * and `/%2e//evil.example` all normalise to `//evil.example`, which a Location header sends to
 * another host. Browsers also drop tabs and newlines from URLs and read `\` as `/`.
 */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value?.startsWith("/") || isOffOrigin(value)) return "/";
  try {
    const url = new URL(value, PROBE_ORIGIN);
    if (url.origin !== PROBE_ORIGIN) return "/";
    const result = `${url.pathname}${url.search}${url.hash}`;
    // What we hand back is resolved again by the browser: it must pass the same check.
    if (isOffOrigin(result) || isOffOrigin(decodeSafely(url.pathname))) return "/";
    if (new URL(result, PROBE_ORIGIN).origin !== PROBE_ORIGIN) return "/";
    return result;
  } catch {
    return "/";
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

function isOffOrigin(path: string): boolean {
  if (CONTROL_CHARACTERS.test(path) || path.includes("\\")) return true;
  return path.startsWith("//") || /^\/%(?:2f|5c)/i.test(path);
}

function decodeSafely(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return "//";
  }
}

export function signInPath(returnTo: string): string {
  const next = safeReturnPath(returnTo);
  return next === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`;
}
