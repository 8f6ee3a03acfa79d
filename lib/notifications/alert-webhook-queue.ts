/** The "alert-webhook" job: POSTs one notification to the workspace's alert webhook, off the delivery path. */
import type pg from "pg";

export const ALERT_WEBHOOK_TASK = "alert-webhook";
/** A webhook that is down for a moment still gets the alert; one that stays down is reported. */
export const ALERT_WEBHOOK_MAX_ATTEMPTS = 3;

type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

export async function enqueueAlertWebhook(client: Queryable, notificationId: string): Promise<void> {
  await client.query(
    `SELECT graphile_worker.add_job($1, json_build_object('notificationId', $2::text),
       job_key => $3, max_attempts => $4)`,
    [ALERT_WEBHOOK_TASK, notificationId, `alert-webhook:${notificationId}`, ALERT_WEBHOOK_MAX_ATTEMPTS],
  );
}
