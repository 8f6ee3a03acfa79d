/** The "alert-webhook" job: POSTs one notification to the workspace's alert webhook, off the delivery path. */
import type pg from "pg";
import { addJob } from "@/lib/jobs/registry";

type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

export async function enqueueAlertWebhook(client: Queryable, notificationId: string): Promise<void> {
  await addJob(client, "alert-webhook", { notificationId }, { jobKey: `alert-webhook:${notificationId}` });
}
