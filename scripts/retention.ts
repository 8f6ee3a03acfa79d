/**
 * `npm run retention`: prunes the request log, delivered records and alerts older than
 * OUTFLOW_RETENTION_DAYS, and audit events older than OUTFLOW_AUDIT_RETENTION_DAYS, now, as the worker does daily at 03:00 (lib/delivery/retention.ts).
 */

import { pruneAuditEvents } from "@/lib/audit/prune-audit-events";
import { getConfig, setDatabaseUrl } from "@/lib/config";
import { disconnectDb } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { pruneOldDeliveryData } from "@/lib/delivery/retention";
import { runCli, withDatabase } from "./with-database";

runCli(async () => {
  await withDatabase(async (databaseUrl) => {
    setDatabaseUrl(databaseUrl);
    await prepareDatabase(databaseUrl);
    const pruned = await pruneOldDeliveryData();
    console.log(
      `Pruned ${pruned.attempts} delivery attempts, ${pruned.records} delivered records and ${pruned.notifications} alerts older than ${getConfig().retentionDays} days.`,
    );
    const auditEvents = await pruneAuditEvents();
    console.log(`Pruned ${auditEvents} audit events older than ${getConfig().auditRetentionDays} days.`);
    await disconnectDb();
  });
});
