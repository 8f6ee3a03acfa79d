/**
 * A workspace with a dataset and a completed destination sending it to a URL: the setup delivery
 * tests share. The destination uses the HTTP API connector with a bearer token, configured
 * manually, as a user would in the wizard.
 */

import { findTemplate } from "@/lib/connectors/templates/find-template";
import { credentialInputSchema } from "@/lib/credentials/credential-input";
import { saveCredential } from "@/lib/credentials/save-credential";
import { createDataset } from "@/lib/datasets/manage-datasets";
import { appendRecords } from "@/lib/datasets/store/append-records";
import { db } from "@/lib/db/client";
import { type DeliverySettings, saveDeliverySettings } from "@/lib/delivery/delivery-settings";
import type { DestinationConfig } from "@/lib/destinations/destination-config";
import {
  completeDestination,
  createDestinationDraft,
  getDestination,
} from "@/lib/destinations/manage-destinations";
import type { Mapping } from "@/lib/mapping/types";
import { configFromTemplate } from "@/lib/payload/template-defaults";
import type { BatchingConfig } from "@/lib/payload/types";

export const SINK_TOKEN = "sink-token-0123456789abcdef";

export type FlowOptions = {
  sinkUrl: string;
  records?: number;
  /** Records per request; 1 (no batching) by default. */
  batchSize?: number;
  rateLimit?: { requests: number; windowSeconds: number };
  settings?: Partial<DeliverySettings>;
  responseWebhook?: boolean;
  name?: string;
  /** Another destination in this flow's workspace, on the same credential (and its rate limit). */
  alongside?: Pick<Flow, "workspaceId" | "credentialId">;
};

export type Flow = { workspaceId: string; datasetId: string; destinationId: string; credentialId: string };

export async function createFlow(options: FlowOptions): Promise<Flow> {
  const name = options.name ?? "Sink";
  const workspaceId =
    options.alongside?.workspaceId ??
    (await db().workspace.create({ data: { name: `${name} workspace` } })).id;
  const dataset = await createDataset(workspaceId, `${name} events`);
  if (options.records) await appendRecords(dataset.id, numberedRecords(1, options.records));
  const credential = options.alongside
    ? { id: options.alongside.credentialId }
    : await saveCredential(
        workspaceId,
        credentialInputSchema.parse({
          connectorId: "http",
          name: `${name} API`,
          values: { authType: "bearer", token: SINK_TOKEN },
          baseUrl: options.sinkUrl,
          rateLimitRequests: options.rateLimit?.requests ?? 100_000,
          rateLimitWindowSeconds: options.rateLimit?.windowSeconds ?? 1,
        }),
      );
  const { id: destinationId } = await createDestinationDraft(workspaceId, dataset.id, "http");
  const detail = await getDestination(workspaceId, destinationId);
  if (!detail) throw new Error("the destination draft was not created");
  const batching: BatchingConfig =
    (options.batchSize ?? 1) > 1
      ? { enabled: true, size: options.batchSize ?? 1, grouping: "fixed", envelopeKey: "records" }
      : { ...detail.config.endpoint.batching, enabled: false };
  const config: DestinationConfig = {
    ...detail.config,
    name,
    credentialId: credential.id,
    responseWebhook: options.responseWebhook ?? false,
    endpoint: {
      ...detail.config.endpoint,
      mode: "manual",
      method: "POST",
      url: `${options.sinkUrl}/events`,
      contentFormat: "json",
      headers: [],
      bodyTemplate: null,
      excludeAttributes: [],
      batching,
    },
  };
  await completeDestination(workspaceId, destinationId, config, "test-user");
  await saveDeliverySettings(workspaceId, destinationId, {
    schedule: "continuous",
    concurrency: 4,
    maxAttempts: 6,
    retryBaseSeconds: 0.2,
    requestTimeoutSeconds: 5,
    ...options.settings,
  });
  return { workspaceId, datasetId: dataset.id, destinationId, credentialId: credential.id };
}

/** Records `{"n": from}` … `{"n": to}`, so a test can tell exactly which arrived. */
/**
 * A flow to a connector's endpoint template, as a user picks it in the wizard: a workspace, a
 * dataset of `records`, a credential with `values` against `baseUrl` (a fake of the API), and
 * the destination saved and set to retry quickly (3 attempts, 0.2 s apart).
 */
export async function createTemplateFlow(options: {
  connectorId: string;
  templateId: string;
  values: Record<string, string>;
  baseUrl: string;
  records: Record<string, unknown>[];
  /** Template settings (HubSpot's Hub ID) and a mapping; without one, the template's default mapping. */
  settings?: Record<string, unknown>;
  mapping?: Mapping;
}): Promise<Flow> {
  const { connectorId, baseUrl } = options;
  const workspaceId = (await db().workspace.create({ data: { name: "Acme" } })).id;
  const dataset = await createDataset(workspaceId, "Users");
  await appendRecords(dataset.id, options.records);
  const credential = await saveCredential(
    workspaceId,
    credentialInputSchema.parse({ connectorId, name: connectorId, values: options.values, baseUrl }),
  );
  const { id } = await createDestinationDraft(workspaceId, dataset.id, connectorId);
  const detail = await getDestination(workspaceId, id);
  const template = findTemplate(connectorId, options.templateId);
  if (!detail || !template) throw new Error(`no template ${connectorId}/${options.templateId}`);
  await completeDestination(
    workspaceId,
    id,
    {
      ...detail.config,
      credentialId: credential.id,
      endpoint: {
        ...configFromTemplate(connectorId, template, baseUrl, options.settings ?? {}),
        mapping: options.mapping,
      },
    },
    "test-user",
  );
  await saveDeliverySettings(workspaceId, id, {
    schedule: "continuous",
    concurrency: 4,
    maxAttempts: 3,
    retryBaseSeconds: 0.2,
    requestTimeoutSeconds: 5,
  });
  return { workspaceId, datasetId: dataset.id, destinationId: id, credentialId: credential.id };
}

export function numberedRecords(from: number, to: number): { n: number; email: string }[] {
  return Array.from({ length: to - from + 1 }, (_, i) => ({
    n: from + i,
    email: `user${from + i}@example.com`,
  }));
}

/** Waits until `check` holds, polling; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
