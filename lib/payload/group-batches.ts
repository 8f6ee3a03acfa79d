/**
 * Record Batching's grouping algorithms. Records keep their dataset order inside a batch, and
 * batches are ordered by their first record.
 *  - fixed: consecutive records, `size` at a time;
 *  - attribute: records with the same value at `groupBy` share batches (still at most `size`);
 *    records without the field form one group of their own;
 *  - size: consecutive records, each request filled while its body stays within `maxBytes`
 *    (and `size`); a record whose body alone is over the limit cannot be sent.
 */

import { stringifyJson } from "@/lib/json/exact-json";
import { readPath } from "./record-path";
import { type BodyShape, estimateBodyBytes } from "./render-body";
import type { BatchingConfig } from "./types";

export type Encoded = {
  /** The record as grouping sees it (before exclusion, so an excluded field can still group). */
  data: Record<string, unknown>;
  fragmentBytes: number;
};

export type Grouped<T> = { batches: T[][]; tooLarge: T[] };

export function groupBatches<T extends Encoded>(
  entries: T[],
  batching: BatchingConfig,
  shape: BodyShape,
  /** Exact body bytes of a batch, for formats whose size estimate is only an upper bound (CSV). */
  measure: (batch: T[]) => number,
): Grouped<T> {
  const size = Math.max(1, Math.floor(batching.size));
  if (!batching.enabled) return { batches: entries.map((entry) => [entry]), tooLarge: [] };
  switch (batching.grouping) {
    case "fixed":
      return { batches: chunk(entries, size), tooLarge: [] };
    case "attribute":
      return { batches: byAttribute(entries, batching.groupBy ?? "", size), tooLarge: [] };
    case "size":
      return bySize(entries, size, batching.maxBytes ?? Number.POSITIVE_INFINITY, shape, measure);
  }
}

function chunk<T>(entries: T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < entries.length; i += size) batches.push(entries.slice(i, i + size));
  return batches;
}

function byAttribute<T extends Encoded>(entries: T[], groupBy: string, size: number): T[][] {
  const groups = new Map<string, T[]>();
  for (const entry of entries) {
    const value = readPath(entry.data, groupBy);
    // JSON text tells 1 from "1" and keeps objects comparable; a missing field is its own group.
    const key = value === undefined ? "missing" : `=${stringifyJson(value)}`;
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  const position = new Map(entries.map((entry, index) => [entry, index]));
  const batches = [...groups.values()].flatMap((group) => chunk(group, size));
  return batches.sort((a, b) => (position.get(a[0] as T) ?? 0) - (position.get(b[0] as T) ?? 0));
}

function bySize<T extends Encoded>(
  entries: T[],
  size: number,
  maxBytes: number,
  shape: BodyShape,
  measure: (batch: T[]) => number,
): Grouped<T> {
  const batches: T[][] = [];
  const tooLarge: T[] = [];
  // Only CSV's estimate is inexact (its header is the union of the batch's columns).
  const exact = shape.format !== "csv";
  let current: T[] = [];
  let currentBytes = 0;
  const close = () => {
    let rest = current;
    while (rest.length > 0) {
      let take = rest.length;
      while (!exact && take > 1 && measure(rest.slice(0, take)) > maxBytes) take--;
      batches.push(rest.slice(0, take));
      rest = rest.slice(take);
    }
    current = [];
    currentBytes = 0;
  };
  for (const entry of entries) {
    if (
      estimateBodyBytes(entry.fragmentBytes, 1, shape) > maxBytes &&
      (exact || measure([entry]) > maxBytes)
    ) {
      tooLarge.push(entry);
      continue;
    }
    const full = current.length >= size;
    if (full || estimateBodyBytes(currentBytes + entry.fragmentBytes, current.length + 1, shape) > maxBytes)
      close();
    current.push(entry);
    currentBytes += entry.fragmentBytes;
  }
  close();
  return { batches, tooLarge };
}
