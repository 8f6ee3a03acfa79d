import { describe, expect, it } from "vitest";
import { URL_USERINFO_MESSAGE, URL_WHITESPACE_MESSAGE, urlTextProblem } from "./url-rules";

describe("urlTextProblem", () => {
  it("accepts ordinary URLs, with placeholders and an @ in the path or query", () => {
    expect(urlTextProblem("https://api.example.com/v1/items")).toBeNull();
    expect(urlTextProblem("https://api.example.com/users/{{record.email}}?org={org}")).toBeNull();
    expect(urlTextProblem("https://api.example.com/u/bob@example.com?to=a@b.c")).toBeNull();
  });

  it.each([
    "https://api.exa\nmple.com/v1",
    "https://api.example.com/v1\r/items",
    "https://api.example.com/\tv1",
  ])("refuses a line break or tab inside %j", (url) => {
    expect(urlTextProblem(url)).toBe(URL_WHITESPACE_MESSAGE);
  });

  it.each([
    "https://bob:secret@api.example.com/v1",
    "https://bob@api.example.com",
    "https://:secret@api.example.com",
    "http://@api.example.com",
    "https:\\\\bob:pw@api.example.com",
  ])("refuses user info in %j", (url) => {
    expect(urlTextProblem(url)).toBe(URL_USERINFO_MESSAGE);
  });
});
