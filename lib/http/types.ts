/** Shapes shared by Outflow's one outbound HTTP client and its guards. */

export type OutboundRequest = {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /**
   * The header names and query parameter names a credential's auth set on this request. On a
   * redirect to another origin they are dropped, whatever their names (see applyCredentialAuth).
   */
  credentialParts?: { headers: string[]; query: string[] };
};

export type SendOptions = {
  /** Total time for the whole exchange, redirects and body included. Default 30000. */
  timeoutMs?: number;
  /** Time to resolve and open one connection (TCP + TLS). Default 10000. */
  connectTimeoutMs?: number;
  /** Response body bytes kept; the rest is read and discarded and `bodyTruncated` set. Default 64 KiB. */
  maxResponseBytes?: number;
  /**
   * Default: true for GET and HEAD only. At most 5 hops, each checked by the SSRF guard again;
   * credential headers are never forwarded to another origin.
   */
  followRedirects?: boolean;
  /** Values to mask in any error message (e.g. the credential's secrets). */
  secrets?: string[];
  /** Where requests may go. Default: built from `getConfig()`. */
  policy?: GuardPolicy;
};

export type OutboundResponse = {
  ok: true;
  status: number;
  statusText: string;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** UTF-8 text of the kept bytes. */
  body: string;
  /** Bytes of body received in total, including any that were discarded. */
  bodyBytes: number;
  bodyTruncated: boolean;
  durationMs: number;
  finalUrl: string;
};

export type OutboundErrorKind =
  | "dns"
  | "connect"
  | "tls"
  | "timeout"
  | "refused-by-policy"
  | "invalid-request"
  | "network";

export type OutboundFailure = {
  ok: false;
  error: { kind: OutboundErrorKind; message: string };
  durationMs: number;
};

export type OutboundResult = OutboundResponse | OutboundFailure;

export type GuardPolicy = {
  /** Production refuses loopback too; development and test allow it so local fakes work. */
  isProduction: boolean;
  /** Host names (exact, case-insensitive) and CIDRs that may be reached even so (OUTFLOW_ALLOWED_HOSTS). */
  allowedHosts: string[];
  /** Outflow's own origin: its Request Inspector (`/api/inspect/…`) is always reachable. */
  selfOrigin: string;
};
