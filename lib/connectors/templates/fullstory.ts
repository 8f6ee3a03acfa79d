/**
 * FullStory endpoint templates: the eight endpoints of its Server API v2 and webhooks that
 * destination tools offer. Facts from FullStory's developer docs and SDK.
 */
import { z } from "zod";
import { batchUserBody, eventBody, eventProblem, userBody, userProblem } from "./fullstory-bodies";
import {
  batchUserTargets,
  createWebhookTargets,
  deleteUserTargets,
  eventTargets,
  updateWebhookTargets,
  userTargets,
  WEBHOOK_NOTE,
} from "./fullstory-targets";
import { isPlainObject, isPresent, noParams, pick, requiredSetting, SINGLE } from "./template-helpers";
import type { EndpointTemplate, TemplateSettings } from "./types";

/** [FS-BATCH-USERS], [FS-BATCH-EVENTS]: up to 50,000 request objects per batch, in `requests`. */
const BATCH_IMPORT = { enabled: true, size: 100, maxSize: 50_000, envelopeKey: "requests" };

const idParams = z.object({ id: requiredSetting("Id") }) as unknown as z.ZodType<TemplateSettings>;
const idParam = {
  name: "id",
  label: "Id",
  help: "The webhook endpoint's id, returned when it was created (or listed by List Webhooks).",
  required: true,
};

/**
 * Webhook management lives at /webhooks/v1/endpoints (UNCONFIRMED: only a third-party spec shows
 * the path, §3.3). The create body (url, event_types, secret) is from the official page [FS-WH-CREATE].
 */
const WEBHOOKS = "/webhooks/v1/endpoints";

function webhookProblem(record: Record<string, unknown>): string | null {
  if (typeof record.url !== "string" || !/^https?:\/\//i.test(record.url)) {
    return "A webhook endpoint needs url: the http(s) address that receives the notifications.";
  }
  const types = record.event_types;
  if (!Array.isArray(types) || types.length === 0) {
    return 'A webhook endpoint needs event_types: a list like [{"event_name": "recording.event.custom", "subcategory": "…"}].';
  }
  if (!types.every((type) => isPlainObject(type) && typeof type.event_name === "string")) {
    return "Each of event_types needs an event_name.";
  }
  return null;
}

const userTemplate = (
  id: string,
  name: string,
  description: string,
): Omit<EndpointTemplate, "method" | "path" | "batching" | "transform" | "targets"> => ({
  id,
  name,
  description,
  params: [],
  paramsSchema: noParams,
  contentFormat: "json",
  effect: "writes",
  preflight: userProblem,
});

export const fullstoryTemplates: EndpointTemplate[] = [
  {
    ...userTemplate(
      "create-or-update-user",
      "Create or Update User",
      "Creates a user, or updates the one with the mapped uid; the rest of the record can go into properties.",
    ),
    targets: userTargets,
    method: "POST",
    path: "/v2/users",
    batching: SINGLE,
    transform: userBody,
  },
  {
    id: "delete-user",
    name: "Delete User",
    description:
      "Deletes all data of a user (sessions, events, properties), by the User UID setting or by each record's mapped uid. Irreversible; needs an Architect key.",
    targets: deleteUserTargets,
    method: "DELETE",
    path: "/v2/users?uid={{record.uid}}",
    // [FS-USERS-SPEC]: DELETE /v2/users?uid=<uid>; a fixed UID in the settings wins over the record's.
    pathFor: (settings) => (isPresent(settings.uid) ? "/v2/users?uid={uid}" : "/v2/users?uid={{record.uid}}"),
    params: [
      {
        name: "uid",
        label: "User UID",
        help: "The uid of the user whose data is deleted. Leave empty to use each record's uid field.",
        required: false,
      },
    ],
    paramsSchema: z.object({
      uid: z
        .string()
        .trim()
        .optional()
        .transform((value) => value || undefined),
    }) as unknown as z.ZodType<TemplateSettings>,
    contentFormat: "json",
    batching: SINGLE,
    effect: "deletes",
    transform: () => undefined,
    preflight: (record, settings) =>
      isPresent(settings.uid) || isPresent(record.uid)
        ? null
        : "Delete User needs a uid: map one, or fill in the User UID setting.",
  },
  {
    ...userTemplate(
      "batch-create-users",
      "Batch Create Users",
      "Creates or updates up to 50,000 users per request in an asynchronous import job; the response carries the job id.",
    ),
    targets: batchUserTargets,
    method: "POST",
    path: "/v2/users/batch",
    batching: BATCH_IMPORT,
    transform: batchUserBody,
  },
  {
    id: "create-event",
    name: "Create Event",
    description:
      "Creates one server-side event per record. name is required; identify it by user.uid, user.id or session.id, one of them. The rest of the record can go into properties.",
    targets: eventTargets,
    method: "POST",
    path: "/v2/events",
    params: [],
    paramsSchema: noParams,
    contentFormat: "json",
    batching: SINGLE,
    effect: "writes",
    transform: eventBody,
    preflight: eventProblem,
  },
  {
    id: "create-batch-events-import-job",
    name: "Create Batch Events Import Job",
    description: "Imports up to 50,000 events per request asynchronously; the response carries the job id.",
    targets: eventTargets,
    method: "POST",
    path: "/v2/events/batch",
    params: [],
    paramsSchema: noParams,
    contentFormat: "json",
    batching: BATCH_IMPORT,
    effect: "writes",
    transform: eventBody,
    preflight: eventProblem,
  },
  {
    id: "create-webhook-endpoint",
    name: "Create Webhook Endpoint",
    description:
      "Creates a webhook endpoint (url, event_types, secret) that receives FullStory's notifications.",
    targets: createWebhookTargets,
    modelNote: WEBHOOK_NOTE,
    method: "POST",
    path: WEBHOOKS,
    params: [],
    paramsSchema: noParams,
    contentFormat: "json",
    batching: SINGLE,
    effect: "creates",
    transform: (record) => pick(record, ["url", "event_types", "secret"]),
    preflight: webhookProblem,
  },
  {
    id: "update-webhook-endpoint",
    name: "Update Webhook Endpoint",
    description: "Changes a webhook endpoint's url, event_types, secret or enabled state.",
    targets: updateWebhookTargets,
    modelNote: WEBHOOK_NOTE,
    // PUT per the third-party spec [FS-EVANG-WH]; the official page for updates was not retrieved.
    method: "PUT",
    path: `${WEBHOOKS}/{id}`,
    params: [idParam],
    paramsSchema: idParams,
    contentFormat: "json",
    batching: SINGLE,
    effect: "writes",
    transform: (record) => pick(record, ["url", "event_types", "secret", "enabled"]),
    preflight: (record) =>
      ["url", "event_types", "secret", "enabled"].some((key) => isPresent(record[key]))
        ? null
        : "Nothing to update: the record has none of url, event_types, secret, enabled.",
  },
  {
    id: "delete-webhook-endpoint",
    name: "Delete Webhook Endpoint",
    description: "Deletes a webhook endpoint; no further notifications go to its URL. Irreversible.",
    targets: [],
    modelNote: WEBHOOK_NOTE,
    method: "DELETE",
    path: `${WEBHOOKS}/{id}`,
    params: [idParam],
    paramsSchema: idParams,
    contentFormat: "json",
    batching: SINGLE,
    effect: "deletes",
    transform: () => undefined,
    preflight: () => null,
  },
];
