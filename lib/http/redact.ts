/**
 * Masking secrets before anything is shown or stored: the request log, the preview, error
 * messages. Secrets are shown as `••••abcd` so a person can tell which key was used without
 * being able to use it.
 */

const MASK = "••••";

/** Names whose values are always credentials, whatever the secrets list says. */
const ALWAYS_SECRET = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"]);
const SECRET_NAME_PART = /token|secret|key|auth/i;
/**
 * Idempotency keys are not secrets: receivers deduplicate on them and the request log must show
 * them, so "key" in the name does not make them one.
 */
const NOT_SECRET_NAME = /(^|-)idempotency-key$/i;
/** Authorization syntax is `scheme credentials` (RFC 9110 §11.4): the scheme word is not secret. */
const SCHEME_TOKEN = /^[A-Za-z][!#$%&'*+\-.^_`|~0-9A-Za-z]*$/;
/** In other credential headers only these well-known words are kept; anything else may be secret. */
const COMMON_SCHEMES = new Set(["basic", "bearer", "token"]);
/** Query parameters that carry credentials by convention (e.g. Google's `?key=`). */
const SECRET_PARAM =
  /^(api[-_]?key|key|token|access[-_]?token|refresh[-_]?token|secret|client[-_]?secret|password|passwd|signature|sig|auth)$/i;

/** `••••abcd`: the last four characters, or only `••••` when the value is too short to spare them. */
export function maskSecret(value: string): string {
  return value.length < 12 ? MASK : `${MASK}${value.slice(-4)}`;
}

/** Every occurrence of each secret, raw, base64 or URL-encoded, replaced by its mask. */
export function redactText(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const [form, mask] of secretForms(secrets)) result = result.split(form).join(mask);
  return result;
}

export function isSensitiveHeaderName(name: string): boolean {
  const lower = name.toLowerCase();
  if (NOT_SECRET_NAME.test(lower)) return false;
  return ALWAYS_SECRET.has(lower) || SECRET_NAME_PART.test(lower);
}

/** A copy of `headers` fit for display: credential headers masked whole, secrets masked elsewhere. */
export function redactHeaders(
  headers: Readonly<Record<string, string>>,
  secrets: readonly string[],
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      isSensitiveHeaderName(name) ? maskCredential(name, value) : redactText(value, secrets),
    ]),
  );
}

/** `url` with secret query values, a userinfo password and any secret elsewhere masked. */
export function redactUrl(url: string, secrets: readonly string[]): string {
  const withoutPassword = url.replace(
    /^([a-z][a-z0-9+.-]*:\/\/[^/?#:@]*):([^/?#@]*)@/i,
    (_, head: string, password: string) => `${head}:${maskSecret(safeDecode(password))}@`,
  );
  const queryStart = withoutPassword.indexOf("?");
  if (queryStart === -1) return redactText(withoutPassword, secrets);
  const hashStart = withoutPassword.indexOf("#", queryStart);
  const queryEnd = hashStart === -1 ? withoutPassword.length : hashStart;
  const query = withoutPassword
    .slice(queryStart + 1, queryEnd)
    .split("&")
    .map((pair) => {
      const equals = pair.indexOf("=");
      if (equals === -1) return pair;
      const name = pair.slice(0, equals);
      const value = safeDecode(pair.slice(equals + 1).replace(/\+/g, " "));
      const isSecret = SECRET_PARAM.test(safeDecode(name)) || secrets.some((s) => s && value.includes(s));
      // The mask is left unencoded: the result is for people to read, not to send.
      return isSecret && value ? `${name}=${maskSecret(value)}` : pair;
    })
    .join("&");
  const rebuilt = `${withoutPassword.slice(0, queryStart + 1)}${query}${withoutPassword.slice(queryEnd)}`;
  return redactText(rebuilt, secrets);
}

function maskCredential(name: string, value: string): string {
  const match = /^(\S+)\s+(\S[\s\S]*)$/.exec(value.trim());
  const scheme = match?.[1];
  const credentials = match?.[2];
  if (scheme && credentials) {
    const isAuthorization = /^(proxy-)?authorization$/i.test(name);
    const keep = isAuthorization ? SCHEME_TOKEN.test(scheme) : COMMON_SCHEMES.has(scheme.toLowerCase());
    if (keep) return `${scheme} ${maskSecret(credentials)}`;
  }
  return maskSecret(value);
}

/** Each secret in the forms it travels in, longest first so a secret containing another is masked whole. */
function secretForms(secrets: readonly string[]): [string, string][] {
  const forms = new Map<string, string>();
  for (const secret of secrets) {
    if (!secret) continue;
    const mask = maskSecret(secret);
    const bytes = Buffer.from(secret, "utf8");
    const base64 = bytes.toString("base64");
    const urlEncoded = encodeURIComponent(secret);
    for (const form of [
      secret,
      base64,
      base64.replace(/=+$/, ""),
      bytes.toString("base64url"),
      urlEncoded,
      urlEncoded.replace(/%20/g, "+"),
    ]) {
      if (form && !forms.has(form)) forms.set(form, mask);
    }
  }
  return [...forms].sort(([a], [b]) => b.length - a.length);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
