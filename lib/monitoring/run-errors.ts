/**
 * A run's errors grouped by what went wrong, not by the words that vary: the failed attempts' error
 * messages and the dead letters' reasons (the same words when a record was refused on its first
 * attempt), keyed by status class and the message with times, ids and numbers left out
 * (error-signature.ts). Each group says how often it happened, when first, whether its records
 * were all delivered in the end (retried, recovered) or some are in Failed Records, and gives a few
 * requests and records to look at.
 */
import { recordNumber } from "@/lib/datasets/record-numbers";
import { dbPool } from "@/lib/db/client";
import { findOwnedDestination } from "./destination-access";
import { errorSignature } from "./error-signature";

/** Ids kept per group, of requests and of records. */
export const SAMPLES_PER_GROUP = 5;
/** Groups shown, most frequent first; a run rarely fails in more ways than this. */
export const MAX_GROUPS = 50;

export type RunErrorGroup = {
  /** The message with what varies left out ("Rate limited; try again at …"). */
  message: string;
  /** The first message of the group as it was written. */
  example: string;
  /** Attempts (requests) that failed this way. */
  requests: number;
  /** Records that went to Failed Records this way; 0 when every request was retried and delivered. */
  records: number;
  firstSeen: Date;
  /** Attempt ids, oldest first, for the request detail. */
  sampleRequestIds: string[];
  /** The records' numbers in their dataset ("#12"), oldest first. */
  sampleRecords: string[];
};

/** Null when the destination is not the workspace's. */
export async function groupRunErrors(
  workspaceId: string,
  destinationId: string,
  runId: string,
): Promise<RunErrorGroup[] | null> {
  if (!(await findOwnedDestination(workspaceId, destinationId))) return null;
  const [attempts, letters] = await Promise.all([
    dbPool().query<{
      message: string;
      status: number | null;
      count: string;
      first_seen: Date;
      ids: string[];
    }>(
      `SELECT error_message AS message, status, count(*) AS count,
              min(started_at) AT TIME ZONE 'UTC' AS first_seen,
              (array_agg(id::text ORDER BY id))[1:$3] AS ids
         FROM delivery_attempts
        WHERE run_id = $1 AND destination_id = $2 AND error_message IS NOT NULL
        GROUP BY error_message, status`,
      [runId, destinationId, SAMPLES_PER_GROUP],
    ),
    dbPool().query<{
      message: string;
      status: number | null;
      count: string;
      first_seen: Date;
      numbers: number[];
    }>(
      `SELECT d.reason AS message, d.last_status AS status, count(*) AS count,
              min(d.created_at) AT TIME ZONE 'UTC' AS first_seen,
              (array_agg(r.position::double precision ORDER BY d.id) FILTER (WHERE r.position IS NOT NULL))[1:$3] AS numbers
         FROM dead_letters d LEFT JOIN records r ON r.id = d.record_id
        WHERE d.destination_id = $2 AND d.run_id = $1
        GROUP BY d.reason, d.last_status`,
      [runId, destinationId, SAMPLES_PER_GROUP],
    ),
  ]);

  const groups = new Map<string, RunErrorGroup>();
  const groupFor = (row: { message: string; status: number | null; first_seen: Date }) => {
    const message = errorSignature(row.message);
    const key = `${row.status === null ? "-" : Math.floor(row.status / 100)}\n${message}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        message,
        example: row.message,
        requests: 0,
        records: 0,
        firstSeen: row.first_seen,
        sampleRequestIds: [],
        sampleRecords: [],
      };
      groups.set(key, group);
    }
    if (row.first_seen < group.firstSeen) {
      group.firstSeen = row.first_seen;
      group.example = row.message;
    }
    return group;
  };
  for (const row of attempts.rows) {
    const group = groupFor(row);
    group.requests += Number(row.count);
    group.sampleRequestIds = [...group.sampleRequestIds, ...(row.ids ?? [])]
      .sort((a, b) => Number(BigInt(a) - BigInt(b)))
      .slice(0, SAMPLES_PER_GROUP);
  }
  for (const row of letters.rows) {
    const group = groupFor(row);
    group.records += Number(row.count);
    group.sampleRecords = [...group.sampleRecords, ...(row.numbers ?? []).map(recordNumber)].slice(
      0,
      SAMPLES_PER_GROUP,
    );
  }
  return [...groups.values()]
    .sort(
      (a, b) =>
        b.requests + b.records - (a.requests + a.records) || a.firstSeen.getTime() - b.firstSeen.getTime(),
    )
    .slice(0, MAX_GROUPS);
}
