/**
 * "Copy as curl" for a logged request: its method, URL, headers and body as logged (secrets masked),
 * with the auth of the destination's credential applied again, shell variables for its secrets.
 */
import { UserError } from "@/lib/actions/user-error";
import { type CurlCommand, curlCommand } from "@/lib/credentials/curl-command";
import { getDestination } from "@/lib/destinations/manage-destinations";
import { resolveTarget } from "@/lib/destinations/resolve-target";
import type { RequestDetail } from "./request-log";

export async function curlForLoggedRequest(
  workspaceId: string,
  destinationId: string,
  request: Pick<RequestDetail, "method" | "url" | "requestHeaders" | "requestBody">,
): Promise<CurlCommand> {
  const outbound = {
    method: request.method,
    url: request.url,
    headers: request.requestHeaders,
    body: request.requestBody ?? undefined,
  };
  const destination = await getDestination(workspaceId, destinationId);
  if (!destination) return curlCommand(outbound, null);
  try {
    const target = await resolveTarget(workspaceId, destination.connectorId, destination.config);
    return curlCommand(outbound, target.credential);
  } catch (error) {
    // The credential is gone: the command keeps the masked values, to be filled in by hand.
    if (error instanceof UserError) return curlCommand(outbound, null);
    throw error;
  }
}
