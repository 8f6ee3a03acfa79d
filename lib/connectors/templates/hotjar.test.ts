import { describe, expect, it } from "vitest";
import type { Mapping } from "@/lib/mapping/types";
import { build, JSON_HEADERS } from "./golden";

const BASE = "https://api.hotjar.io";
const lookup = (
  records: Record<string, unknown>[],
  settings: Record<string, unknown> = { organization_id: "1234567" },
  mapping?: Mapping,
) => build("hotjar", "user-lookup", BASE, settings, records, mapping ? { mapping } : {});

describe("Hotjar User Lookup", () => {
  it("posts one lookup per record to the organization's URL, deleting nothing by default", async () => {
    const result = await lookup([
      { data_subject_email: "jane@example.com", plan: "pro" },
      // A record cannot switch deletion on: only the setting can.
      { data_subject_site_id_to_user_id_map: { "123": "user-9" }, delete_all_hits: true },
    ]);
    expect(result.requests).toEqual([
      {
        method: "POST",
        url: "https://api.hotjar.io/v1/organizations/1234567/user-lookup",
        headers: JSON_HEADERS,
        body: '{"data_subject_email":"jane@example.com","delete_all_hits":false}',
        recordIds: ["r1"],
      },
      {
        method: "POST",
        url: "https://api.hotjar.io/v1/organizations/1234567/user-lookup",
        headers: JSON_HEADERS,
        body: '{"data_subject_site_id_to_user_id_map":{"123":"user-9"},"delete_all_hits":false}',
        recordIds: ["r2"],
      },
    ]);
    expect(result.problems).toEqual([]);
  });

  it("deletes only when Also delete this person's data is on", async () => {
    const result = await lookup([{ email: "a@x.io" }], { organization_id: "1", delete_all_hits: true });
    expect(result.requests[0]?.body).toBe('{"data_subject_email":"a@x.io","delete_all_hits":true}');
  });

  it("reads the email from the mapped field; without a mapping from data_subject_email or email", async () => {
    expect((await lookup([{ email: "a@x.io" }])).requests[0]?.body).toBe(
      '{"data_subject_email":"a@x.io","delete_all_hits":false}',
    );
    const mapped = await lookup(
      [{ contact: { mail: " B@x.io " } }],
      { organization_id: "1" },
      {
        rows: [
          {
            target: "data_subject_email",
            source: { kind: "field", path: "contact.mail" },
            transforms: [{ kind: "trim" }, { kind: "lowercase" }],
          },
        ],
        rest: null,
      },
    );
    expect(mapped.requests[0]?.body).toBe('{"data_subject_email":"b@x.io","delete_all_hits":false}');
  });

  it("fails pre-flight without either identifier", async () => {
    const result = await lookup([{ name: "no ids" }]);
    expect(result.requests).toEqual([]);
    expect(result.problems).toEqual([
      {
        recordId: "r1",
        message:
          "Hotjar needs data_subject_email or data_subject_site_id_to_user_id_map: this record has neither.",
      },
    ]);
  });

  it("needs the Organization ID", async () => {
    const result = await lookup([{ email: "a@x.io" }], {});
    expect(result.problems[0]?.message).toMatch(/^The endpoint settings need fixing first: /);
  });
});
