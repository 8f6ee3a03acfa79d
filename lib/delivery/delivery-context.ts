import type { Connector } from "@/lib/connectors/types";
import { credentialRateLimit } from "@/lib/credentials/rate-limit-usage";
import { db } from "@/lib/db/client";
import type { DeliverySchedule, DestinationStatus } from "@/lib/db/generated/client";
import { type DestinationConfig, destinationConfigSchema } from "@/lib/destinations/destination-config";
import { resolveTarget, type Target } from "@/lib/destinations/resolve-target";
import { sends } from "./model/destination-state";
import type { RateLimit } from "./rate-limit";
import { ensureResponseDataset } from "./response-dataset";
import type { RetrySettings } from "./retry-policy";

/**
 * Everything a worker needs to deliver for one destination, read fresh for each wave; a wave ends
 * early when any of it changes (change-feed.ts).
 */
export type DeliveryContext = {
  id: string;
  workspaceId: string;
  datasetId: string;
  credentialId: string | null;
  status: DestinationStatus;
  schedule: DeliverySchedule;
  cursor: bigint;
  version: number;
  config: DestinationConfig;
  target: Target;
  connector: Connector;
  concurrency: number;
  retry: RetrySettings;
  timeoutMs: number;
  responseDatasetId: string | null;
  /** Shared by every destination on the same credential. */
  rateLimitKey: string;
  rateLimit: RateLimit | null;
};

export async function loadDeliveryContext(destinationId: string): Promise<DeliveryContext | null> {
  const row = await db().destination.findUnique({
    where: { id: destinationId },
    include: { credential: { select: { rateLimitRequests: true, rateLimitWindowSeconds: true } } },
  });
  if (!row || row.currentVersion < 1) return null;
  const version = await db().destinationVersion.findUnique({
    where: { destinationId_version: { destinationId, version: row.currentVersion } },
  });
  // Deleted meanwhile (with its destination): nothing to deliver.
  if (!version) return null;
  const config = destinationConfigSchema.parse(version.config);
  const target = await resolveTarget(row.workspaceId, row.connectorId, config);
  const connectorLimit = target.connector.rateLimit;
  const rateLimit = (row.credential && credentialRateLimit(row.credential)) ?? connectorLimit;
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    datasetId: row.datasetId,
    credentialId: row.credentialId,
    status: row.status,
    schedule: row.schedule,
    cursor: row.cursor,
    version: row.currentVersion,
    config,
    target,
    connector: target.connector,
    concurrency: row.concurrency,
    retry: { maxAttempts: row.maxAttempts, retryBaseSeconds: row.retryBaseSeconds },
    timeoutMs: Math.round(row.requestTimeoutSeconds * 1000),
    // Switched on in an edit since Activate: the dataset is made now.
    responseDatasetId: config.responseWebhook && sends(row.status) ? await ensureResponseDataset(row) : null,
    rateLimitKey: row.credentialId ?? `destination:${row.id}`,
    rateLimit,
  };
}
