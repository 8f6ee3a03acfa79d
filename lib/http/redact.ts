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

/** Secrets shorter than this are masked only where they stand alone (see secretForms). */
export const SHORT_SECRET_LENGTH = 8;
/** Only a secret this long can spare its last four characters and still be unguessable. */
const SUFFIX_SHOWN_FROM = 16;

/** `••••abcd` for a long secret; a shorter one shows nothing of itself, only `••••`. */
export function maskSecret(value: string): string {
  return value.length < SUFFIX_SHOWN_FROM ? MASK : `${MASK}${value.slice(-4)}`;
}

/** Every occurrence of each secret, in every form it travels in (see secretForms), replaced by its mask. */
export function redactText(text: string, secrets: readonly string[]): string {
  return secretMatcher(secrets).redact(text);
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
    // The end of a Basic token is the end of the password, base64-encoded: none of it is shown.
    if (keep) return `${scheme} ${scheme.toLowerCase() === "basic" ? MASK : maskSecret(credentials)}`;
  }
  return maskSecret(value);
}

type SecretForm = { form: string; mask: string; standalone: boolean };

/** Every form of a set of secrets, compiled into one scan. */
type SecretMatcher = { redact(text: string): string };

const NOTHING_TO_MASK: SecretMatcher = { redact: (text) => text };

/**
 * Matchers by the secrets' values. A run masks the URL, headers, body and response of every
 * request with the same few secrets, so their forms and the scan are built once, not per call.
 * Keyed by the values themselves (never by which array or credential they came from), so a
 * changed secret gets a matcher of its own at once and a stale one can never be used.
 */
const matcherCache = new Map<string, SecretMatcher>();
const MATCHER_CACHE_SIZE = 500;
/** The last array asked about and its matcher: most calls repeat it, and comparing is cheaper than a key. */
let lastSecrets: readonly string[] = [];
let lastCopy: string[] = [];
let lastMatcher: SecretMatcher = NOTHING_TO_MASK;

function secretMatcher(secrets: readonly string[]): SecretMatcher {
  // The array may have been changed in place since (a caller adding a refreshed token), so its
  // values are compared with a copy, not just its identity.
  if (secrets === lastSecrets && sameValues(secrets, lastCopy)) return lastMatcher;
  const key = secrets.join("\u0000");
  let matcher = matcherCache.get(key);
  if (!matcher) {
    matcher = compileMatcher(secretForms(secrets));
    if (matcherCache.size >= MATCHER_CACHE_SIZE) {
      // Oldest first: Maps iterate in insertion order.
      const oldest = matcherCache.keys().next().value;
      if (oldest !== undefined) matcherCache.delete(oldest);
    }
    matcherCache.set(key, matcher);
  }
  lastSecrets = secrets;
  lastCopy = [...secrets];
  lastMatcher = matcher;
  return matcher;
}

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * One regular expression for all forms, longest first, so each place in the text is masked by
 * the longest form that starts there, in one pass instead of one pass per form.
 */
/** From this length on, a substring search per form finds out faster whether any form is there. */
const LONG_TEXT = 1024;

function compileMatcher(forms: SecretForm[]): SecretMatcher {
  if (forms.length === 0) return NOTHING_TO_MASK;
  const masks = new Map(forms.map((f) => [f.form, f.mask]));
  const pattern = forms
    .map(({ form, standalone }) => {
      const escaped = form.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
      return standalone ? `(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])` : escaped;
    })
    .join("|");
  const regex = new RegExp(pattern, "gu");
  const replace = (match: string) => masks.get(match) ?? MASK;
  const literals = forms.map((f) => f.form);
  return {
    redact(text) {
      if (!text) return text;
      let found: boolean;
      if (text.length < LONG_TEXT) {
        regex.lastIndex = 0;
        found = regex.test(text);
      } else {
        // On long text (a response body) the alternation costs more per character than a plain
        // substring search per form does, so it runs only once a form is known to be there.
        found = literals.some((form) => text.includes(form));
      }
      return found ? text.replace(regex, replace) : text;
    },
  };
}

/**
 * Each secret in the forms it travels in, longest first so a secret containing another is masked
 * whole: as written, JSON-escaped, percent-encoded (URI component, strict RFC 3986 and
 * application/x-www-form-urlencoded, either hex case), and base64/base64url both whole and at each
 * of the three byte alignments it can have inside a longer base64 string (a Basic token is
 * base64 of `user:password`). A short secret is matched only where it stands alone, so that
 * a one-letter password does not garble every word containing that letter.
 */
function secretForms(secrets: readonly string[]): SecretForm[] {
  const forms = new Map<string, SecretForm>();
  for (const secret of secrets) {
    if (!secret) continue;
    const mask = maskSecret(secret);
    const standalone = secret.length < SHORT_SECRET_LENGTH;
    const add = (form: string) => {
      if (form && !forms.has(form)) forms.set(form, { form, mask, standalone });
    };
    for (const form of textForms(secret)) add(form);
    if (!standalone) for (const form of base64Forms(secret)) add(form);
  }
  return [...forms.values()].sort((a, b) => b.form.length - a.form.length);
}

function textForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const asciiJson = json.replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  const component = encodeURIComponent(secret);
  const strict = component.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const form = new URLSearchParams([["", secret]]).toString().slice(1);
  const percentForms = [component, component.replace(/%20/g, "+"), strict, strict.replace(/%20/g, "+"), form];
  return [
    secret,
    json,
    json.replace(/\//g, "\\/"),
    asciiJson,
    asciiJson.replace(/\\u([0-9a-f]{4})/g, (_, hex: string) => `\\u${hex.toUpperCase()}`),
    ...percentForms,
    ...percentForms.map((f) => f.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())),
  ];
}

/**
 * base64 and base64url of the secret on its own (padded and not), and the characters that depend
 * on the secret alone when it follows 0, 1 or 2 other bytes inside a longer encoded string.
 */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  const whole = bytes.toString("base64");
  const forms = [whole, whole.replace(/=+$/, "")];
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString("base64");
    // Characters before `start` mix in the preceding bytes; after `end`, the following ones.
    const start = [0, 2, 3][offset] as number;
    const end = Math.floor((offset + bytes.length) / 3) * 4;
    const inner = encoded.slice(start, end);
    if (inner.length >= SHORT_SECRET_LENGTH) forms.push(inner);
  }
  return [...forms, ...forms.map((f) => f.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""))];
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
