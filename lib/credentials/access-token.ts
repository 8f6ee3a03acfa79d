import { db } from "@/lib/db/client";
import { sendRequest } from "@/lib/http/send-request";
import type { OutboundFailure, OutboundResponse } from "@/lib/http/types";
import { open, seal } from "./encryption";
import { currentKeyring } from "./keyring";
import type { CredentialInUse } from "./resolve-credential";

/** Refresh this long before the token's own expiry, so no request goes out with a dying token. */
const REFRESH_MARGIN_MS = 60_000;

export type TokenResult =
  | { ok: true; accessToken: string | undefined }
  | { ok: false; response?: OutboundResponse; failure?: OutboundFailure; message: string };

const tokenOwner = (credentialId: string) => `credential:${credentialId}:access-token`;

/**
 * The OAuth access token for a credential (undefined when it does not use OAuth): the cached one
 * while it is fresh, else a new one from the token endpoint, cached encrypted until shortly
 * before `expires_in`. `force` skips the cache, e.g. after the API answered 401.
 */
export async function getAccessToken(
  credential: CredentialInUse,
  { force = false } = {},
): Promise<TokenResult> {
  const oauth = credential.connector.oauth;
  const tokenUrl = oauth?.tokenUrl(credential.resolved) ?? "";
  const request = oauth?.tokenRequest(credential.resolved, tokenUrl);
  if (!oauth || !request) return { ok: true, accessToken: undefined };

  if (credential.id && !force) {
    const cached = await db().credential.findUnique({
      where: { id: credential.id },
      select: { cachedToken: true, cachedTokenExpiresAt: true },
    });
    if (
      cached?.cachedToken &&
      cached.cachedTokenExpiresAt &&
      cached.cachedTokenExpiresAt.getTime() > Date.now()
    ) {
      return { ok: true, accessToken: open(cached.cachedToken, currentKeyring(), tokenOwner(credential.id)) };
    }
  }

  const result = await sendRequest(request, { secrets: credential.secretValues, followRedirects: false });
  if (!result.ok) return { ok: false, failure: result, message: result.error.message };
  const token = parseTokenResponse(result.body);
  if (result.status < 200 || result.status >= 300 || !token) {
    return { ok: false, response: result, message: `The token endpoint answered ${result.status}.` };
  }

  if (credential.id) {
    const lifetimeMs = token.expiresIn * 1000;
    const margin = Math.min(REFRESH_MARGIN_MS, lifetimeMs / 10);
    await db().credential.update({
      where: { id: credential.id },
      data: {
        cachedToken: seal(token.accessToken, currentKeyring(), tokenOwner(credential.id)),
        cachedTokenExpiresAt: new Date(Date.now() + lifetimeMs - margin),
      },
    });
  }
  return { ok: true, accessToken: token.accessToken };
}

function parseTokenResponse(body: string): { accessToken: string; expiresIn: number } | null {
  try {
    const parsed = JSON.parse(body) as { access_token?: unknown; expires_in?: unknown };
    if (typeof parsed.access_token !== "string" || !parsed.access_token) return null;
    // Honour expires_in; without it, assume a short life rather than caching forever.
    const expiresIn = Number(parsed.expires_in);
    return {
      accessToken: parsed.access_token,
      expiresIn: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 300,
    };
  } catch {
    return null;
  }
}
