/**
 * The per-input rules of the fake HubSpot (hubspot.ts), from HubSpot's contacts, batch upsert and
 * custom events docs.
 */
import { isObject } from "./fake-server";

export interface HubSpotContact {
  vid: number;
  /** Lowercased, as HubSpot stores it. */
  email: string;
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

/**
 * HubSpot validates RFC 2822 form, no quotes in the local part and an IANA TLD
 * [HS-INVALID-EMAIL-FORUM]; without the IANA list the fake asks for a 2+ letter TLD.
 */
export const EMAIL = /^[^\s@"]+@[^\s@"]+\.[A-Za-z]{2,}$/;

export interface ValidationResult {
  isValid: false;
  message: string;
  error: "INVALID_EMAIL" | "PROPERTY_DOESNT_EXIST";
  name: string;
}

/**
 * The v1 createOrUpdate check: the URL email and each `{property, value}`. Failures come back as
 * legacy `validationResults` items [HS-BATCH-ERR-FORUM], [HS-INVALID-EMAIL-FORUM].
 */
export function checkV1Properties(email: string, items: unknown[], known: Set<string>) {
  const values: Record<string, string> = {};
  const results: ValidationResult[] = [];
  const invalidEmail = (address: unknown, name: string): ValidationResult => ({
    isValid: false,
    message: `Email address ${String(address)} is invalid`,
    error: "INVALID_EMAIL",
    name,
  });
  if (!EMAIL.test(email)) results.push(invalidEmail(email, "email"));
  for (const item of items) {
    const name = isObject(item) && typeof item.property === "string" ? item.property : String(item);
    const value = isObject(item) ? item.value : undefined;
    if (!known.has(name)) {
      const message = `Property "${name}" does not exist`;
      results.push({ isValid: false, message, error: "PROPERTY_DOESNT_EXIST", name });
    } else if (name === "email" && !EMAIL.test(String(value))) {
      results.push(invalidEmail(value, name));
    } else {
      values[name] = value === null || value === undefined ? "" : String(value);
    }
  }
  return { values, results };
}

export interface InputError {
  status: "error";
  category: "VALIDATION_ERROR";
  message: string;
  context: Record<string, string[]>;
  errors: { message: string; code: string; context?: Record<string, string[]>; in?: string }[];
  links: Record<string, string>;
}

/** Why one batch-upsert input fails (its error names the input's id), or undefined when it is valid. */
export function upsertProblems(input: unknown, known: Set<string>): InputError | undefined {
  const context: Record<string, string[]> = {};
  if (isObject(input)) {
    context.ids = [String(input.id ?? "")];
    if (typeof input.objectWriteTraceId === "string") context.objectWriteTraceId = [input.objectWriteTraceId];
  }
  const errors: InputError["errors"] = [];
  if (!isObject(input)) {
    errors.push({ message: "Each input must be an object", code: "INVALID_INPUT" });
  } else {
    // The fake knows only email as a unique contact property, which is what upsert by email needs.
    if (input.idProperty !== "email") {
      errors.push({
        message: `idProperty must be "email", got ${JSON.stringify(input.idProperty)}`,
        code: "INVALID_ID_PROPERTY",
      });
    }
    if (typeof input.id !== "string" || !EMAIL.test(input.id)) {
      errors.push({
        message: `Email address ${String(input.id)} is invalid`,
        code: "INVALID_EMAIL",
        in: "id",
      });
    }
    if (!isObject(input.properties)) {
      errors.push({ message: "properties must be an object", code: "INVALID_INPUT", in: "properties" });
    } else {
      for (const [name, value] of Object.entries(input.properties)) {
        if (!known.has(name)) {
          errors.push({
            message: `Property "${name}" does not exist`,
            code: "PROPERTY_DOESNT_EXIST",
            context: { propertyName: [name] },
            in: name,
          });
        } else if (name === "email" && value !== input.id && !EMAIL.test(String(value))) {
          errors.push({
            message: `Email address ${String(value)} is invalid`,
            code: "INVALID_EMAIL",
            in: name,
          });
        } else if (value !== null && typeof value === "object") {
          errors.push({
            message: `Property "${name}" must be a scalar value`,
            code: "INVALID_OPTION",
            in: name,
          });
        }
      }
    }
  }
  if (errors.length === 0) return undefined;
  return {
    status: "error",
    category: "VALIDATION_ERROR",
    message: "Property values were not valid",
    context,
    errors,
    links: {},
  };
}

/** [HS-EVENT-PROP-LIMITS]: start with a letter, then lowercase a–z, 0–9, _; ≤ 50 chars; ≤ 50 per occurrence. */
const EVENT_PROPERTY = /^[a-z][a-z0-9_]{0,49}$/;
const MAX_EVENT_PROPERTIES = 50;

/** Why one event occurrence is refused, or undefined when it is valid. */
export function checkEvent(occurrence: unknown, defined: Set<string>): string | undefined {
  if (!isObject(occurrence)) return "Each event occurrence must be an object";
  const { eventName, email, objectId, utk, occurredAt, properties } = occurrence;
  if (typeof eventName !== "string" || eventName === "") return "eventName is required";
  // [HS-EVENT-GUIDE], [HS-EVENT-DEF]: the fully qualified pe<HubID>_<name> of a defined event.
  if (!defined.has(eventName)) return `Event definition not found for eventName ${eventName}`;
  if (email === undefined && objectId === undefined && utk === undefined) {
    return "One of email, objectId or utk is required to associate the event with a record";
  }
  if (email !== undefined && (typeof email !== "string" || !EMAIL.test(email)))
    return `Email address ${email} is invalid`;
  if (occurredAt !== undefined && (typeof occurredAt !== "string" || Number.isNaN(Date.parse(occurredAt)))) {
    return "occurredAt must be an ISO 8601 date-time";
  }
  if (properties === undefined) return undefined;
  if (!isObject(properties)) return "properties must be an object";
  const names = Object.keys(properties);
  if (names.length > MAX_EVENT_PROPERTIES) return `At most ${MAX_EVENT_PROPERTIES} properties per occurrence`;
  const bad = names.find((name) => !EVENT_PROPERTY.test(name));
  return bad === undefined ? undefined : `Invalid property name "${bad}"`;
}
