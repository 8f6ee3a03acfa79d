import { describe, expect, it } from "vitest";
import { findTemplate } from "@/lib/connectors/templates/find-template";
import { forecast } from "./forecast";
import { configFromTemplate } from "./template-defaults";
import { manualConfig, templateConfig } from "./test-config";
import { validateEndpointConfig } from "./validate-endpoint-config";

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
  it("counts requests and the time they take at the rate limit", () => {
    const config = manualConfig({ batching: { enabled: true, size: 100, grouping: "fixed" } });
    expect(forecast(1050, config, { requests: 200, windowSeconds: 10 })).toEqual({
      records: 1050,
      requests: 11,
      seconds: 1,
      atLeast: false,
    });
    expect(forecast(6000, manualConfig(), { requests: 3000, windowSeconds: 60 })).toMatchObject({
      requests: 6000,
      seconds: 120,
    });
    expect(forecast(10, manualConfig(), null).seconds).toBeNull();
  });

  it("says when grouping makes the count a minimum, and caps the size at the template's", () => {
    const grouped = manualConfig({
      batching: { enabled: true, size: 10, grouping: "attribute", groupBy: "k" },
    });
    expect(forecast(100, grouped, null)).toMatchObject({ requests: 10, atLeast: true });
    const template = findTemplate("hubspot", "identify-contacts");
    if (!template) throw new Error("template missing");
    const contacts = configFromTemplate("hubspot", template, "https://api.hubapi.com");
    expect(contacts.url).toBe("https://api.hubapi.com/crm/v3/objects/contacts/batch/upsert");
    expect(
      forecast(1000, { ...contacts, batching: { ...contacts.batching, size: 500 } }, null).requests,
    ).toBe(10);
  });
});
