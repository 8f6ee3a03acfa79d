import { getConfig } from "@/lib/config";

/**
 * Cross-site request forgery guard for routes that change state with the session cookie: the
 * cookie is SameSite=Lax, which still lets a page on another port of the same host (same site)
 * send it. Browsers send Origin on every POST/PUT/PATCH/DELETE, and Sec-Fetch-Site with it; a
 * request with neither comes from a client that does not carry the user's cookies by itself.
 * Returns the 403 to answer with, or null when the request comes from Outflow's own pages.
 */
export function refuseCrossOrigin(request: Request): Response | null {
  const expected = new URL(getConfig().publicUrl).origin;
  const origin = request.headers.get("origin");
  const fetchSite = request.headers.get("sec-fetch-site");
  if (origin !== null) {
    if (allowedOrigins(request, expected).includes(origin)) return null;
    return refusal(
      `This request came from ${origin === "null" ? "a page with no origin" : origin}, not from Outflow at ${expected}. Open Outflow at ${expected} and try again there.`,
    );
  }
  if (fetchSite !== null && fetchSite !== "same-origin" && fetchSite !== "none") {
    return refusal(
      `This request came from another site (Sec-Fetch-Site: ${fetchSite}). Open Outflow at ${expected} and try again there.`,
    );
  }
  return null;
}

function allowedOrigins(request: Request, expected: string): string[] {
  if (getConfig().isProduction) return [expected];
  // In development Outflow is often opened at 127.0.0.1 while OUTFLOW_URL says localhost: the
  // address the browser itself used is as good, as a foreign page cannot choose the Host it posts to.
  const host = request.headers.get("host");
  return host ? [expected, `${new URL(expected).protocol}//${host}`] : [expected];
}

function refusal(message: string): Response {
  return Response.json({ error: message }, { status: 403 });
}
