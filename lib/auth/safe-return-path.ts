/**
 * The path to return to after sign-in, if it is a path inside Outflow. Anything else (another
 * origin, `//host`, a backslash trick) would make the sign-in page an open redirect.
 */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value?.startsWith("/") || value.startsWith("//") || value.includes("\\")) return "/";
  try {
    const url = new URL(value, "http://outflow.invalid");
    if (url.origin !== "http://outflow.invalid") return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}

export function signInPath(returnTo: string): string {
  const next = safeReturnPath(returnTo);
  return next === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`;
}
