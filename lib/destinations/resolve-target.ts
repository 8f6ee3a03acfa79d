import { UserError } from "@/lib/actions/user-error";
import { findConnector } from "@/lib/connectors/registry";
import type { Connector } from "@/lib/connectors/types";
import { type AccountFactsState, loadAccountFacts } from "@/lib/credentials/account-facts";
import { type CredentialInUse, loadCredentialInUse } from "@/lib/credentials/resolve-credential";
import { findBin } from "@/lib/inspector/find-bin";
import { inspectorUrl } from "@/lib/inspector/inspector-url";
import type { DestinationConfig } from "./destination-config";

/** Where a destination's requests go, how they are authenticated, and what is known of the account. */
export type Target = {
  connector: Connector;
  baseUrl: string;
  credential: CredentialInUse | null;
  account: AccountFactsState;
};

const NO_FACTS: AccountFactsState = { facts: {}, readAt: null };

export async function resolveTarget(
  workspaceId: string,
  connectorId: string,
  config: DestinationConfig,
): Promise<Target> {
  const connector = findConnector(connectorId);
  if (!connector) throw new UserError("This destination's connector no longer exists.");
  if (!connector.needsCredential) {
    const bin = config.inspectorBinId ? await findBin(workspaceId, config.inspectorBinId) : null;
    if (!bin) throw new UserError("Choose the inspector to send to.", "inspectorBinId");
    return { connector, baseUrl: inspectorUrl(bin.id), credential: null, account: NO_FACTS };
  }
  const credential = config.credentialId ? await loadCredentialInUse(workspaceId, config.credentialId) : null;
  if (!credential || credential.connector.id !== connector.id) {
    throw new UserError(`Choose a ${connector.name} credential.`, "credentialId");
  }
  return {
    connector,
    baseUrl: credential.resolved.baseUrl,
    credential,
    account: await loadAccountFacts(credential),
  };
}
