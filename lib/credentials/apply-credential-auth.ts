import type { OutboundRequest } from "@/lib/http/types";
import type { CredentialInUse } from "./resolve-credential";

/**
 * The request with the credential's auth applied, marked with every header and query parameter
 * the auth set or changed, so that a redirect to another origin drops all of them: a custom
 * `X-Partner` key is as secret as an Authorization header. Found by comparing before and after,
 * so no connector's applyAuth has to remember to say what it added.
 */
export function applyCredentialAuth(
  credential: CredentialInUse,
  request: OutboundRequest,
  accessToken: string | undefined,
): OutboundRequest {
  const authed = credential.connector.applyAuth(request, credential.resolved, accessToken);
  const before = new Map(
    Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const headers = Object.entries(authed.headers ?? {})
    .filter(([name, value]) => before.get(name.toLowerCase()) !== value)
    .map(([name]) => name.toLowerCase());
  const query = changedParams(request.url, authed.url);
  return {
    ...authed,
    credentialParts: {
      headers: [...new Set([...(request.credentialParts?.headers ?? []), ...headers])],
      query: [...new Set([...(request.credentialParts?.query ?? []), ...query])],
    },
  };
}

function changedParams(beforeUrl: string, afterUrl: string): string[] {
  if (beforeUrl === afterUrl) return [];
  try {
    const before = new URL(beforeUrl).searchParams;
    const after = new URL(afterUrl).searchParams;
    return [...new Set(after.keys())].filter(
      (name) => before.getAll(name).join("\u0000") !== after.getAll(name).join("\u0000"),
    );
  } catch {
    return [];
  }
}
