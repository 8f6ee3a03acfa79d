/**
 * Golden tests: the one-click sample dataset, mapped as a user maps it in the editor, through every
 * endpoint template — records in, exact requests out.
 */
import { describe, expect, it } from "vitest";
import { sampleRecords } from "@/lib/datasets/sample-records";
import { build } from "./golden";
import { SAMPLE_MAPPINGS } from "./sample-mappings";

const BASE = "https://api.example.com";
const BATCH = { enabled: true, size: 100, grouping: "fixed" as const };
const BATCHED = new Set([
  "batch-create-users",
  "create-batch-events-import-job",
  "identify-contacts",
  "event-stream",
]);

const cases = Object.entries(SAMPLE_MAPPINGS).flatMap(([connectorId, templates]) =>
  Object.entries(templates).map(([templateId, sample]) => ({ connectorId, templateId, ...sample })),
);

describe("every template, mapped from the sample dataset", () => {
  it.each(cases)("$connectorId $templateId", async ({ connectorId, templateId, settings, mapping }) => {
    const result = await build(connectorId, templateId, BASE, settings, sampleRecords(3), {
      mapping,
      ...(BATCHED.has(templateId) ? { batching: BATCH } : {}),
    });
    expect(result.problems).toEqual([]);
    expect(
      result.requests.map(
        (request) => `${request.method} ${request.url} ${request.recordIds.join(",")}\n${request.body}`,
      ),
    ).toMatchSnapshot();
  });
});
