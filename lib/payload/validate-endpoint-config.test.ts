import { describe, expect, it } from "vitest";
import { templateForConfig } from "@/lib/connectors/templates/find-template";
import { forecast, sampleByEndpoint } from "./forecast";
import { manualConfig, templateConfig } from "./test-config";
import type { EndpointConfig } from "./types";
import { validateEndpointConfig as validateWith } from "./validate-endpoint-config";

const validateEndpointConfig = (config: EndpointConfig) => validateWith(config, templateForConfig(config));

describe("validateEndpointConfig", () => {
  it("accepts a complete manual config with placeholders in the URL", () => {
    const config = manualConfig({
      url: "https://api.example.com/{org}/{{record.id}}",
      templateSettings: { org: "1" },
    });
    expect(validateEndpointConfig(config)).toEqual({});
  });

  it.each([
    ["", "Enter the URL."],
    ["ftp://files.example.com/x", "Enter an http:// or https:// URL."],
    ["api.example.com/x", "Enter a full URL, e.g. https://api.example.com/v1/items."],
    ["https://api.example.com/{org}", "The URL uses {org}: fill in that setting."],
  ])("refuses the URL %j", (url, message) => {
    expect(validateEndpointConfig(manualConfig({ url }))).toEqual({ url: message });
  });

  it("keys batching, body template, XML and header errors by field", () => {
    const errors = validateEndpointConfig(
      manualConfig({
        contentFormat: "xml",
        xml: { root: "1root", item: "ok" },
        bodyTemplate: "{not json",
        headers: [
          { name: "X-A", value: "ok" },
          { name: "X-B", value: "a\nb" },
        ],
        batching: { enabled: true, size: 0, grouping: "attribute", envelopeKey: "requests" },
      }),
    );
    expect(Object.keys(errors).sort()).toEqual([
      "batching.envelopeKey",
      "batching.groupBy",
      "batching.size",
      "bodyTemplate",
      "headers.1.value",
      "xml.root",
    ]);
    expect(errors["batching.size"]).toBe("Enter a whole number from 1 to 50,000.");
  });

  it("bounds the batch size by the template's maximum", () => {
    const batchUsers = templateConfig(
      "fullstory",
      "batch-create-users",
      {},
      {
        batching: { enabled: true, size: 50_001, grouping: "fixed" },
      },
    );
    expect(validateEndpointConfig(batchUsers)).toEqual({
      "batching.size": "Enter a whole number from 1 to 50,000.",
    });
    const contacts = templateConfig(
      "hubspot",
      "identify-contacts",
      {},
      {
        batching: { enabled: true, size: 101, grouping: "fixed" },
      },
    );
    expect(validateEndpointConfig(contacts)).toEqual({
      "batching.size": "Enter a whole number from 1 to 100.",
    });
    const lookup = templateConfig(
      "hotjar",
      "user-lookup",
      { organization_id: "1" },
      {
        batching: { enabled: true, size: 2, grouping: "fixed" },
      },
    );
    expect(validateEndpointConfig(lookup)).toEqual({
      "batching.enabled": "This endpoint takes one record per request: turn batching off.",
    });
  });

  it("checks template settings with the template's schema, and the template's existence", () => {
    expect(
      validateEndpointConfig(templateConfig("hotjar", "user-lookup", { organization_id: "abc" })),
    ).toEqual({
      "templateSettings.organization_id": "The Organization ID is a number, e.g. 1234567.",
    });
    expect(validateEndpointConfig(templateConfig("hotjar", "nope"))).toEqual({
      templateId: "Choose an endpoint.",
    });
  });
});

describe("forecast", () => {
  const endpoint = (records: number, requests: number, largest: number) => ({ records, requests, largest });

  it("is exact when the whole dataset was checked, with the time at the rate limit", () => {
    expect(
      forecast(
        { total: 1050, checked: 1050, endpoints: [endpoint(1000, 11, 100)] },
        { requests: 200, windowSeconds: 10 },
      ),
    ).toEqual({ records: 1050, sendable: 1000, requests: 11, seconds: 1, checked: 1050, exact: true });
    expect(forecast({ total: 10, checked: 10, endpoints: [endpoint(10, 10, 1)] }, null).seconds).toBeNull();
  });

  it("scales a sample per endpoint, so a partly filled batch is not multiplied up", () => {
    const measured = forecast(
      { total: 100_000, checked: 1000, endpoints: [endpoint(800, 1, 800), endpoint(100, 100, 1)] },
      { requests: 3000, windowSeconds: 60 },
    );
    expect(measured).toMatchObject({ sendable: 90_000, requests: 100 + 10_000, exact: false, checked: 1000 });
    expect(measured.seconds).toBe(Math.ceil((10_100 / 3000) * 60));
  });

  it("groups a sample's requests by method and URL without the query", () => {
    expect(
      sampleByEndpoint([
        { method: "DELETE", url: "https://x.io/v2/users?uid=a", recordIds: ["1"] },
        { method: "DELETE", url: "https://x.io/v2/users?uid=b", recordIds: ["2"] },
        { method: "POST", url: "https://x.io/v2/users/batch", recordIds: ["3", "4"] },
      ]),
    ).toEqual([endpoint(2, 2, 1), endpoint(2, 1, 2)]);
  });
});
