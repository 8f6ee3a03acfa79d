/**
 * The Content-Security-Policy of every page. Scripts run only with the per-request nonce, which
 * Next.js reads from this header and puts on its own scripts (and 'strict-dynamic' extends to the
 * chunks they load). Styles come from stylesheets only: no inline style attributes, so the policy
 * needs no 'unsafe-inline'. Development needs 'unsafe-eval' for React's refresh runtime and inline
 * styles for Next's overlay.
 */
export function pageContentSecurityPolicy(options: { nonce: string; development: boolean }): string {
  const scripts = [`'self'`, `'nonce-${options.nonce}'`, `'strict-dynamic'`];
  if (options.development) scripts.push(`'unsafe-eval'`);
  return [
    `default-src 'self'`,
    `script-src ${scripts.join(" ")}`,
    // Next's development overlay injects <style> elements without the nonce; a nonce in the list
    // would make browsers ignore 'unsafe-inline', so development lists 'unsafe-inline' alone.
    options.development ? `style-src 'self' 'unsafe-inline'` : `style-src 'self' 'nonce-${options.nonce}'`,
    `img-src 'self' data: blob:`,
    `font-src 'self' data:`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join("; ");
}

/** A fresh nonce per response: 128 random bits, base64. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}
