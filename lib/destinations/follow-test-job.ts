/**
 * Send Test Data to a batch import (FullStory's): the API accepts the batch and imports it later,
 * so the answer alone says nothing of the records. The job is followed for a few seconds, as
 * delivery follows it, so the test result can say which records it refused, or that it is still
 * importing.
 */
import type { Connector, RecordFailure } from "@/lib/connectors/types";
import type { CredentialInUse } from "@/lib/credentials/resolve-credential";
import { sendToTarget } from "@/lib/credentials/send-to-target";
import type { OutboundResult } from "@/lib/http/types";

/** Checks after 1, 2, 4 and 8 seconds: 15 seconds at most, while the user waits for the result. */
const CHECK_DELAYS_MS = [1000, 2000, 4000, 8000];

export type TestJob = {
  id: string;
  /** COMPLETED, FAILED, PROCESSING (still importing when the checks ended), or the call's error. */
  state: string;
  checks: number;
  failures: RecordFailure[];
};

export async function followTestJob(
  connector: Connector,
  credential: CredentialInUse | null,
  request: { method: string; url: string; body: string | null },
  response: OutboundResult,
  recordIds: string[],
): Promise<TestJob | null> {
  const protocol = connector.batchJobs;
  if (!protocol || !response.ok) return null;
  const jobUrl = protocol.jobUrl(request, response);
  if (!jobUrl) return null;
  const id = decodeURIComponent(new URL(jobUrl).pathname.split("/").at(-1) ?? jobUrl);
  const get = async (url: string) =>
    (await sendToTarget(credential, { method: "GET", url }, { timeoutMs: 10_000, followRedirects: false }))
      .result;
  let checks = 0;
  for (const delay of CHECK_DELAYS_MS) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    checks++;
    const status = await get(jobUrl);
    if (!status.ok || status.status >= 300) {
      return {
        id,
        state: status.ok ? `status call answered ${status.status}` : status.error.message,
        checks,
        failures: [],
      };
    }
    const state = protocol.state(status.body);
    if (state === "completed") return { id, state: "COMPLETED", checks, failures: [] };
    if (state === "failed") {
      const errors = await get(protocol.errorsUrl(jobUrl));
      const failures =
        errors.ok && errors.status === 200 ? protocol.failures(errors.body, request, recordIds).failures : [];
      return { id, state: "FAILED", checks, failures };
    }
  }
  return { id, state: "PROCESSING", checks, failures: [] };
}
