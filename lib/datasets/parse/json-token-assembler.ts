/**
 * Builds records from stream-json's tokens. stream-json's own Assembler and streamers are not used:
 * their docs say they are not meant for hostile input, they have no depth limit, and they would
 * turn big integers into rounded numbers. This one refuses depth beyond MAX_DEPTH as soon as the
 * container opens (before the rest is read) and keeps every number exactly as written.
 *
 * Shape: a top-level array is never built; its elements are the records, handed over one by one so
 * a 100 MB array never sits in memory. Any other top-level value is handed over as the one record.
 */

import type { Token } from "stream-json/core/parser.js";
import { numberFromLiteral } from "@/lib/json/exact-json";
import { reordersKeys, withKeyOrder } from "@/lib/json/key-order";
import { setField } from "./check-record";
import { MAX_DEPTH } from "./limits";
import { type RecordPlace, tooDeepError } from "./record-errors";
import type { DataRecord } from "./types";

export type TopLevelShape = "array" | "value";

type Container = unknown[] | DataRecord;

export class JsonTokenAssembler {
  shape: TopLevelShape | undefined;
  /** The top-level value has been read completely. */
  finished = false;
  /** Records begun so far, counting the one being built. */
  started = 0;
  private readonly stack: Container[] = [];
  private readonly keys: string[] = [];
  /** Each open object's keys in the order written (arrays: null). */
  private readonly written: (Set<string> | null)[] = [];

  constructor(
    private readonly onValue: (value: unknown, index: number) => void,
    private readonly placeOf: (index: number) => RecordPlace,
  ) {}

  /** A record is being built (its start has been read, its end not yet). */
  get inRecord(): boolean {
    return this.stack.length > 0;
  }

  push(token: Token): void {
    switch (token.name) {
      case "startObject":
        this.open({}, new Set());
        return;
      case "startArray":
        if (this.shape === undefined) this.shape = "array";
        else this.open([], null);
        return;
      case "endObject":
      case "endArray": {
        if (this.stack.length === 0) {
          this.finished = true;
          return;
        }
        const container = this.stack.pop() as Container;
        const order = this.written.pop();
        // Keys such as "2024" stay where they were written (lib/json/key-order.ts).
        const keys = order ? [...order] : null;
        this.add(keys && reordersKeys(keys) ? withKeyOrder(container, keys) : container);
        return;
      }
      case "keyValue": {
        this.keys[this.stack.length - 1] = token.value;
        // A repeated key keeps its first place, as assignment does.
        this.written[this.written.length - 1]?.add(token.value);
        return;
      }
      case "stringValue":
        this.add(token.value);
        return;
      case "numberValue":
        this.add(numberFromLiteral(token.value));
        return;
      case "nullValue":
        this.add(null);
        return;
      case "trueValue":
        this.add(true);
        return;
      case "falseValue":
        this.add(false);
        return;
      default:
        // Streamed chunks (start/endString, stringChunk, ...) are not requested from the parser.
        return;
    }
  }

  private open(container: Container, order: Set<string> | null): void {
    if (this.stack.length === 0) this.begin();
    if (this.stack.length >= MAX_DEPTH) throw tooDeepError(this.placeOf(this.started - 1));
    this.stack.push(container);
    this.written.push(order);
  }

  private begin(): void {
    if (this.shape === undefined) this.shape = "value";
    this.started++;
  }

  private add(value: unknown): void {
    const parent = this.stack[this.stack.length - 1];
    if (parent === undefined) {
      // A scalar straight under the top level still counts as a record, so its error names it.
      if (value === null || typeof value !== "object") this.begin();
      if (this.shape === "value") this.finished = true;
      this.onValue(value, this.started - 1);
    } else if (Array.isArray(parent)) {
      parent.push(value);
    } else {
      setField(parent, this.keys[this.stack.length - 1] as string, value);
    }
  }
}
