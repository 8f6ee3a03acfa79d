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
 * The token each credential last read or fetched, so a run's requests do not read and decrypt it
 * from Postgres one by one. Keyed besides the id by the token request itself: a saved change of
 * a secret, the token URL or a scope asks for a token another way and reads again. A token revoked
 * early shows as a 401, which forces a new one and replaces this.
 */
const held = new Map<string, { obtainedWith: string; token: string; expiresAt: number }>();

/** After a save, which clears the stored token too: the next request asks for a new one. */
export function forgetAccessToken(credentialId: string): void {
  held.delete(credentialId);
}

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

  const key = JSON.stringify(request);
  if (credential.id && !force) {
    const kept = held.get(credential.id);
    if (kept && kept.obtainedWith === key && kept.expiresAt > Date.now()) {
      return { ok: true, accessToken: kept.token };
    }
    const cached = await db().credential.findUnique({
      where: { id: credential.id },
      select: { cachedToken: true, cachedTokenExpiresAt: true },
    });
    if (
      cached?.cachedToken &&
      cached.cachedTokenExpiresAt &&
      cached.cachedTokenExpiresAt.getTime() > Date.now()
    ) {
      const token = open(cached.cachedToken, currentKeyring(), tokenOwner(credential.id));
      held.set(credential.id, { obtainedWith: key, token, expiresAt: cached.cachedTokenExpiresAt.getTime() });
      return { ok: true, accessToken: token };
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
    const expiresAt = Date.now() + lifetimeMs - margin;
    held.delete(credential.id);
    await db().credential.update({
      where: { id: credential.id },
      data: {
        cachedToken: seal(token.accessToken, currentKeyring(), tokenOwner(credential.id)),
        cachedTokenExpiresAt: new Date(expiresAt),
      },
    });
    held.set(credential.id, { obtainedWith: key, token: token.accessToken, expiresAt });
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
