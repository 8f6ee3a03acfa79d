import { apiOrigin, isInScope, outOfScopeMessage } from "@/lib/credentials/credential-scope";
import type { EndpointConfig, FieldErrors } from "@/lib/payload/types";
import { manualUrlOrigin } from "@/lib/payload/validate-endpoint-config";
import type { Target } from "./resolve-target";

/**
 * A manual endpoint URL must be on the credential's API (its base URL's origin or an Allowed
 * domain), or the credential's auth would go to whoever the URL names. Said on the URL field as
 * the user types; the send refuses it again (sendWithCredential). Template URLs start from the
 * credential's own base URL, so they are on it by construction. Call with a valid config.
 */
export function endpointScopeErrors(endpoint: EndpointConfig, target: Target): FieldErrors {
  const credential = target.credential;
  if (!credential || endpoint.mode !== "manual") return {};
  const where = manualUrlOrigin(endpoint.url, endpoint.templateSettings ?? {});
  if (!where) return {};
  if ("dynamic" in where) {
    const api = apiOrigin(credential.resolved) ?? "the credential's API";
    return {
      url: `The host of this URL comes from a record, so it cannot be checked to be on ${api}, the API this credential is for: keep record values in the path or query.`,
    };
  }
  if (isInScope(credential.resolved, where.origin)) return {};
  return { url: outOfScopeMessage(credential.resolved, where.origin) };
}
