/**
 * The request items' fields of FullStory's Server API v2, typed as the models of FullStory's own
 * SDK (@fullstory/server-api-client: CreateUserRequest, BatchUserImportRequest, CreateEventRequest
 * with Context, UserIdRequest and SessionIdRequest). The webhook endpoints have no SDK model.
 */
import { declareTargets } from "@/lib/mapping/declare-targets";
import type { TargetField } from "@/lib/mapping/types";

const PROPERTIES: TargetField = {
  path: "properties",
  type: "object",
  required: false,
  rest: true,
  description: "Custom properties: names start with a letter, then letters, digits and _.",
};
const SCHEMA: TargetField = {
  path: "schema",
  type: "object",
  required: false,
  description: 'Types for the properties, e.g. {"properties": {"plan": "str"}}; inferred when absent.',
};

const USER_PROPERTIES: TargetField = { ...PROPERTIES, restFrom: ["user", "traits"] };

const USER_FIELDS: TargetField[] = [
  {
    path: "uid",
    type: "string",
    required: false,
    maxLength: 256,
    description: "Your id of the user; FullStory creates or updates the user with this uid.",
    synonyms: ["user_id", "userId", "external_id"],
  },
  {
    path: "display_name",
    type: "string",
    required: false,
    maxLength: 256,
    description: "The name FullStory shows for the user.",
  },
  {
    path: "email",
    type: "string",
    required: false,
    maxLength: 128,
    description: "The user's email address.",
  },
  USER_PROPERTIES,
  SCHEMA,
];

export const userTargets = declareTargets(USER_FIELDS);

export const batchUserTargets = declareTargets([
  { path: "id", type: "string", required: false, description: "FullStory's own id of an existing user." },
  ...USER_FIELDS,
]);

const context = (
  object: string,
  fields: [string, "string" | "number" | "integer", string][],
): TargetField[] =>
  fields.map(([name, type, description]) => ({
    path: `context.${object}.${name}`,
    type,
    required: false,
    description,
  }));

export const eventTargets = declareTargets([
  {
    path: "name",
    type: "string",
    required: true,
    description: "The event's name, e.g. Order Completed.",
    synonyms: ["event_type", "event", "event_name"],
  },
  {
    path: "timestamp",
    type: "datetime",
    required: false,
    description: "When the event happened (ISO-8601); FullStory uses the time it arrives when absent.",
  },
  {
    path: "user.uid",
    type: "string",
    required: false,
    group: "identity",
    description: "The uid of the user the event belongs to.",
    synonyms: ["uid", "user_id", "userId"],
  },
  {
    path: "user.id",
    type: "string",
    required: false,
    group: "identity",
    description: "FullStory's own id of the user the event belongs to.",
  },
  {
    path: "session.id",
    type: "string",
    required: false,
    group: "identity",
    description: "The FullStory session the event belongs to, instead of a user.",
  },
  {
    path: "session.use_most_recent",
    type: "boolean",
    required: false,
    description: "Attach the event to the user's most recent session (needs user.uid or user.id).",
  },
  ...context("browser", [
    ["url", "string", "The page the event happened on."],
    ["user_agent", "string", "The browser's user agent."],
    ["initial_referrer", "string", "The page that referred the user."],
  ]),
  ...context("mobile", [
    ["app_id", "string", "The mobile app's id."],
    ["app_version", "string", "The mobile app's version."],
    ["app_name", "string", "The mobile app's name."],
    ["build_variant", "string", "The mobile app's build variant."],
  ]),
  ...context("device", [
    ["manufacturer", "string", "The device's manufacturer."],
    ["model", "string", "The device's model."],
    ["screen_width", "integer", "The screen's width in pixels."],
    ["screen_height", "integer", "The screen's height in pixels."],
    ["viewport_width", "integer", "The viewport's width in pixels."],
    ["viewport_height", "integer", "The viewport's height in pixels."],
  ]),
  ...context("location", [
    ["country", "string", "The country, e.g. United States."],
    ["region", "string", "The region or state."],
    ["city", "string", "The city."],
    ["latitude", "number", "The latitude."],
    ["longitude", "number", "The longitude."],
    ["ip_address", "string", "The IP address the event came from."],
  ]),
  PROPERTIES,
  SCHEMA,
]);

export const WEBHOOK_NOTE =
  "FullStory's SDK has no model for webhook endpoints: their fields follow FullStory's webhook documentation.";

const URL_FIELD: TargetField = {
  path: "url",
  type: "string",
  required: true,
  description: "The http(s) address that receives the notifications.",
};
const EVENT_TYPES: TargetField = {
  path: "event_types",
  type: "array",
  required: true,
  description:
    'The notifications to send, e.g. [{"event_name": "recording.event.custom", "subcategory": "…"}].',
};
const SECRET: TargetField = {
  path: "secret",
  type: "string",
  required: false,
  description: "A secret FullStory signs each notification with.",
};

export const createWebhookTargets = declareTargets([URL_FIELD, EVENT_TYPES, { ...SECRET, required: true }]);

export const updateWebhookTargets = declareTargets([
  { ...URL_FIELD, required: false, anyOf: "change" },
  { ...EVENT_TYPES, required: false, anyOf: "change" },
  { ...SECRET, anyOf: "change" },
  {
    path: "enabled",
    type: "boolean",
    required: false,
    anyOf: "change",
    description: "Whether the endpoint receives notifications.",
  },
]);

export const deleteUserTargets = declareTargets([
  {
    path: "uid",
    type: "string",
    required: false,
    description: "The uid of the user whose data is deleted, when the User UID setting is empty.",
    synonyms: ["user_id", "userId"],
  },
]);
