/**
 * A run's errors grouped by message: the failed attempts' error messages and the dead letters'
 * reasons (the same words when a record was refused on its first attempt), each group with how
 * often it happened, when first, and a few requests and records to look at.
 */
import { dbPool } from "@/lib/db/client";
import { findOwnedDestination } from "./destination-access";

/** Ids kept per group, of requests and of records. */
export const SAMPLES_PER_GROUP = 5;
/** Groups shown, most frequent first; a run rarely fails in more ways than this. */
export const MAX_GROUPS = 50;

export type RunErrorGroup = {
  message: string;
  /** Attempts (requests) that failed with this message. */
  requests: number;
  /** Records that went to Failed Records with this reason. */
  records: number;
  firstSeen: Date;
  /** Attempt ids, oldest first, for the request detail. */
  sampleRequestIds: string[];
  /** Dataset record ids, oldest first. */
  sampleRecordIds: string[];
};

/** Null when the destination is not the workspace's. */
export async function groupRunErrors(
  workspaceId: string,
  destinationId: string,
  runId: string,
): Promise<RunErrorGroup[] | null> {
  if (!(await findOwnedDestination(workspaceId, destinationId))) return null;
  const [attempts, letters] = await Promise.all([
    dbPool().query<{ message: string; count: string; first_seen: Date; ids: string[] }>(
      `SELECT error_message AS message, count(*) AS count,
              min(started_at) AT TIME ZONE 'UTC' AS first_seen,
              (array_agg(id::text ORDER BY id))[1:$3] AS ids
         FROM delivery_attempts
        WHERE run_id = $1 AND destination_id = $2 AND error_message IS NOT NULL
        GROUP BY error_message`,
      [runId, destinationId, SAMPLES_PER_GROUP],
    ),
    dbPool().query<{ message: string; count: string; first_seen: Date; ids: (string | null)[] }>(
      `SELECT reason AS message, count(*) AS count,
              min(created_at) AT TIME ZONE 'UTC' AS first_seen,
              (array_agg(record_id::text ORDER BY id) FILTER (WHERE record_id IS NOT NULL))[1:$3] AS ids
         FROM dead_letters
        WHERE destination_id = $2 AND run_id = $1
        GROUP BY reason`,
      [runId, destinationId, SAMPLES_PER_GROUP],
    ),
  ]);

  const groups = new Map<string, RunErrorGroup>();
  const groupFor = (message: string, firstSeen: Date) => {
    let group = groups.get(message);
    if (!group) {
      group = { message, requests: 0, records: 0, firstSeen, sampleRequestIds: [], sampleRecordIds: [] };
      groups.set(message, group);
    }
    if (firstSeen < group.firstSeen) group.firstSeen = firstSeen;
    return group;
  };
  for (const row of attempts.rows) {
    const group = groupFor(row.message, row.first_seen);
    group.requests = Number(row.count);
    group.sampleRequestIds = row.ids ?? [];
  }
  for (const row of letters.rows) {
    const group = groupFor(row.message, row.first_seen);
    group.records = Number(row.count);
    group.sampleRecordIds = (row.ids ?? []).filter((id): id is string => id !== null);
  }
  return [...groups.values()]
    .sort(
      (a, b) =>
        b.requests + b.records - (a.requests + a.records) || a.firstSeen.getTime() - b.firstSeen.getTime(),
    )
    .slice(0, MAX_GROUPS);
}
