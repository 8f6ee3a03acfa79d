/**
 * The request rules the fake FullStory enforces, from FullStory's Server API v2 spec.
 * The `invalid_argument` code is the fake's own; the spec quotes only `required_field` for 400.
 */
import { isObject } from "./fake-server";
import type { FullStoryError } from "./fullstory-batch";

export interface FullStoryUser {
  id: string;
  uid?: string;
  display_name?: string;
  email?: string;
  properties: Record<string, unknown>;
}

export interface FullStoryWebhook {
  id: string;
  created: string;
  modified: string;
  enabled: boolean;
  url: string;
  eventTypes: { eventName: string; subcategory?: string }[];
  secret: string;
}

const invalid = (message: string): FullStoryError => ({ message, code: "invalid_argument" });
const required = (field: string): FullStoryError => ({
  message: `${field} is required`,
  code: "required_field",
});

/** [FS-USERS-SPEC]: names `[A-Za-z0-9_]` starting with a letter, ≤ 512 chars with the dotted path. */
const PROPERTY_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const MAX_PROPERTIES = 500;
const MAX_VALUE_BYTES = 8192;
/** [FS-UPDATE-USER] field limits. */
const USER_FIELD_LIMITS: [field: string, max: number][] = [
  ["uid", 256],
  ["display_name", 256],
  ["email", 128],
];

export function checkUserFields(body: unknown): FullStoryError | undefined {
  if (!isObject(body)) return invalid("each user must be a JSON object");
  for (const [field, max] of USER_FIELD_LIMITS) {
    const value = body[field];
    if (value !== undefined && (typeof value !== "string" || value.length > max)) {
      return invalid(`${field} must be a string of at most ${max} characters`);
    }
  }
  if (body.properties === undefined) return undefined;
  if (!isObject(body.properties)) return invalid("properties must be an object");
  return checkProperties(body.properties);
}

function checkProperties(properties: Record<string, unknown>): FullStoryError | undefined {
  let count = 0;
  const walk = (object: Record<string, unknown>, prefix: string): FullStoryError | undefined => {
    for (const [name, value] of Object.entries(object)) {
      const path = `${prefix}${name}`;
      if (!PROPERTY_NAME.test(name)) {
        return invalid(
          `property name "${path}" must start with a letter and hold only letters, digits and _`,
        );
      }
      if (path.length > 512) return invalid(`property name "${path}" is longer than 512 characters`);
      if (isObject(value)) {
        const problem = walk(value, `${path}.`);
        if (problem) return problem;
        continue;
      }
      const text = typeof value === "string" ? value : (JSON.stringify(value) ?? "");
      if (Buffer.byteLength(text) > MAX_VALUE_BYTES) {
        return invalid(`property "${path}" value is larger than ${MAX_VALUE_BYTES} bytes`);
      }
      count += 1;
    }
    return undefined;
  };
  return (
    walk(properties, "") ??
    (count > MAX_PROPERTIES ? invalid(`at most ${MAX_PROPERTIES} properties`) : undefined)
  );
}

const given = (object: Record<string, unknown>, fields: string[]) =>
  fields.filter((field) => object[field] !== undefined && object[field] !== "");

/** `CreateEventRequest` and its identification rules [FS-EVENTS-SPEC], [FS-EV-INTRO], [FS-CREATE-EVENT]. */
export function checkEvent(body: unknown): FullStoryError | undefined {
  if (!isObject(body)) return invalid("each event must be a JSON object");
  if (typeof body.name !== "string" || body.name === "") return required("name");
  if (
    body.timestamp !== undefined &&
    (typeof body.timestamp !== "string" || Number.isNaN(Date.parse(body.timestamp)))
  ) {
    return invalid("timestamp must be an ISO 8601 date-time");
  }
  for (const field of ["properties", "user", "session", "context"]) {
    if (body[field] !== undefined && !isObject(body[field])) return invalid(`${field} must be an object`);
  }
  const user = isObject(body.user) ? body.user : {};
  const session = isObject(body.session) ? body.session : {};
  const userForms = given(user, ["uid", "id"]);
  // session.uid (the app's own session id) is in the current docs, not in the SDK's older spec.
  const sessionForms = given(session, ["id", "uid"]);
  const useMostRecent = session.use_most_recent === true;
  if (sessionForms.length > 0 && body.user !== undefined) {
    return invalid("user must not be given when the session is identified by id");
  }
  if (userForms.length > 1 || sessionForms.length > 1 || (sessionForms.length > 0 && useMostRecent)) {
    return invalid("more than one form of identification was supplied");
  }
  if (useMostRecent && userForms.length !== 1) {
    return invalid("session.use_most_recent requires exactly one user field");
  }
  if (userForms.length === 0 && sessionForms.length === 0) {
    return invalid("an event needs a user or a session to identify it");
  }
  return undefined;
}

/** Create (`creating`) needs url, event_types and secret; an update checks only what it sends. */
export function checkWebhook(body: Record<string, unknown>, creating: boolean): FullStoryError | undefined {
  for (const field of ["url", "event_types", "secret"]) {
    if (creating && body[field] === undefined) return required(field);
  }
  if (body.url !== undefined && !(typeof body.url === "string" && /^https?:$/.test(safeProtocol(body.url)))) {
    return invalid("url must be an http or https URL");
  }
  if (body.secret !== undefined && (typeof body.secret !== "string" || body.secret === "")) {
    return invalid("secret must be a non-empty string");
  }
  if (body.enabled !== undefined && typeof body.enabled !== "boolean")
    return invalid("enabled must be a boolean");
  if (body.event_types === undefined) return undefined;
  if (!Array.isArray(body.event_types) || body.event_types.length === 0) {
    return invalid("event_types must be a non-empty array");
  }
  for (const type of body.event_types) {
    if (!isObject(type) || typeof type.event_name !== "string" || type.event_name === "") {
      return required("event_types.event_name");
    }
    if (type.subcategory !== undefined && typeof type.subcategory !== "string") {
      return invalid("event_types.subcategory must be a string");
    }
    // [FS-WH-CREATE]: custom events are chosen by subcategory (from List Event Subcategories).
    if (type.event_name === "recording.event.custom" && !type.subcategory) {
      return required("event_types.subcategory for recording.event.custom");
    }
  }
  return undefined;
}

function safeProtocol(url: string): string {
  try {
    return new URL(url).protocol;
  } catch {
    return "";
  }
}
