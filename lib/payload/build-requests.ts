/**
 * Outflow's one request builder (DESIGN.md, "The path of data"): records → Exclude Attributes →
 * map fields → template transform (body shape) → batches → rendered requests (URL, body in the
 * content format, headers). Pure: no I/O (it is async only because JSONata evaluates so), so the
 * preview shows byte for byte what a run sends. Auth is applied afterwards by the caller, from the
 * credential; the template and what is known of the account are handed in by the caller.
 *
 * What each step reads: decisions that send nothing (the event-type filter, routing, grouping by
 * attribute) read the record as stored; everything that is sent (URL values, body) reads it after
 * Exclude Attributes and the mapping, so an excluded field never leaves Outflow but can still
 * group records.
 */

import type { DroppedField } from "@/lib/connectors/templates/types";
import { applyMapping } from "@/lib/mapping/apply-mapping";
import { excludeAttributes } from "./exclude-attributes";
import { groupBatches } from "./group-batches";
import { idempotencyKey } from "./idempotency-key";
import { type EndpointPlan, type PlannedRoute, planEndpoint } from "./plan-endpoint";
import { CONTENT_TYPES, encodeItem, renderBody } from "./render-body";
import { renderUrl, urlRecordProblem } from "./render-url";
import { buildHeaders } from "./request-headers";
import type {
  BuildContext,
  BuildResult,
  BuiltRequest,
  EndpointConfig,
  RecordProblem,
  SourceRecord,
} from "./types";
import { validateEndpointConfig } from "./validate-endpoint-config";

type Entry = {
  id: string;
  index: number;
  /** As stored: grouping reads this. */
  data: Record<string, unknown>;
  /** After Exclude Attributes and the mapping: the URL reads this. */
  sent: Record<string, unknown>;
  item: unknown;
  fragment: string;
  fragmentBytes: number;
};

export async function buildRequests(
  config: EndpointConfig,
  records: SourceRecord[],
  context: BuildContext,
): Promise<BuildResult> {
  return requestBuilder(config, context)(records);
}

/** Records in, requests out, for one endpoint config and build context. */
export type RequestBuilder = (records: SourceRecord[]) => Promise<BuildResult>;

/**
 * The builder with its config checked and planned once: delivery builds each batch as it sends
 * it, and a batch of one record should not pay for validating and planning the endpoint again.
 */
export function requestBuilder(config: EndpointConfig, context: BuildContext): RequestBuilder {
  const configError = Object.values(validateEndpointConfig(config, context.template))[0];
  if (configError) {
    const message = `The endpoint settings need fixing first: ${configError}`;
    return async (records) => ({
      ...emptyResult(),
      problems: records.map((record) => ({ recordId: record.id, message, kind: "endpoint" as const })),
    });
  }
  const plan = planEndpoint(config, context);
  return (records) => buildPlanned(plan, config, records);
}

function emptyResult(): BuildResult {
  return { requests: [], problems: [], skipped: [], dropped: [], lineage: {} };
}

async function buildPlanned(
  plan: EndpointPlan,
  config: EndpointConfig,
  records: SourceRecord[],
): Promise<BuildResult> {
  const result = emptyResult();
  const buckets = new Map<PlannedRoute, Entry[]>();
  for (const [index, record] of records.entries()) {
    const reason = plan.skip(record.data);
    if (reason) {
      result.skipped.push({ recordId: record.id, reason });
      continue;
    }
    const route = plan.route(record.data);
    let sent = excludeAttributes(record.data, config.excludeAttributes);
    if (plan.mapping) {
      const mapped = await applyMapping(sent, plan.mapping, plan.targets);
      const first = mapped.problems[0];
      if (first) {
        result.problems.push({
          recordId: record.id,
          message: mapped.problems.map((problem) => problem.message).join(" "),
          field: first.target,
          kind: first.kind,
          details: mapped.problems,
        });
        continue;
      }
      sent = mapped.item;
      result.lineage[record.id] = mapped.lineage;
    }
    const entry = prepareEntry(record, index, route, sent);
    if ("problem" in entry) {
      result.problems.push({ recordId: record.id, message: entry.problem });
      continue;
    }
    for (const dropped of entry.dropped) result.dropped.push({ recordId: record.id, ...dropped });
    const bucket = buckets.get(route);
    if (bucket) bucket.push(entry);
    else buckets.set(route, [entry]);
  }
  const ordered: { first: number; request: BuiltRequest }[] = [];
  for (const [route, entries] of buckets) {
    for (const built of buildRoute(route, entries, plan, config, result.problems)) ordered.push(built);
  }
  result.requests = ordered.sort((a, b) => a.first - b.first).map(({ request }) => request);
  const position = new Map(records.map((record, index) => [record.id, index]));
  result.problems.sort((a, b) => (position.get(a.recordId) ?? 0) - (position.get(b.recordId) ?? 0));
  return result;
}

function prepareEntry(
  record: SourceRecord,
  index: number,
  route: PlannedRoute,
  sent: Record<string, unknown>,
): (Entry & { dropped: DroppedField[] }) | { problem: string } {
  // Stable per record and endpoint, like the request's Idempotency-Key (HubSpot event uuids).
  // Hashed only when a template reads it: a hash per record was a few per cent of a run's time.
  const meta = {
    get key() {
      return idempotencyKey({
        method: route.method,
        urlTemplate: route.urlTemplate,
        contentFormat: route.shape.format,
        recordIds: [record.id],
      });
    },
  };
  // The template's pre-flight first: its reasons name what the API needs.
  const prepared = route.prepare(sent, meta);
  if ("problem" in prepared) return prepared;
  const urlProblem = urlRecordProblem(route.urlTemplate, sent);
  if (urlProblem) return { problem: urlProblem };
  let fragment = "";
  try {
    if (prepared.item !== undefined) fragment = encodeItem(prepared.item, route.shape);
  } catch (error) {
    return { problem: (error as Error).message };
  }
  const fragmentBytes = Buffer.byteLength(fragment);
  return {
    id: record.id,
    index,
    data: record.data,
    sent,
    item: prepared.item,
    fragment,
    fragmentBytes,
    dropped: prepared.dropped,
  };
}

function buildRoute(
  route: PlannedRoute,
  entries: Entry[],
  plan: EndpointPlan,
  config: EndpointConfig,
  problems: RecordProblem[],
): { first: number; request: BuiltRequest }[] {
  const measure = (batch: Entry[]) =>
    Buffer.byteLength(
      renderBody(
        batch.map((entry) => entry.item),
        batch.map((entry) => entry.fragment),
        route.shape,
      ),
    );
  const { batches, tooLarge } = groupBatches(entries, route.batching, route.shape, measure);
  for (const entry of tooLarge) {
    problems.push({
      recordId: entry.id,
      message: `This record's body alone is ${measure([entry])} bytes, over the request size limit of ${route.batching.maxBytes} bytes.`,
    });
  }
  const built: { first: number; request: BuiltRequest }[] = [];
  for (const batch of batches) {
    const url = renderUrl(
      route.urlTemplate,
      plan.settings,
      batch.map((entry) => entry.sent),
    );
    if (!url.ok) {
      for (const entry of batch) problems.push({ recordId: entry.id, message: url.message });
      continue;
    }
    const hasBody = batch.some((entry) => entry.item !== undefined);
    const body = hasBody
      ? renderBody(
          batch.map((entry) => entry.item),
          batch.map((entry) => entry.fragment),
          route.shape,
        )
      : null;
    const recordIds = batch.map((entry) => entry.id);
    const key = idempotencyKey({
      method: route.method,
      urlTemplate: route.urlTemplate,
      contentFormat: route.shape.format,
      recordIds,
    });
    built.push({
      first: (batch[0] as Entry).index,
      request: {
        method: route.method,
        url: url.url,
        headers: buildHeaders(config.headers, body === null ? null : CONTENT_TYPES[route.shape.format]),
        body,
        recordIds,
        idempotencyKey: key,
      },
    });
  }
  return built;
}
