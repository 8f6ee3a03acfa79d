/**
 * The Chromium the end-to-end tests drive: CHROMIUM_PATH, else Debian's headless shell, else
 * Debian's full Chromium. The headless shell draws no window and runs no GPU process: on two cores
 * shared with the app under test it takes the end-to-end stage from about 3.5 minutes to 2.5.
 * `npm test` checks for it first (scripts/test-all.ts), so a machine without it fails in a second,
 * not after the other stages.
 */
import { existsSync } from "node:fs";

const headlessShell = "/usr/bin/chromium-headless-shell";
const fullChromium = "/usr/bin/chromium";

export const chromiumPath =
  process.env.CHROMIUM_PATH ??
  (existsSync(headlessShell) || !existsSync(fullChromium) ? headlessShell : fullChromium);

/** Exits with instructions when Chromium is missing. */
export function requireChromium(): void {
  if (existsSync(chromiumPath)) return;
  console.error(
    `Chromium was not found at ${chromiumPath}. The end-to-end tests use Debian's Chromium headless shell:\n` +
      "  sudo apt-get update && sudo apt-get install -y chromium-headless-shell\n" +
      "(or Debian's chromium), or point CHROMIUM_PATH at another Chromium or Chrome binary.",
  );
  process.exit(1);
}
