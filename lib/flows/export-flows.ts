/** The workspace as a flows document: what `GET /api/v1/export` and the Export button give. */
import { findConnector } from "@/lib/connectors/registry";
import { listCredentials } from "@/lib/credentials/list-credentials";
import { credentialRateLimit } from "@/lib/credentials/rate-limit-usage";
import { db } from "@/lib/db/client";
import { readDeliverySettings } from "@/lib/delivery/delivery-settings";
import { destinationConfigSchema } from "@/lib/destinations/destination-config";
import { FLOWS_VERSION, type FlowsDocument, secretPlaceholder } from "./document";

export async function exportFlows(workspaceId: string): Promise<FlowsDocument> {
  const [datasets, credentials, destinations, bins] = await Promise.all([
    db().dataset.findMany({
      where: { workspaceId },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
    listCredentials(workspaceId),
    db().destination.findMany({
      where: { workspaceId, currentVersion: { gt: 0 } },
      orderBy: { name: "asc" },
      select: {
        id: true,
        name: true,
        connectorId: true,
        datasetId: true,
        currentVersion: true,
        versions: true,
      },
    }),
    db().inspectorBin.findMany({ where: { workspaceId }, select: { id: true, name: true } }),
  ]);
  const datasetName = new Map(datasets.map((dataset) => [dataset.id, dataset.name]));
  const credentialName = new Map(credentials.map((credential) => [credential.id, credential.name]));
  const binName = new Map(bins.map((bin) => [bin.id, bin.name]));
  return {
    version: FLOWS_VERSION,
    datasets: datasets.map((dataset) => ({ name: dataset.name })),
    credentials: credentials.map((credential) => {
      const connector = findConnector(credential.connectorId);
      return {
        name: credential.name,
        connector: credential.connectorId,
        settings: credential.settings,
        secrets: Object.fromEntries(
          Object.keys(credential.secretMasks).map((field) => [
            field,
            secretPlaceholder(credential.name, field),
          ]),
        ),
        // The connector's default is left out, so the file follows the connector.
        baseUrl:
          credential.baseUrl && credential.baseUrl !== connector?.defaultBaseUrl ? credential.baseUrl : null,
        tokenUrl: credential.tokenUrl,
        allowedDomains: credential.allowedDomains,
        rateLimit: credentialRateLimit(credential),
      };
    }),
    destinations: await Promise.all(
      destinations.map(async (destination) => ({
        destination,
        delivery: await readDeliverySettings(workspaceId, destination.id),
      })),
    ).then((rows) =>
      rows.flatMap(({ destination, delivery }) => {
        const version = destination.versions.find((row) => row.version === destination.currentVersion);
        if (!version) return [];
        const config = destinationConfigSchema.parse(version.config);
        const { connectorId: _connector, ...endpoint } = config.endpoint;
        return [
          {
            name: destination.name,
            dataset: datasetName.get(destination.datasetId) ?? "",
            connector: destination.connectorId,
            credential: config.credentialId ? (credentialName.get(config.credentialId) ?? null) : null,
            inspector: config.inspectorBinId ? (binName.get(config.inspectorBinId) ?? null) : null,
            endpoint,
            responseWebhook: config.responseWebhook,
            delivery: withoutUndefined(delivery),
          },
        ];
      }),
    ),
  };
}

/** YAML writes an undefined setting as null; the document leaves it out. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
