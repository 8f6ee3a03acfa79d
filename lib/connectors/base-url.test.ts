import { describe, expect, it } from "vitest";
import { baseUrlShape, completeBaseUrl } from "./base-url";
import { fullstory } from "./fullstory";
import { hightouch } from "./hightouch";

describe("completeBaseUrl", () => {
  it("adds the API's fixed path prefix to a host given alone", () => {
    expect(completeBaseUrl(hightouch, "https://api.hightouch.com")).toBe("https://api.hightouch.com/api/v1");
    expect(completeBaseUrl(hightouch, "https://eu.proxy.example:8443/")).toBe(
      "https://eu.proxy.example:8443/api/v1",
    );
  });

  it("keeps a URL that has a path, and every URL of an API without a prefix", () => {
    expect(completeBaseUrl(hightouch, "https://api.hightouch.com/api/v1")).toBe(
      "https://api.hightouch.com/api/v1",
    );
    expect(completeBaseUrl(hightouch, "https://proxy.example/hightouch")).toBe(
      "https://proxy.example/hightouch",
    );
    expect(completeBaseUrl(fullstory, "https://api.eu1.fullstory.com")).toBe("https://api.eu1.fullstory.com");
    expect(completeBaseUrl(hightouch, "not a url")).toBe("not a url");
  });
});

describe("baseUrlShape", () => {
  it("says the shape the connector expects", () => {
    expect(baseUrlShape(hightouch)).toBe(
      "Its shape is https://api.hightouch.com/api/v1; a host alone is completed with /api/v1.",
    );
    expect(baseUrlShape(fullstory)).toBe("Its shape is the host alone, such as https://api.fullstory.com.");
  });
});
