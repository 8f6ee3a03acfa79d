import { describe, expect, it } from "vitest";
import type { OutboundResponse } from "@/lib/http/types";
import { hubspot } from "./hubspot";

const request = {
  body: JSON.stringify({
    inputs: [
      { idProperty: "email", id: "ann@example.com", properties: {} },
      { idProperty: "email", id: "bob@example", properties: {} },
      { idProperty: "email", id: "cy@example.com", properties: {} },
    ],
  }),
};
const recordIds = ["11", "12", "13"];

function answer(status: number, body: unknown): OutboundResponse {
  return {
    ok: true,
    status,
    statusText: "",
    headers: {},
    body: JSON.stringify(body),
    bodyBytes: 0,
    bodyTruncated: false,
    durationMs: 1,
    finalUrl: "https://api.hubapi.com/crm/v3/objects/contacts/batch/upsert",
  };
}

describe("HubSpot partial failures", () => {
  const failures = hubspot.partialFailures?.bind(hubspot);

  it("fails only the inputs a 207 names", () => {
    const response = answer(207, {
      status: "COMPLETE",
      results: [{ id: "1" }, { id: "3" }],
      numErrors: 1,
      errors: [
        {
          status: "error",
          category: "VALIDATION_ERROR",
          message: "Property values were not valid",
          context: { ids: ["BOB@example"] },
        },
      ],
    });
    expect(failures?.(request, response, recordIds)).toEqual([
      { recordId: "12", message: "VALIDATION_ERROR: Property values were not valid" },
    ]);
  });

  it("fails the whole batch when an error names no input, as nothing says which got through", () => {
    const response = answer(207, {
      numErrors: 1,
      errors: [{ category: "RATE_LIMITS", message: "Try later" }],
    });
    expect(failures?.(request, response, recordIds)?.map((failure) => failure.recordId)).toEqual(recordIds);
  });

  it("finds nothing in a 200", () => {
    expect(failures?.(request, answer(200, { status: "COMPLETE", results: [] }), recordIds)).toEqual([]);
  });
});
