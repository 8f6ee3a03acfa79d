import { describe, expect, it } from "vitest";
import { build, JSON_HEADERS } from "./golden";

const BASE = "https://api.hightouch.com/api/v1";

describe("Hightouch Create Source", () => {
  it("posts the SourceCreate fields of each record", async () => {
    const record = {
      name: "Warehouse",
      slug: "warehouse",
      type: "postgres",
      configuration: { host: "db.example.com", port: 5432 },
      internal_note: "not sent",
    };
    expect((await build("hightouch", "create-source", BASE, {}, [record])).requests).toEqual([
      {
        method: "POST",
        url: "https://api.hightouch.com/api/v1/sources",
        headers: JSON_HEADERS,
        body: '{"name":"Warehouse","slug":"warehouse","type":"postgres","configuration":{"host":"db.example.com","port":5432}}',
        recordIds: ["r1"],
      },
    ]);
  });

  it("names the missing required fields", async () => {
    const result = await build("hightouch", "create-source", BASE, {}, [{ name: "W", configuration: "x" }]);
    expect(result.problems).toEqual([
      {
        recordId: "r1",
        message:
          'configuration: "x" is not an object. slug is required, but this record has no slug. type is required, but this record has no type.',
      },
    ]);
  });
});

describe("Hightouch Create Model", () => {
  it("posts the model with its query object, typing CSV text", async () => {
    const record = {
      name: "Users",
      slug: "users",
      sourceId: "1234",
      queryType: "raw_sql",
      raw: { sql: "SELECT * FROM public.users" },
      primaryKey: "id",
      isSchema: "false",
    };
    expect((await build("hightouch", "create-model", BASE, {}, [record])).requests[0]).toEqual({
      method: "POST",
      url: "https://api.hightouch.com/api/v1/models",
      headers: JSON_HEADERS,
      body: '{"name":"Users","slug":"users","sourceId":1234,"queryType":"raw_sql","primaryKey":"id","isSchema":false,"raw":{"sql":"SELECT * FROM public.users"}}',
      recordIds: ["r1"],
    });
  });

  it.each([
    [
      { name: "U" },
      "slug is required, but this record has no slug. sourceId is required, but this record has no sourceId. queryType is required, but this record has no queryType. primaryKey is required, but this record has no primaryKey. isSchema is required, but this record has no isSchema.",
    ],
    [
      { name: "U", slug: "u", sourceId: 1, queryType: "table", primaryKey: "id", isSchema: false },
      'queryType table needs a "table" object.',
    ],
    [
      { name: "U", slug: "u", sourceId: 1, queryType: "tabel", primaryKey: "id", isSchema: false },
      'queryType must be one of raw_sql, table, dbt, custom and visual, not "tabel".',
    ],
    [
      { name: "U", slug: "u", sourceId: "abc", queryType: "table", primaryKey: "id", isSchema: false },
      'sourceId: "abc" is not a number.',
    ],
  ])("pre-flight of %j", async (record, message) => {
    expect((await build("hightouch", "create-model", BASE, {}, [record])).problems).toEqual([
      { recordId: "r1", message },
    ]);
  });
});

describe("Hightouch Trigger Sync", () => {
  it("posts the trigger to the sync's URL with fullResync and resetCDC", async () => {
    const result = await build("hightouch", "trigger-sync", BASE, { sync_id: " 42 " }, [
      { fullResync: true },
      {},
    ]);
    expect(result.requests).toEqual([
      {
        method: "POST",
        url: "https://api.hightouch.com/api/v1/syncs/42/trigger",
        headers: JSON_HEADERS,
        body: '{"fullResync":true,"resetCDC":false}',
        recordIds: ["r1"],
      },
      {
        method: "POST",
        url: "https://api.hightouch.com/api/v1/syncs/42/trigger",
        headers: JSON_HEADERS,
        body: '{"fullResync":false,"resetCDC":false}',
        recordIds: ["r2"],
      },
    ]);
  });

  it("fails pre-flight on a flag that is not a boolean, and needs the Sync ID", async () => {
    expect(
      (await build("hightouch", "trigger-sync", BASE, { sync_id: "42" }, [{ resetCDC: "maybe" }])).problems,
    ).toEqual([{ recordId: "r1", message: 'resetCDC: "maybe" is not true or false.' }]);
    expect((await build("hightouch", "trigger-sync", BASE, {}, [{}])).problems[0]?.message).toMatch(
      /Sync ID/,
    );
  });
});
