import { describe, expect, it } from "vitest";
import { buildRequests } from "./build-requests";
import { batching as batch, testContext as ctx, manualConfig, people, sourceRecords } from "./test-config";

describe("buildRequests: URLs", () => {
  it("fills {param} from settings and {{record.path}} from the record, URL-encoded", async () => {
    const config = manualConfig({
      method: "DELETE",
      url: "https://api.example.com/orgs/{org}/users/{{record.user.email}}?team={{record.team}}",
      templateSettings: { org: "a/b" },
    });
    expect((await buildRequests(config, people.slice(0, 1), ctx)).requests[0]?.url).toBe(
      "https://api.example.com/orgs/a%2Fb/users/ann%40x.io?team=red",
    );
  });

  it("a record without the URL's value is a problem", async () => {
    const config = manualConfig({ url: "https://api.example.com/t/{{record.team}}" });
    const result = await buildRequests(config, sourceRecords({ team: "x y" }, { other: 1 }), ctx);
    expect(result.requests.map((r) => r.url)).toEqual(["https://api.example.com/t/x%20y"]);
    expect(result.problems).toEqual([
      { recordId: "r2", message: "The URL uses {{record.team}}, but this record has no value there." },
    ]);
  });

  it("a batch may only use values shared by all its records", async () => {
    const url = "https://api.example.com/t/{{record.team}}";
    const fixed = await buildRequests(manualConfig({ url, batching: batch({ size: 2 }) }), people, ctx);
    expect(fixed.requests.map((r) => r.recordIds)).toEqual([["r3"]]);
    expect(fixed.problems.map((p) => p.recordId)).toEqual(["r1", "r2"]);
    expect(fixed.problems[0]?.message).toMatch(/differs between the 2 records of this batch/);
    const grouped = await buildRequests(
      manualConfig({ url, batching: batch({ grouping: "attribute", groupBy: "team" }) }),
      people,
      ctx,
    );
    expect(grouped.problems).toEqual([]);
    expect(grouped.requests.map((r) => r.url)).toEqual([
      "https://api.example.com/t/red",
      "https://api.example.com/t/blue",
    ]);
  });
});

describe("buildRequests: headers and idempotency", () => {
  it("adds the user's headers and refuses Authorization", async () => {
    const ok = manualConfig({ headers: [{ name: "X-Team", value: "growth" }] });
    expect((await buildRequests(ok, people.slice(0, 1), ctx)).requests[0]?.headers).toEqual({
      "content-type": "application/json",
      "X-Team": "growth",
    });
    const auth = manualConfig({ headers: [{ name: "Authorization", value: "Bearer secret" }] });
    const result = await buildRequests(auth, people.slice(0, 1), ctx);
    expect(result.requests).toEqual([]);
    expect(result.problems[0]?.message).toMatch(/Authorization comes from the credential/);
  });

  it("refuses a header value with a line break", async () => {
    const config = manualConfig({ headers: [{ name: "X-A", value: "1\r\nX-B: 2" }] });
    expect((await buildRequests(config, people, ctx)).problems).toHaveLength(3);
  });

  it("gives the same batch the same key on every build, and different batches different keys", async () => {
    const config = manualConfig({ batching: batch({ size: 2 }) });
    const first = (await buildRequests(config, people, ctx)).requests.map((r) => r.idempotencyKey);
    const again = (await buildRequests(structuredClone(config), structuredClone(people), ctx)).requests.map(
      (r) => r.idempotencyKey,
    );
    expect(again).toEqual(first);
    expect(new Set(first).size).toBe(2);
    const otherUrl = (await buildRequests({ ...config, url: "https://api.example.com/other" }, people, ctx))
      .requests;
    expect(otherUrl[0]?.idempotencyKey).not.toBe(first[0]);
  });
});
