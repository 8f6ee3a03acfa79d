// Prints one closing line, "N passed, N failed, N skipped", summed from the Vitest and Playwright
// JSON reports in reports/. A step that failed before writing its report counts as one failure.
import { existsSync, readFileSync } from "node:fs";

const expected = ["reports/vitest-unit.json", "reports/vitest-integration.json", "reports/playwright.json"];
let passed = 0;
let failed = 0;
let skipped = 0;

for (const file of expected) {
  if (!existsSync(file)) {
    failed += 1;
    console.log(`${file}: missing (its step did not run or did not finish)`);
    continue;
  }
  const report = JSON.parse(readFileSync(file, "utf8"));
  if (report.stats) {
    // Playwright: a flaky test passed only on a retry, which counts as a failure here.
    passed += report.stats.expected ?? 0;
    failed += (report.stats.unexpected ?? 0) + (report.stats.flaky ?? 0);
    skipped += report.stats.skipped ?? 0;
  } else {
    passed += report.numPassedTests ?? 0;
    failed += (report.numFailedTests ?? 0) + (report.success === false && !report.numFailedTests ? 1 : 0);
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  }
}

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
