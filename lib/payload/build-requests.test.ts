import { describe, expect, it } from "vitest";
import { buildRequests } from "./build-requests";
import { batching as batch, testContext as ctx, manualConfig, people, sourceRecords } from "./test-config";

describe("buildRequests: content formats", () => {
  it("JSON: one record per request by default, Content-Type set", async () => {
    const { requests, problems } = await buildRequests(manualConfig(), people.slice(0, 1), ctx);
    expect(problems).toEqual([]);
    expect(requests).toEqual([
      {
        method: "POST",
        url: "https://api.example.com/items",
        headers: { "content-type": "application/json" },
        body: '{"id":1,"name":"Ann","team":"red","user":{"email":"ann@x.io","plan":"pro"}}',
        recordIds: ["r1"],
        idempotencyKey: expect.stringMatching(/^[0-9a-f]{32}$/),
      },
    ]);
  });

  it("JSON batches are arrays, or wrapped in the envelope key", async () => {
    const config = manualConfig({ excludeAttributes: ["user", "team"], batching: batch({ size: 2 }) });
    expect((await buildRequests(config, people, ctx)).requests.map((r) => r.body)).toEqual([
      '[{"id":1,"name":"Ann"},{"id":2,"name":"Bob"}]',
      '[{"id":3,"name":"Cy"}]',
    ]);
    const enveloped = manualConfig({
      excludeAttributes: ["user", "team", "name"],
      batching: batch({ envelopeKey: "inputs" }),
    });
    expect((await buildRequests(enveloped, people, ctx)).requests[0]?.body).toBe(
      '{"inputs":[{"id":1},{"id":2},{"id":3}]}',
    );
  });

  it("NDJSON: one JSON line per record, newline-terminated", async () => {
    const config = manualConfig({
      contentFormat: "ndjson",
      excludeAttributes: ["user"],
      batching: batch({}),
    });
    const [request] = (await buildRequests(config, people.slice(0, 2), ctx)).requests;
    expect(request?.headers).toEqual({ "content-type": "application/x-ndjson" });
    expect(request?.body).toBe('{"id":1,"name":"Ann","team":"red"}\n{"id":2,"name":"Bob","team":"blue"}\n');
  });

  it("CSV: nested objects flattened to dotted columns, arrays JSON-encoded, union of columns", async () => {
    const records = sourceRecords(
      { id: 1, user: { email: "a@x.io" }, tags: ["a", "b"], note: 'say "hi", ok' },
      { id: 2, extra: true, user: { email: null } },
    );
    const [request] = (
      await buildRequests(manualConfig({ contentFormat: "csv", batching: batch({}) }), records, ctx)
    ).requests;
    expect(request?.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(request?.body).toBe(
      'id,user.email,tags,note,extra\r\n1,a@x.io,"[""a"",""b""]","say ""hi"", ok",\r\n2,,,,true',
    );
  });

  it("XML: configurable root and item, escaping, repeated elements for arrays", async () => {
    const records = sourceRecords({
      "first name": "A&B <x>",
      tags: ["a", "b"],
      n: 1,
      none: null,
      "1st": "'",
    });
    const config = manualConfig({ contentFormat: "xml", xml: { root: "people", item: "person" } });
    const [request] = (await buildRequests(config, records, ctx)).requests;
    expect(request?.headers["content-type"]).toBe("application/xml; charset=utf-8");
    expect(request?.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><people><person><first_name>A&amp;B &lt;x&gt;</first_name><tags>a</tags><tags>b</tags><n>1</n><none/><_1st>&apos;</_1st></person></people>',
    );
  });

  it("XML: a value XML cannot carry is that record's problem", async () => {
    const records = sourceRecords({ ok: "fine" }, { bad: "bell\u0007" });
    const result = await buildRequests(
      manualConfig({ contentFormat: "xml", batching: batch({}) }),
      records,
      ctx,
    );
    expect(result.requests.map((r) => r.recordIds)).toEqual([["r1"]]);
    expect(result.problems).toEqual([{ recordId: "r2", message: expect.stringContaining("U+0007") }]);
  });

  it("form-urlencoded: bracket names for nesting, one record per request", async () => {
    const records = sourceRecords({ name: "A B&C", user: { email: "a@x.io" }, tags: ["x", "y"], none: null });
    const [request] = (await buildRequests(manualConfig({ contentFormat: "form" }), records, ctx)).requests;
    expect(request?.headers).toEqual({ "content-type": "application/x-www-form-urlencoded" });
    expect(request?.body).toBe("name=A+B%26C&user%5Bemail%5D=a%40x.io&tags%5B0%5D=x&tags%5B1%5D=y&none=");
  });

  it("form-urlencoded refuses batching", async () => {
    const result = await buildRequests(
      manualConfig({ contentFormat: "form", batching: batch({}) }),
      people,
      ctx,
    );
    expect(result.requests).toEqual([]);
    expect(result.problems[0]?.message).toMatch(/Form-urlencoded bodies hold one record/);
  });

  it("text: rendered from the template, batched lines joined", async () => {
    const config = manualConfig({
      contentFormat: "text",
      bodyTemplate: "{{record.name}} <{{record.user.email}}> {{record.user.plan}}",
      batching: batch({}),
    });
    const [request] = (await buildRequests(config, people, ctx)).requests;
    expect(request?.headers).toEqual({ "content-type": "text/plain; charset=utf-8" });
    expect(request?.body).toBe("Ann <ann@x.io> pro\nBob <bob@x.io> \nCy <cy@x.io> free");
  });

  it("a JSON body template keeps types: numbers stay numbers, missing is null", async () => {
    const config = manualConfig({
      bodyTemplate:
        '{"user_id": {{record.id}}, "email": "{{record.user.email}}", "plan": {{record.user.plan}}, "x": {{record.nope}}, "label": "#{{record.id}}"}',
    });
    expect((await buildRequests(config, people.slice(1, 2), ctx)).requests[0]?.body).toBe(
      '{"user_id":2,"email":"bob@x.io","plan":null,"x":null,"label":"#2"}',
    );
  });

  it("GET sends no body and no Content-Type", async () => {
    const [request] = (await buildRequests(manualConfig({ method: "GET" }), people.slice(0, 1), ctx))
      .requests;
    expect(request).toMatchObject({ method: "GET", body: null, headers: {} });
  });
});

describe("buildRequests: grouping", () => {
  const five = sourceRecords(
    { k: "a", v: 1 },
    { k: "b", v: 2 },
    { k: "a", v: 3 },
    { v: 4 },
    { k: "a", v: 5 },
  );
  const ids = async (config: Parameters<typeof buildRequests>[0]) =>
    (await buildRequests(config, five, ctx)).requests.map((r) => r.recordIds);

  it("fixed size: consecutive records", async () => {
    expect(await ids(manualConfig({ batching: batch({ size: 2 }) }))).toEqual([
      ["r1", "r2"],
      ["r3", "r4"],
      ["r5"],
    ]);
  });

  it("by attribute: records sharing a value share a batch, capped at the size, missing values together", async () => {
    expect(
      await ids(manualConfig({ batching: batch({ grouping: "attribute", groupBy: "k", size: 2 }) })),
    ).toEqual([["r1", "r3"], ["r2"], ["r4"], ["r5"]]);
  });

  it("by attribute reads the record before exclusion", async () => {
    const config = manualConfig({
      excludeAttributes: ["k"],
      batching: batch({ grouping: "attribute", groupBy: "k" }),
    });
    const { requests } = await buildRequests(config, five, ctx);
    expect(requests.map((r) => r.recordIds)).toEqual([["r1", "r3", "r5"], ["r2"], ["r4"]]);
    expect(requests[0]?.body).toBe('[{"v":1},{"v":3},{"v":5}]');
  });

  it("by request size: fills each body up to maxBytes; a record alone over it is a problem", async () => {
    // Each item is 15 bytes ({"k":"a","v":1}); [a,b] = 2 + 15 + 1 + 15 = 33 bytes.
    const config = manualConfig({ batching: batch({ grouping: "size", maxBytes: 33 }) });
    const { requests } = await buildRequests(config, five, ctx);
    expect(requests.map((r) => r.recordIds)).toEqual([["r1", "r2"], ["r3", "r4"], ["r5"]]);
    expect(requests.every((r) => Buffer.byteLength(r.body ?? "") <= 33)).toBe(true);
    const big = sourceRecords({ v: 1 }, { v: "x".repeat(100) }, { v: 3 });
    const result = await buildRequests(config, big, ctx);
    expect(result.requests.map((r) => r.recordIds)).toEqual([["r1", "r3"]]);
    expect(result.problems).toEqual([
      {
        recordId: "r2",
        message: "This record's body alone is 110 bytes, over the request size limit of 33 bytes.",
      },
    ]);
  });

  it("by request size works for CSV, whose header is shared", async () => {
    const config = manualConfig({
      contentFormat: "csv",
      batching: batch({ grouping: "size", maxBytes: 12 }),
    });
    const { requests } = await buildRequests(config, sourceRecords({ a: 1 }, { a: 2 }, { b: 3 }), ctx);
    expect(requests.map((r) => r.body)).toEqual(["a\r\n1\r\n2", "b\r\n3"]);
  });
});
