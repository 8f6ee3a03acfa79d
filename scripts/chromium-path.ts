/**
 * The Chromium the end-to-end tests drive: CHROMIUM_PATH, or Debian's. `npm test` checks for it
 * first (scripts/test-all.ts), so a machine without it fails in a second, not after the
 * other stages.
 */
import { existsSync } from "node:fs";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Exits with instructions when Chromium is missing. */
export function requireChromium(): void {
  if (existsSync(chromiumPath)) return;
  console.error(
    `Chromium was not found at ${chromiumPath}. The end-to-end tests use Debian's Chromium:\n` +
      "  sudo apt-get update && sudo apt-get install -y chromium\n" +
      "or point CHROMIUM_PATH at another Chromium or Chrome binary.",
  );
  process.exit(1);
}
