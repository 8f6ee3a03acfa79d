import { describe, expect, it } from "vitest";
import { getConfig } from "@/lib/config";
import { refuseCrossOrigin } from "./same-origin";

const outflow = new URL(getConfig().publicUrl);
const post = (headers: Record<string, string>) =>
  new Request(`${outflow.origin}/api/datasets/upload`, {
    method: "POST",
    headers: { host: outflow.host, ...headers },
  });

describe("refuseCrossOrigin", () => {
  it("lets through a request from Outflow's own pages", () => {
    expect(refuseCrossOrigin(post({ origin: outflow.origin, "sec-fetch-site": "same-origin" }))).toBeNull();
  });

  it("refuses another port of the same host with 403, naming both origins", async () => {
    const other = `${outflow.protocol}//${outflow.hostname}:${Number(outflow.port || 80) + 1}`;
    const refusal = refuseCrossOrigin(post({ origin: other, "sec-fetch-site": "same-site" }));
    expect(refusal?.status).toBe(403);
    const body = (await refusal?.json()) as { error: string };
    expect(body.error).toContain(other);
    expect(body.error).toContain(outflow.origin);
  });

  it("refuses an opaque origin", () => {
    expect(refuseCrossOrigin(post({ origin: "null" }))?.status).toBe(403);
  });

  it("refuses a cross-site fetch that sent no Origin", () => {
    expect(refuseCrossOrigin(post({ "sec-fetch-site": "cross-site" }))?.status).toBe(403);
  });

  it("lets through a client that is not a browser (no Origin, no Sec-Fetch-Site)", () => {
    expect(refuseCrossOrigin(post({}))).toBeNull();
  });
});
