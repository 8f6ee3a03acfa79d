/**
 * How a record becomes a FullStory Server API v2 body, and what FullStory would refuse.
 * Facts from FullStory's swagger in its official Node SDK, and its developer docs.
 *
 * Fields the API knows stay at the top level; every other field of the record goes into
 * `properties` (merged under the record's own `properties` object, which wins), so a flat record
 * such as {uid, email, plan} works as well as one already shaped {uid, properties: {plan}}.
 */
import type { DataRecord } from "@/lib/datasets/parse/types";
import { isPlainObject, isPresent } from "./template-helpers";

const USER_FIELDS = ["uid", "display_name", "email", "properties", "schema"];
/** Batch import items may also name the FullStory user id ([FS-USERS-SPEC] BatchUserImportRequest). */
const BATCH_USER_FIELDS = ["id", ...USER_FIELDS];
const EVENT_FIELDS = ["name", "timestamp", "properties", "schema", "user", "session", "context"];

/** [FS-USERS-SPEC]: names start with a letter, then letters, digits and _; dotted path ≤ 512. */
const PROPERTY_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
/** [FS-UPDATE-USER] field limits. */
const USER_LIMITS: Record<string, number> = { uid: 256, display_name: 256, email: 128 };

function withProperties(record: DataRecord, known: string[]): Record<string, unknown> {
  // In the item's own order: a mapping's row order, or the record's.
  const body = Object.fromEntries(Object.entries(record).filter(([key]) => known.includes(key)));
  const extra = Object.fromEntries(Object.entries(record).filter(([key]) => !known.includes(key)));
  const own = isPlainObject(record.properties) ? record.properties : {};
  const properties = { ...extra, ...own };
  if (Object.keys(properties).length > 0 || "properties" in record) body.properties = properties;
  return body;
}

export const userBody = (record: DataRecord) => withProperties(record, USER_FIELDS);
export const batchUserBody = (record: DataRecord) => withProperties(record, BATCH_USER_FIELDS);
export const eventBody = (record: DataRecord) => withProperties(record, EVENT_FIELDS);

/** The first property name FullStory would refuse, as a sentence, or null. */
export function propertyNameProblem(properties: unknown, prefix = ""): string | null {
  if (!isPlainObject(properties)) return null;
  for (const [key, value] of Object.entries(properties)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (!PROPERTY_NAME.test(key)) {
      return `FullStory property names start with a letter and hold only letters, digits and _: "${path}" does not (rename it or exclude it).`;
    }
    if (path.length > 512)
      return `The property name "${path.slice(0, 40)}…" is over FullStory's 512 characters.`;
    const nested = propertyNameProblem(value, path);
    if (nested) return nested;
  }
  return null;
}

export function userProblem(record: DataRecord): string | null {
  if (isPresent(record.properties) && !isPlainObject(record.properties))
    return "properties must be an object.";
  for (const [field, limit] of Object.entries(USER_LIMITS)) {
    const value = record[field];
    if (isPresent(value) && typeof value !== "string") return `${field} must be text.`;
    if (typeof value === "string" && value.length > limit) {
      return `${field} is ${value.length} characters; FullStory allows ${limit}.`;
    }
  }
  return propertyNameProblem(userBody(record).properties);
}

/** [FS-EVENTS-SPEC], [FS-CREATE-EVENT]: `name` is required and an event is identified one way. */
export function eventProblem(record: DataRecord): string | null {
  if (typeof record.name !== "string" || record.name.trim() === "")
    return "An event needs a name (the name field).";
  const user = record.user;
  const session = record.session;
  if (isPresent(user) && !isPlainObject(user)) return "user must be an object: {uid} or {id}.";
  if (isPresent(session) && !isPlainObject(session))
    return "session must be an object: {id} or {use_most_recent}.";
  const userKeys = isPlainObject(user) ? ["uid", "id"].filter((key) => isPresent(user[key])) : [];
  if (userKeys.length > 1) {
    return "Identify the event's user by user.uid or user.id, not both: FullStory answers 400 to more than one form of identification.";
  }
  if (isPlainObject(session) && isPresent(session.id) && isPlainObject(user)) {
    return "An event with session.id must not also name a user: FullStory answers 400 to more than one form of identification.";
  }
  if (isPlainObject(session) && session.use_most_recent === true && userKeys.length !== 1) {
    return "session.use_most_recent needs exactly one of user.uid or user.id.";
  }
  return propertyNameProblem(eventBody(record).properties);
}
