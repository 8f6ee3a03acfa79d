import { getConfig } from "@/lib/config";
import { dbPool } from "@/lib/db/client";

const DAY_MS = 24 * 60 * 60 * 1000;
const CHUNK = 10_000;

/**
 * Deletes audit events older than OUTFLOW_AUDIT_RETENTION_DAYS, in chunks so the delete never holds
 * locks for long. Run with the daily retention task (lib/delivery/worker.ts).
 */
export async function pruneAuditEvents(
  options: { now?: Date; retentionDays?: number } = {},
): Promise<number> {
  const days = options.retentionDays ?? getConfig().auditRetentionDays;
  const cutoff = new Date((options.now ?? new Date()).getTime() - days * DAY_MS);
  let deleted = 0;
  for (;;) {
    const { rowCount } = await dbPool().query(
      `DELETE FROM audit_events WHERE id IN (
         SELECT id FROM audit_events WHERE created_at < ($1::timestamptz AT TIME ZONE 'UTC') LIMIT $2)`,
      [cutoff.toISOString(), CHUNK],
    );
    deleted += rowCount ?? 0;
    if ((rowCount ?? 0) < CHUNK) return deleted;
  }
}
