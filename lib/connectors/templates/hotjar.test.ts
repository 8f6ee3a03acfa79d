import { describe, expect, it } from "vitest";
import { build, JSON_HEADERS } from "./golden";

const BASE = "https://api.hotjar.io";
const lookup = (
  records: Record<string, unknown>[],
  settings: Record<string, unknown> = { organization_id: "1234567" },
) => build("hotjar", "user-lookup", BASE, settings, records);

describe("Hotjar User Lookup", () => {
  it("posts one lookup per record to the organization's URL", () => {
    const result = lookup([
      { data_subject_email: "jane@example.com", plan: "pro" },
      { data_subject_site_id_to_user_id_map: { "123": "user-9" }, delete_all_hits: true },
    ]);
    expect(result).toEqual({
      requests: [
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
          body: '{"data_subject_site_id_to_user_id_map":{"123":"user-9"},"delete_all_hits":true}',
          recordIds: ["r2"],
        },
      ],
      problems: [],
      skipped: [],
    });
  });

  it("reads the email from the mapped field (default email)", () => {
    expect(lookup([{ email: "a@x.io" }]).requests[0]?.body).toBe(
      '{"data_subject_email":"a@x.io","delete_all_hits":false}',
    );
    const mapped = lookup([{ contact: { mail: "b@x.io" } }], {
      organization_id: "1",
      email_field: "contact.mail",
    });
    expect(mapped.requests[0]?.body).toBe('{"data_subject_email":"b@x.io","delete_all_hits":false}');
  });

  it("fails pre-flight without either identifier, or with a non-boolean delete_all_hits", () => {
    const result = lookup([{ name: "no ids" }, { email: "a@x.io", delete_all_hits: "yes" }]);
    expect(result.requests).toEqual([]);
    expect(result.problems).toEqual([
      {
        recordId: "r1",
        message:
          'Hotjar needs data_subject_email or data_subject_site_id_to_user_id_map: this record has neither (and no email in "email").',
      },
      { recordId: "r2", message: "delete_all_hits must be true or false." },
    ]);
  });

  it("needs the Organization ID", () => {
    const result = lookup([{ email: "a@x.io" }], {});
    expect(result.problems[0]?.message).toMatch(/^The endpoint settings need fixing first: /);
  });
});
