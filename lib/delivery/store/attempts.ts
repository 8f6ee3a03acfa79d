/** The delivery_attempts table: the request log, one row per HTTP request a run sent. */
import type { AttemptOutcome } from "../model/attempt-outcome";
import { execute, type Queryable } from "./db";

export type NewAttempt = {
  runId: string;
  batchId: string;
  attempt: number;
  version: number;
  /** ISO 8601. */
  startedAt: string;
  durationMs: number;
  recordCount: number;
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody: string | null;
  /** Set when the request body is not kept: the records it is built from again to show it. */
  recordIds: string[] | null;
  status: number | null;
  responseHeaders: Record<string, string> | null;
  responseBody: string | null;
  outcome: AttemptOutcome;
  errorClass: string | null;
  errorMessage: string | null;
  /** Sent again after a worker stopped mid-send (see delivery_batches.send_started_at). */
  resentAfterStop?: boolean;
};

/** Logs a flush of attempts in one statement, however many there are. */
export async function insertAttempts(
  db: Queryable,
  destinationId: string,
  attempts: NewAttempt[],
): Promise<void> {
  if (attempts.length === 0) return;
  await execute(
    db,
    `INSERT INTO delivery_attempts (destination_id, run_id, batch_id, attempt, version, started_at,
       duration_ms, record_count, method, url, request_headers, request_body, record_ids, status,
       response_headers, response_body, outcome, error_class, error_message, resent_after_stop)
     SELECT $1, a."runId", a."batchId", a.attempt, a.version, a."startedAt", a."durationMs", a."recordCount",
            a.method, a.url, a."requestHeaders", a."requestBody",
            CASE WHEN a."recordIds" IS NOT NULL
                 THEN ARRAY(SELECT jsonb_array_elements_text(a."recordIds")::bigint) END,
            a.status, a."responseHeaders", a."responseBody", a.outcome, a."errorClass", a."errorMessage",
            coalesce(a."resentAfterStop", false)
       FROM jsonb_to_recordset($2::jsonb) AS a("runId" uuid, "batchId" bigint, attempt int, version int,
            "startedAt" timestamptz, "durationMs" int, "recordCount" int, method text, url text,
            "requestHeaders" jsonb, "requestBody" text, "recordIds" jsonb, status int, "responseHeaders" jsonb,
            "responseBody" text, outcome text, "errorClass" text, "errorMessage" text, "resentAfterStop" boolean)`,
    [destinationId, JSON.stringify(attempts)],
  );
}
