/**
 * The line above Sample Payload: how many of the dataset's records would be sent, in how many
 * requests, and how long they take at the credential's rate limit. Measured by building the
 * requests for a sample of the dataset (its newest records, or all of them when it is small), so
 * routing, skipped and refused records and size-based grouping are counted as they happen.
 */
export type RateLimit = { requests: number; windowSeconds: number };

export type Forecast = {
  /** Records in the dataset. */
  records: number;
  /** Of them, how many would be sent (estimated from the sample when it is not the whole dataset). */
  sendable: number;
  requests: number;
  /** At the rate limit; null when the connector has none (Request Inspector). */
  seconds: number | null;
  /** Records the figures were measured on; equal to `records` when exact. */
  checked: number;
  exact: boolean;
};

/** The sample's requests to one endpoint: records carried, requests, and the most in one request. */
export type EndpointSample = { records: number; requests: number; largest: number };

/** Requests per endpoint, so a sample's last, partly filled batch is not multiplied up. */
export function sampleByEndpoint(requests: { method: string; url: string; recordIds: string[] }[]) {
  const byEndpoint = new Map<string, EndpointSample>();
  for (const request of requests) {
    const key = `${request.method} ${request.url.split("?")[0]}`;
    const sample = byEndpoint.get(key) ?? { records: 0, requests: 0, largest: 0 };
    sample.records += request.recordIds.length;
    sample.requests += 1;
    sample.largest = Math.max(sample.largest, request.recordIds.length);
    byEndpoint.set(key, sample);
  }
  return [...byEndpoint.values()];
}

export function forecast(
  measured: { total: number; checked: number; endpoints: EndpointSample[] },
  rateLimit: RateLimit | null,
): Forecast {
  const exact = measured.checked >= measured.total;
  const scale = measured.checked > 0 ? measured.total / measured.checked : 0;
  const sent = measured.endpoints.reduce((sum, endpoint) => sum + endpoint.records, 0);
  const requests = measured.endpoints.reduce(
    (sum, endpoint) =>
      sum +
      (exact ? endpoint.requests : Math.ceil((endpoint.records * scale) / Math.max(1, endpoint.largest))),
    0,
  );
  const seconds =
    rateLimit && rateLimit.requests > 0
      ? Math.ceil((requests / rateLimit.requests) * rateLimit.windowSeconds)
      : null;
  return {
    records: measured.total,
    sendable: exact ? sent : Math.round(sent * scale),
    requests,
    seconds,
    checked: measured.checked,
    exact,
  };
}
