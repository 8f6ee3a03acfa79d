#!/bin/sh
# Stand-in for the native schema engine, which cannot be downloaded: `prisma generate` only
# checks that the path exists. Anything that really needs the engine fails loudly.
echo "The native Prisma schema engine is not used: run npm run db:migrate" >&2
exit 1
