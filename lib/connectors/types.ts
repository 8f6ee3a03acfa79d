import type { z } from "zod";
import type { OutboundRequest, OutboundResponse } from "@/lib/http/types";
import type { AccountFacts, EndpointTemplate } from "./templates/types";

/** One input of a connector's credential form. */
export type CredentialField = {
  name: string;
  label: string;
  /** Where to find the value, in the API vendor's words. */
  help: string;
  secret?: boolean;
  optional?: boolean;
  placeholder?: string;
  options?: { value: string; label: string }[];
  /** Shown (and validated) only while another field has one of these values. */
  showWhen?: { field: string; equals: string[] };
};

/** A credential's field values (settings and decrypted secrets), server-side only. */
export type CredentialValues = Record<string, string | undefined>;

export type ResolvedCredential = {
  values: CredentialValues;
  /** The API base URL: the credential's override or the connector's default, no trailing slash. */
  baseUrl: string;
  /** The token URL override, if any. */
  tokenUrl: string | undefined;
  /**
   * Where else the auth may be sent besides the base URL's origin: origins, host names and
   * `*.domain` entries (lib/credentials/credential-scope.ts). Absent means none.
   */
  allowedDomains?: string[];
};

export type ConnectionTest =
  /** The token exchange alone proves the key pair (Hotjar). */
  | { kind: "token" }
  | {
      kind: "request";
      /** The request to send, before auth is applied. */
      request(credential: ResolvedCredential): OutboundRequest;
      /** What to say about a 2xx answer, e.g. that HubSpot's portal id differs from the Hub ID entered. */
      check?(
        credential: ResolvedCredential,
        response: OutboundResponse,
      ): { detail?: string; warning?: string };
      /** Says what was called, for the result panel. */
      label(credential: ResolvedCredential): string;
    };

export type Connector = {
  id: string;
  name: string;
  /** Path of the logo in public/. */
  logo: string;
  description: string;
  docsUrl: string;
  defaultBaseUrl: string;
  /**
   * The path every API path starts with, when the API has one (Hightouch: /api/v1): a base URL
   * given as the host alone is completed with it (see base-url.ts).
   */
  basePath?: string;
  /** False for connectors that need no credential (the Request Inspector). */
  needsCredential: boolean;
  fields: CredentialField[];
  /** Validates the merged field values; issues carry the field name as path. */
  schema: z.ZodType<CredentialValues>;
  /** OAuth2 client credentials: the token request, or null when this credential does not use it. */
  oauth?: {
    tokenUrl(credential: ResolvedCredential): string;
    tokenRequest(credential: ResolvedCredential, tokenUrl: string): OutboundRequest | null;
  };
  /**
   * Values the auth builds from several fields and then encodes, e.g. HTTP Basic's
   * `user:password`: its base64 holds no base64 of the password alone, so it is masked as one.
   */
  combinedSecrets?(values: CredentialValues): string[];
  /** Adds authentication to a request; `accessToken` is set for OAuth credentials. */
  applyAuth(
    request: OutboundRequest,
    credential: ResolvedCredential,
    accessToken: string | undefined,
  ): OutboundRequest;
  test: ConnectionTest | null;
  rateLimit: { requests: number; windowSeconds: number } | null;
  /** API keys that expire this many days after creation (Hotjar: 365). */
  keyLifetimeDays?: number;
  /** Named in hints: "the credential was rejected: check the Client Secret". */
  secretLabel: string;
  /** What a 403 usually means for this API. */
  forbiddenHint?: string;
  /** Pre-built endpoints for the Endpoint pulldown; none means Configure Manually only. */
  templates?: EndpointTemplate[];
  /**
   * For APIs that accept a batch but refuse some of its items (HubSpot's 207): the records that
   * failed, so only they go to the dead letter. `recordIds` are the request's, in body order.
   */
  partialFailures?(
    request: { body: string | null },
    response: OutboundResponse,
    recordIds: string[],
  ): { recordId: string; message: string }[];
  /**
   * For APIs that take a batch as an asynchronous job and report its failed items later
   * (FullStory's batch imports): where to poll the job, and how to read what it answers.
   */
  batchJobs?: BatchJobProtocol;
  /**
   * What the builder must know about the account before it builds (HubSpot: the portal's contact
   * properties, since it refuses a batch naming one it lacks). Read through the credential and
   * cached on it for a few minutes.
   */
  accountFacts?: {
    /** In the UI's words: "contact properties". */
    label: string;
    request(credential: ResolvedCredential): OutboundRequest;
    parse(body: string, credential: ResolvedCredential): AccountFacts | null;
    /** Whether this credential creates what the account lacks rather than leaving it out. */
    createsMissing?(credential: ResolvedCredential): boolean;
    /**
     * The requests that create what `request` needs and the account lacks, sent before it
     * (HubSpot: contact properties, as Jitsu's autoCreateCustomProperties does).
     */
    creations?(
      request: { url: string; body: string | null },
      credential: ResolvedCredential,
      facts: AccountFacts,
    ): OutboundRequest[];
  };
};

export type RecordFailure = { recordId: string; message: string };

export type BatchJobProtocol = {
  /** The job to poll after this accepted request, or null when the request started none. */
  jobUrl(request: { url: string; body: string | null }, response: OutboundResponse): string | null;
  /** The job's state, from the answer to a GET of its URL. */
  state(statusBody: string): "processing" | "completed" | "failed";
  /** One page of the job's failed items; `pageToken` comes from the previous page. */
  errorsUrl(jobUrl: string, pageToken?: string): string;
  /** The records a page of errors names (matched against the request's items), and the next page. */
  failures(
    errorsBody: string,
    request: { body: string | null },
    recordIds: string[],
  ): { failures: RecordFailure[]; nextPageToken?: string };
};
