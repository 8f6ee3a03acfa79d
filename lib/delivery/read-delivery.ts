/** What the destination page shows about delivery: state, queue, runs. */
import { UserError } from "@/lib/actions/user-error";
import { db, dbPool } from "@/lib/db/client";
import type { DestinationState } from "./model/destination-state";
import { requireOwnDestination } from "./own-destination";
import { describeSchedule } from "./schedule";
import { scheduleOf } from "./sweep";

export const RUNS_PAGE_SIZE = 20;

export type DeliveryOverview = {
  status: DestinationState;
  failingReason: string | null;
  failingSince: Date | null;
  schedule: string;
  nextScheduledAt: Date | null;
  /** Records in the dataset not yet turned into requests. */
  recordsWaiting: number;
  /** Requests built and waiting to be sent (or sent again). */
  requestsQueued: number;
  nextRetryAt: Date | null;
  deadLetters: number;
  responseDataset: { id: string; name: string } | null;
};

export async function readDeliveryOverview(
  workspaceId: string,
  destinationId: string,
): Promise<DeliveryOverview> {
  const destination = await db().destination.findFirst({
    where: { id: destinationId, workspaceId },
    include: { responseDataset: { select: { id: true, name: true } } },
  });
  if (!destination) throw new UserError("This destination no longer exists.");
  const { rows } = await dbPool().query<{
    waiting: string;
    queued: string;
    next_retry: Date | null;
    dead: string;
  }>(
    `SELECT (SELECT count(*) FROM records r WHERE r.dataset_id = $2 AND r.id > $3) AS waiting,
            (SELECT count(*) FROM delivery_batches b WHERE b.destination_id = $1) AS queued,
            (SELECT min(next_attempt_at) AT TIME ZONE 'UTC' FROM delivery_batches b
              WHERE b.destination_id = $1 AND b.attempts > 0) AS next_retry,
            (SELECT count(*) FROM dead_letters l WHERE l.destination_id = $1) AS dead`,
    [destinationId, destination.datasetId, destination.cursor.toString()],
  );
  const counts = rows[0];
  return {
    status: destination.status,
    failingReason: destination.failingReason,
    failingSince: destination.failingSince,
    schedule: describeSchedule(scheduleOf(destination)),
    nextScheduledAt: destination.schedule === "continuous" ? null : destination.nextScheduledAt,
    recordsWaiting: Number(counts?.waiting ?? 0),
    requestsQueued: Number(counts?.queued ?? 0),
    nextRetryAt: counts?.next_retry ?? null,
    deadLetters: Number(counts?.dead ?? 0),
    responseDataset: destination.responseDataset,
  };
}

export async function listRuns(workspaceId: string, destinationId: string, page = 1) {
  await requireOwnDestination(workspaceId, destinationId);
  const [total, runs] = await Promise.all([
    db().run.count({ where: { destinationId } }),
    db().run.findMany({
      where: { destinationId },
      orderBy: { startedAt: "desc" },
      skip: (page - 1) * RUNS_PAGE_SIZE,
      take: RUNS_PAGE_SIZE,
    }),
  ]);
  return {
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / RUNS_PAGE_SIZE)),
    runs: runs.map(({ upToRecordId: _upTo, destinationId: _destination, ...run }) => run),
  };
}

export type RunSummary = Awaited<ReturnType<typeof listRuns>>["runs"][number];
