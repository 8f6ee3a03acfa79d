import { describe, expect, it } from "vitest";
import type { EndpointConfig } from "@/lib/payload/types";
import { manualEnvelopeErrors } from "./manual-envelope";

const manual = (url: string, changes: Partial<EndpointConfig["batching"]> = {}): EndpointConfig => ({
  mode: "manual",
  connectorId: "fullstory",
  method: "POST",
  url,
  headers: [],
  contentFormat: "json",
  excludeAttributes: [],
  bodyTemplate: null,
  batching: { enabled: true, size: 100, grouping: "fixed", envelopeKey: null, ...changes },
  xml: { root: "records", item: "record" },
});

describe("manualEnvelopeErrors", () => {
  it("names the envelope key a batch endpoint typed by hand takes", () => {
    expect(manualEnvelopeErrors(manual("https://api.fullstory.com/v2/users/batch"))).toEqual({
      "batching.envelopeKey":
        'This URL is Batch Create Users, which takes its records as {"requests": […]}: enter requests, or choose the Batch Create Users endpoint.',
    });
    // Through a proxy too: the path is what names the endpoint.
    expect(manualEnvelopeErrors(manual("https://proxy.example/fullstory/v2/users/batch/"))).toHaveProperty(
      "batching.envelopeKey",
    );
  });

  it("says nothing once the key is set, without batching, or for another path", () => {
    expect(
      manualEnvelopeErrors(manual("https://api.fullstory.com/v2/users/batch", { envelopeKey: "requests" })),
    ).toEqual({});
    expect(
      manualEnvelopeErrors(manual("https://api.fullstory.com/v2/users/batch", { enabled: false })),
    ).toEqual({});
    expect(manualEnvelopeErrors(manual("https://api.fullstory.com/v2/users"))).toEqual({});
    expect(manualEnvelopeErrors(manual("not a url"))).toEqual({});
  });
});
