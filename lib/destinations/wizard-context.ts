import type { Connector } from "@/lib/connectors/types";
import { listCredentials } from "@/lib/credentials/list-credentials";
import { getDataset } from "@/lib/datasets/read-datasets";
import { schemaFields } from "@/lib/datasets/schema/infer-schema";
import { inspectorUrl } from "@/lib/inspector/inspector-url";
import { listBins } from "@/lib/inspector/list-bins";
import type { DestinationDetail } from "./manage-destinations";

/**
 * What the wizard offers for a destination: the connector's credentials, the workspace's
 * inspectors, the dataset's fields (paths, types, presence, an example), and the base URL requests are built against.
 */
export async function loadWizardContext(
  workspaceId: string,
  destination: DestinationDetail,
  connector: Connector,
) {
  const [credentials, bins, dataset] = await Promise.all([
    listCredentials(workspaceId),
    listBins(workspaceId),
    getDataset(workspaceId, destination.dataset.id),
  ]);
  const ownCredentials = credentials.filter((credential) => credential.connectorId === connector.id);
  const inspectors = bins.map((bin) => ({ id: bin.id, name: bin.name, url: inspectorUrl(bin.id) }));
  const { credentialId, inspectorBinId } = destination.config;
  const baseUrl = connector.needsCredential
    ? (ownCredentials.find((c) => c.id === credentialId)?.baseUrl ?? connector.defaultBaseUrl)
    : (inspectors.find((bin) => bin.id === inspectorBinId)?.url ?? "");
  return {
    credentials: ownCredentials,
    bins: inspectors,
    schemaFields: dataset ? schemaFields(dataset.schema) : [],
    baseUrl,
  };
}
