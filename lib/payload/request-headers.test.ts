import { describe, expect, it } from "vitest";
import { buildHeaders, headerFieldErrors, parseHeaderList } from "./request-headers";

describe("headerFieldErrors", () => {
  it("accepts ordinary headers and ignores empty rows", () => {
    expect(
      headerFieldErrors([
        { name: "X-Team", value: "a" },
        { name: "", value: "" },
      ]),
    ).toEqual({});
  });

  it("keys each problem by row and field", () => {
    expect(
      headerFieldErrors([
        { name: "X-Ok", value: "1" },
        { name: "X-Note", value: "a\r\nX-Injected: 1" },
        { name: "Bad Name", value: "1" },
        { name: "authorization", value: "Bearer abc" },
        { name: "x-ok", value: "2" },
        { name: "", value: "orphan" },
      ]),
    ).toEqual({
      "headers.1.value": 'The value of header "X-Note" contains a line break (CR or LF).',
      "headers.2.name": expect.stringMatching(/^The header name "Bad Name" is not valid/),
      "headers.3.name":
        "Authorization comes from the credential and is added when the request is sent: remove this header.",
      "headers.4.name": "x-ok is already set above.",
      "headers.5.name": "Enter the header name.",
    });
  });
});

describe("buildHeaders", () => {
  it("sets the content type, and lets the user's Content-Type replace it", () => {
    expect(buildHeaders([{ name: "X-A", value: "1" }], "application/json")).toEqual({
      "content-type": "application/json",
      "X-A": "1",
    });
    expect(
      buildHeaders([{ name: "Content-Type", value: "application/vnd.api+json" }], "application/json"),
    ).toEqual({
      "Content-Type": "application/vnd.api+json",
    });
    expect(buildHeaders([], null)).toEqual({});
  });
});

describe("parseHeaderList", () => {
  it("splits the pasted header1:value1,header2:value2 form, keeping commas inside values", () => {
    expect(parseHeaderList("header1:value1, header2 : value2,Accept:text/html, application/json")).toEqual([
      { name: "header1", value: "value1" },
      { name: "header2", value: "value2" },
      { name: "Accept", value: "text/html, application/json" },
    ]);
  });
});
