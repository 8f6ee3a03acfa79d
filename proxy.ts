import { getSessionCookie } from "better-auth/cookies";
import { type NextRequest, NextResponse } from "next/server";
import { signInPath } from "@/lib/auth/safe-return-path";
import { getConfig } from "@/lib/config";
import { createNonce, pageContentSecurityPolicy } from "@/lib/http/security-headers";

const PUBLIC_PATHS = ["/sign-in", "/sign-up"];

/**
 * A fast first check: a visit without a session cookie goes straight to sign-in, remembering the
 * page. Pages, actions and routes still verify the session and workspace themselves.
 * Every page also gets its Content-Security-Policy here, with a nonce of its own; the headers that
 * do not change per request are set in next.config.mjs.
 */
export function proxy(request: NextRequest) {
  const policy = pageContentSecurityPolicy({
    nonce: createNonce(),
    development: !getConfig().isProduction,
  });
  const { pathname, search } = request.nextUrl;
  const isPublic = PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  if (!isPublic && !getSessionCookie(request)) {
    const response = NextResponse.redirect(new URL(signInPath(`${pathname}${search}`), request.url));
    response.headers.set("Content-Security-Policy", policy);
    return response;
  }
  const forwarded = new Headers(request.headers);
  forwarded.set("x-outflow-path", `${pathname}${search}`);
  // Next.js takes the nonce for its own scripts from the request's policy header.
  forwarded.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Pages only: not Next's own assets, public files or API routes. API routes check their own access (session or ingest key) and must receive request bodies
  // unbuffered: uploads are streamed.
  // Public files at the top level (the logo on the sign-in page) are matched by their extension.
  matcher: [
    "/((?!api/|_next/static|_next/image|favicon.ico|logos/|fonts/|[^/]+\\.(?:svg|png|ico|txt|webmanifest)$).*)",
  ],
};
