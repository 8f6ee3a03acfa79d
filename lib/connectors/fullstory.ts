import { z } from "zod";
import { requiredText } from "./field-schemas";
import { joinUrl, parseJson, withHeaders } from "./request-helpers";
import { fullstoryTemplates } from "./templates/fullstory";
import type { Connector } from "./types";

const TEST_PATH = "/v2/users?uid=__outflow_connection_test__";

// Facts from FullStory's Server API v2 spec and its official SDK.
export const fullstory: Connector = {
  id: "fullstory",
  name: "FullStory",
  logo: "/logos/fullstory.svg",
  description: "Create and update users, send events and batch imports to FullStory's Server API v2.",
  docsUrl: "https://developer.fullstory.com/server/v2/getting-started/",
  defaultBaseUrl: "https://api.fullstory.com",
  needsCredential: true,
  fields: [
    {
      name: "apiKey",
      label: "API key",
      secret: true,
      help: "In FullStory, Settings → API Keys. Use an Admin or Architect key to read data; its first three characters name the data center (na1, eu1).",
    },
  ],
  schema: z.object({ apiKey: requiredText("API key") }),
  // FullStory takes the raw key after "Basic", not base64 of user:password (its spec and SDK).
  applyAuth: (request, credential) =>
    withHeaders(request, { authorization: `Basic ${credential.values.apiKey ?? ""}` }),
  test: {
    kind: "request",
    request: (credential) => ({ method: "GET", url: joinUrl(credential.baseUrl, TEST_PATH) }),
    label: (credential) => `GET ${joinUrl(credential.baseUrl, TEST_PATH)}`,
  },
  // FullStory publishes no numbers; a conservative default that users can raise.
  rateLimit: { requests: 20, windowSeconds: 1 },
  templates: fullstoryTemplates,
  secretLabel: "API key",
  forbiddenHint: "The key works but lacks permission: reading data needs an Admin or Architect key.",
  batchJobs: {
    // `POST /v2/users/batch` and `/v2/events/batch` answer {"job":{"id":…}}; the job is at
    // `…/batch/{job_id}`, and its failed items at `…/errors` once it is FAILED (reference §3.1).
    jobUrl: (request, response) => {
      const id = parseJson<{ job?: { id?: unknown } }>(response.body)?.job?.id;
      const url = new URL(request.url);
      if (typeof id !== "string" || !/\/v2\/(users|events)\/batch\/?$/.test(url.pathname)) return null;
      url.pathname = `${url.pathname.replace(/\/$/, "")}/${encodeURIComponent(id)}`;
      url.search = "";
      return url.toString();
    },
    state: (body) => {
      const status = parseJson<{ job?: { status?: unknown } }>(body)?.job?.status;
      return status === "COMPLETED" ? "completed" : status === "FAILED" ? "failed" : "processing";
    },
    errorsUrl: (jobUrl, pageToken) =>
      `${jobUrl}/errors${pageToken ? `?page_token=${encodeURIComponent(pageToken)}` : ""}`,
    failures: batchErrors,
  },
};

type BatchError = { message?: string; code?: string; user?: unknown; event?: unknown };

/**
 * Each error carries the item it refers to (`user` or `event`). It is matched to the request's
 * items as sent, or failing that by `uid`; errors that match no item fail no record.
 */
function batchErrors(errorsBody: string, request: { body: string | null }, recordIds: string[]) {
  const page = parseJson<{ results?: BatchError[]; next_page_token?: string }>(errorsBody);
  const items = parseJson<{ requests?: unknown[] }>(request.body ?? "")?.requests ?? [];
  const sent = items.map((item) => JSON.stringify(item));
  const uids = items.map((item) => uidOf(item));
  const failures: { recordId: string; message: string }[] = [];
  for (const error of page?.results ?? []) {
    const item = error.user ?? error.event;
    let index = sent.indexOf(JSON.stringify(item));
    const uid = uidOf(item);
    if (index === -1 && uid !== undefined) index = uids.indexOf(uid);
    const recordId = recordIds[index];
    if (index === -1 || recordId === undefined) continue;
    const message = [error.code, error.message].filter(Boolean).join(": ") || "Refused by FullStory";
    failures.push({ recordId, message: `FullStory batch import: ${message}` });
  }
  return { failures, nextPageToken: page?.next_page_token || undefined };
}

function uidOf(item: unknown): string | undefined {
  if (item === null || typeof item !== "object") return undefined;
  const record = item as { uid?: unknown; user?: { uid?: unknown } };
  const uid = record.uid ?? record.user?.uid;
  return typeof uid === "string" ? uid : undefined;
}
