/** The Runs tab and the run page: a destination's runs, filtered by outcome, and one run. */
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { Page } from "@/lib/db/page";
import { RUNS_PAGE_SIZE } from "@/lib/delivery/read-delivery";
import { listPendingJobs, type PendingJob } from "@/lib/delivery/store/batch-job-checks";
import { pool } from "@/lib/delivery/store/db";
import { findOwnedDestination } from "./destination-access";

export const RUN_OUTCOMES = ["succeeded", "partially_failed", "failed", "cancelled", "running"] as const;
export const runOutcomeSchema = z.enum(RUN_OUTCOMES);
export type RunOutcome = z.infer<typeof runOutcomeSchema>;

const runColumns = {
  id: true,
  trigger: true,
  version: true,
  versionsSent: true,
  status: true,
  startedAt: true,
  finishedAt: true,
  recordsPlanned: true,
  recordsAttempted: true,
  recordsDelivered: true,
  recordsFailed: true,
  recordsSkipped: true,
  requestsAttempted: true,
  requestsDelivered: true,
  requestsFailed: true,
  lastError: true,
  stoppedBy: true,
  recordsWaitingAtStop: true,
} as const;

/** Newest first, a page at a time; null when the destination is not the workspace's. */
export async function listDestinationRuns(
  workspaceId: string,
  destinationId: string,
  options: { page?: number; outcome?: RunOutcome | null } = {},
) {
  if (!(await findOwnedDestination(workspaceId, destinationId))) return null;
  const page = options.page ?? 1;
  const where = { destinationId, ...(options.outcome ? { status: options.outcome } : {}) };
  const [total, runs] = await Promise.all([
    db().run.count({ where }),
    db().run.findMany({
      where,
      select: runColumns,
      orderBy: { startedAt: "desc" },
      skip: (page - 1) * RUNS_PAGE_SIZE,
      take: RUNS_PAGE_SIZE,
    }),
  ]);
  return { total, page, pageCount: Math.max(1, Math.ceil(total / RUNS_PAGE_SIZE)), runs };
}

/** One run of the destination, or null (another workspace's, another destination's, or none). */
export async function getDestinationRun(workspaceId: string, destinationId: string, runId: string) {
  if (!(await findOwnedDestination(workspaceId, destinationId))) return null;
  return db().run.findFirst({ where: { id: runId, destinationId }, select: runColumns });
}

/** Whether a run of the destination is going, so its page keeps refreshing. */
export async function hasRunningRun(destinationId: string): Promise<boolean> {
  const running = await db().run.findFirst({
    where: { destinationId, status: "running" },
    select: { id: true },
  });
  return running !== null;
}

/** The batch jobs a run still waits for (FullStory's imports); call after the run was found. */
export function listRunJobs(runId: string): Promise<PendingJob[]> {
  return listPendingJobs(pool(), runId);
}

/** Runs of a destination the workspace owns (checked by the caller), newest first, one cursor page (lib/api/pages.ts). */
export function listRunPage(destinationId: string, status: RunOutcome | undefined, page: Page) {
  return db().run.findMany({
    where: { destinationId, ...(status ? { status } : {}) },
    select: runColumns,
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    ...page,
  });
}
