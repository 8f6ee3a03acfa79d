import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { sampleRecords } from "@/lib/datasets/sample-records";
import { db, disconnectDb } from "@/lib/db/client";
import { createTemplateFlow } from "@/lib/testing/delivery-fixtures";
import { resetDatabase } from "@/lib/testing/reset-database";
import { destinationConfigSchema } from "./destination-config";
import { previewRequests } from "./preview-requests";

afterAll(async () => {
  await disconnectDb();
});
beforeEach(async () => {
  await resetDatabase();
});

async function flowConfig(destinationId: string) {
  const destination = await db().destination.findUniqueOrThrow({ where: { id: destinationId } });
  const version = await db().destinationVersion.findFirstOrThrow({
    where: { destinationId, version: destination.currentVersion },
  });
  return destinationConfigSchema.parse(version.config);
}

describe("pre-flight over the whole dataset", () => {
  it("counts each problem on its target field over every record, with examples", async () => {
    const records = sampleRecords(60).map((record, index) =>
      index % 3 === 0 ? { ...record, occurred_at: "not a date" } : record,
    );
    const { workspaceId, destinationId } = await createTemplateFlow({
      connectorId: "fullstory",
      templateId: "create-event",
      values: { apiKey: "na1.preflight-key" },
      baseUrl: "https://api.fullstory.com",
      records,
      mapping: {
        rows: [
          { target: "name", source: { kind: "field", path: "event_type" }, transforms: [] },
          { target: "timestamp", source: { kind: "field", path: "occurred_at" }, transforms: [] },
          { target: "user.uid", source: { kind: "field", path: "nope" }, transforms: [] },
        ],
        rest: null,
      },
    });
    const preview = await previewRequests(workspaceId, destinationId, await flowConfig(destinationId), 3);
    expect(preview.preflight).toMatchObject({ checked: 60, total: 60, exact: true });
    expect(preview.preflight?.issues).toEqual([
      expect.objectContaining({ kind: "type", field: "timestamp", count: 20 }),
    ]);
    expect(preview.preflight?.issues[0]?.examples).toHaveLength(3);
    expect(preview.preflight?.issues[0]?.message).toMatch(/^timestamp: "not a date" is not a date/);
    expect(preview.forecast).toMatchObject({ records: 60, sendable: 40, requests: 40, exact: true });
  });

  it("warns when a fixed setting would repeat one delete for every record", async () => {
    const { workspaceId, destinationId } = await createTemplateFlow({
      connectorId: "fullstory",
      templateId: "delete-user",
      values: { apiKey: "na1.preflight-key" },
      baseUrl: "https://api.fullstory.com",
      records: sampleRecords(200),
      settings: { uid: "user_1000" },
    });
    const config = await flowConfig(destinationId);
    const preview = await previewRequests(workspaceId, destinationId, config, 3);
    expect(preview.warnings).toEqual([
      "200 requests would all delete user user_1000: map a field that differs per record, or clear the fixed setting.",
    ]);
    const perRecord = { ...config, endpoint: { ...config.endpoint, templateSettings: {} } };
    expect((await previewRequests(workspaceId, destinationId, perRecord, 3)).warnings).toEqual([]);
  });
});
