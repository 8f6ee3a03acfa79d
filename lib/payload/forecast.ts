/**
 * The line above Sample Payload: how many requests the whole dataset makes and how long they take
 * at the credential's rate limit. Grouping by attribute or size can only add requests to the
 * fixed-size count, so those forecasts say they are a minimum.
 */
import { findTemplate } from "@/lib/connectors/templates/find-template";
import type { EndpointConfig } from "./types";

export type RateLimit = { requests: number; windowSeconds: number };

export type Forecast = {
  records: number;
  requests: number;
  /** At the rate limit; null when the connector has none (Request Inspector). */
  seconds: number | null;
  /** True when `requests` is a lower bound (grouping by attribute or size, or a template that routes). */
  atLeast: boolean;
};

export function forecast(recordCount: number, config: EndpointConfig, rateLimit: RateLimit | null): Forecast {
  const template =
    config.mode === "template" ? findTemplate(config.connectorId, config.templateId) : undefined;
  const maxSize = template?.batching.maxSize ?? Number.POSITIVE_INFINITY;
  const batched = config.batching.enabled && maxSize > 1 && config.contentFormat !== "form";
  const size = batched ? Math.max(1, Math.min(Math.floor(config.batching.size), maxSize)) : 1;
  const requests = Math.ceil(Math.max(0, recordCount) / size);
  const seconds =
    rateLimit && rateLimit.requests > 0
      ? Math.ceil((requests / rateLimit.requests) * rateLimit.windowSeconds)
      : null;
  const atLeast = batched && (config.batching.grouping !== "fixed" || template?.route !== undefined);
  return { records: recordCount, requests, seconds, atLeast };
}
