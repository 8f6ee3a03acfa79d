import { describe, expect, it } from "vitest";
import { ExactNumber } from "@/lib/json/exact-json";
import { MAX_RECORD_CHARS } from "./limits";
import { parseFileStream } from "./parse-file-stream";
import { chunked, collect, errorFrom } from "./test-streams";
import type { CsvOptions } from "./types";

const parseCsv = async (
  text: string,
  options: CsvOptions & { batchSize?: number } = {},
  chunkSize = 64 * 1024,
) => (await collect(parseFileStream(chunked(text, chunkSize), "csv", options))).flat();

const csvError = async (text: string, chunkSize = 64 * 1024) =>
  (await errorFrom(parseFileStream(chunked(text, chunkSize), "csv"))).message;

describe("parseFileStream: CSV", () => {
  it("uses the header row as keys", async () => {
    expect(await parseCsv("uid,email\nu1,a@example.com\nu2,b@example.com\n")).toEqual([
      { uid: "u1", email: "a@example.com" },
      { uid: "u2", email: "b@example.com" },
    ]);
  });

  it("reads quoted fields holding delimiters, line breaks and escaped quotes, in 1-byte chunks", async () => {
    const text = 'name,note,n\n"Doe, Jane","line one\nline two",1\n"Smith","say ""hi""",2\n';
    const expected = [
      { name: "Doe, Jane", note: "line one\nline two", n: "1" },
      { name: "Smith", note: 'say "hi"', n: "2" },
    ];
    expect(await parseCsv(text)).toEqual(expected);
    expect(await parseCsv(text, {}, 1)).toEqual(expected);
  });

  it("takes CRLF line breaks and a byte-order mark", async () => {
    const text = '\uFEFFid,"name"\r\n1,"Zoë"\r\n2,"multi\r\nline"\r\n';
    const expected = [
      { id: "1", name: "Zoë" },
      { id: "2", name: "multi\r\nline" },
    ];
    expect(await parseCsv(text)).toEqual(expected);
    expect(await parseCsv(text, {}, 1)).toEqual(expected);
  });

  it.each([
    ["semicolons", "a;b;c\n1;2,5;3\n", { a: "1", b: "2,5", c: "3" }],
    ["tabs", "a\tb\tc\n1\t2,5\t3\n", { a: "1", b: "2,5", c: "3" }],
    ["pipes", "a|b|c\n1|2,5|3\n", { a: "1", b: "2,5", c: "3" }],
    ["commas", "a,b;c\n1,2;5\n", { a: "1", "b;c": "2;5" }],
  ])("detects %s from the header line", async (_, text, record) => {
    expect(await parseCsv(text)).toEqual([record]);
  });

  it("uses a delimiter chosen explicitly", async () => {
    expect(await parseCsv("a,b;c\n1,2;3\n", { delimiter: ";" })).toEqual([{ "a,b": "1,2", c: "3" }]);
  });

  it("keeps every value a string unless typed is asked for", async () => {
    const text = "n,neg,exp,zip,big,yes,no,empty,text\n12,-3.5,1e3,007,9007199254740993,true,FALSE,,12abc\n";
    expect(await parseCsv(text)).toEqual([
      {
        n: "12",
        neg: "-3.5",
        exp: "1e3",
        zip: "007",
        big: "9007199254740993",
        yes: "true",
        no: "FALSE",
        empty: "",
        text: "12abc",
      },
    ]);
    expect(await parseCsv(text, { typed: true })).toEqual([
      {
        n: 12,
        neg: -3.5,
        exp: new ExactNumber("1e3"),
        zip: "007",
        big: new ExactNumber("9007199254740993"),
        yes: true,
        no: false,
        empty: "",
        text: "12abc",
      },
    ]);
  });

  it("skips empty lines, before the header too", async () => {
    expect(await parseCsv("\n\na,b\n\n1,2\n\n\n3,4\n\n")).toEqual([
      { a: "1", b: "2" },
      { a: "3", b: "4" },
    ]);
  });

  it("makes empty and repeated header names unique", async () => {
    expect(await parseCsv("id,,id,name, id\n1,2,3,4,5\n")).toEqual([
      { id: "1", column_2: "2", id_2: "3", name: "4", id_3: "5" },
    ]);
  });

  it("leaves out the fields a short row does not have", async () => {
    expect(await parseCsv("a,b,c\n1,2\n")).toEqual([{ a: "1", b: "2" }]);
  });

  it("refuses a row with more fields than the header, naming its line", async () => {
    // The quoted line break on line 2 makes the bad row line 4, not row 3.
    const text = 'a,b\n1,"x\ny"\n2,3,4\n';
    expect(await csvError(text)).toBe(
      "Line 4: 3 fields, but the header has 2 — quote values that contain ','",
    );
    expect(await csvError(text, 1)).toBe(
      "Line 4: 3 fields, but the header has 2 — quote values that contain ','",
    );
  });

  it("refuses a quoted field that is never closed", async () => {
    expect(await csvError('a,b\n1,2\n3,"open\n4,5\n')).toBe(
      'Line 3: a quoted field is never closed — every " that opens a field needs a closing "',
    );
  });

  it("refuses text after a closing quote", async () => {
    expect(await csvError('a,b\n1,"x"y\n')).toBe(
      'Line 2: a quoted field has text after its closing quote — inside quotes, write a quote as ""',
    );
  });

  it("refuses a row longer than the record cap instead of holding the rest of the file", async () => {
    const text = `a,b\n1,"${"x".repeat(MAX_RECORD_CHARS + 1024 * 1024)}\n2,3\n`;
    expect(await csvError(text, 1024 * 1024)).toMatch(/^Line 2: a row is longer than 16 MiB/);
  });

  it("keeps a __proto__ column as an ordinary field", async () => {
    const [record] = await parseCsv("__proto__,a\nx,1\n");
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.keys(record ?? {})).toEqual(["__proto__", "a"]);
  });

  it("gives no records for a header alone, and refuses an empty file", async () => {
    expect(await parseCsv("a,b\n")).toEqual([]);
    expect(await parseCsv("a,b")).toEqual([]);
    expect(await csvError("")).toBe("The file is empty: a CSV file needs a header row naming its columns");
    expect(await csvError("\n \n")).toBe(
      "The file is empty: a CSV file needs a header row naming its columns",
    );
  });

  it("reads a last row without a line break, and yields batches of the asked size", async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => `${i},"v,${i}"`).join("\n");
    const batches = await collect(parseFileStream(chunked(`i,v\n${rows}`, 999), "csv", { batchSize: 1000 }));
    expect(batches.map((b) => b.length)).toEqual([1000, 1000, 500]);
    expect(batches[2]?.[499]).toEqual({ i: "2499", v: "v,2499" });
  });
});
