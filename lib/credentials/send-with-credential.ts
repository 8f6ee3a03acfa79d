import { sendRequest } from "@/lib/http/send-request";
import type { OutboundRequest, OutboundResult, SendOptions } from "@/lib/http/types";
import { getAccessToken, type TokenResult } from "./access-token";
import { applyCredentialAuth } from "./apply-credential-auth";
import { isInScope, outOfScopeMessage } from "./credential-scope";
import type { CredentialInUse } from "./resolve-credential";

export type CredentialSendResult = {
  /** What the API answered, or why nothing was answered. */
  result: OutboundResult;
  /** Set when the token exchange itself failed, before the request could be sent. */
  tokenFailure?: Extract<TokenResult, { ok: false }>;
  /** Secret values used (including the access token), for redacting what is shown or logged. */
  secrets: string[];
};

/**
 * Sends a request authenticated with a credential. For OAuth credentials a 401 means the token
 * may have been revoked or expired early: the token is refreshed once and the request resent.
 * A request off the credential's API (its base URL's origin and Allowed domains) is refused
 * before any token is fetched or byte sent, whatever built it.
 */
export async function sendWithCredential(
  credential: CredentialInUse,
  request: OutboundRequest,
  options: SendOptions = {},
): Promise<CredentialSendResult> {
  // The credential's own list while no token joins it: the same array, and the same values, on
  // every request, so the masking compiled for it is found again at once.
  let secrets = credential.secretValues;
  if (!isInScope(credential.resolved, request.url)) {
    const message = outOfScopeMessage(credential.resolved, request.url);
    return { result: { ok: false, error: { kind: "refused-by-policy", message }, durationMs: 0 }, secrets };
  }
  let token = await getAccessToken(credential);
  if (!token.ok) return { result: tokenFailureResult(token), tokenFailure: token, secrets };
  if (token.accessToken) secrets = [...secrets, token.accessToken];

  const send = (accessToken: string | undefined) =>
    sendRequest(applyCredentialAuth(credential, request, accessToken), {
      ...options,
      secrets,
    });

  let result = await send(token.accessToken);
  if (result.ok && result.status === 401 && token.accessToken) {
    token = await getAccessToken(credential, { force: true });
    if (!token.ok) return { result: tokenFailureResult(token), tokenFailure: token, secrets };
    if (token.accessToken) secrets = [...secrets, token.accessToken];
    result = await send(token.accessToken);
  }
  return { result, secrets };
}

function tokenFailureResult(token: Extract<TokenResult, { ok: false }>): OutboundResult {
  return (
    token.response ??
    token.failure ?? { ok: false, error: { kind: "network", message: token.message }, durationMs: 0 }
  );
}
