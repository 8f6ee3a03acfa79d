/**
 * The request items' fields of HubSpot's CRM v3 batch upsert and events v3 send, typed as the
 * models of HubSpot's own SDK (@hubspot/api-client: SimplePublicObjectBatchInputUpsert,
 * BehavioralEventHttpCompletionRequest): property values are strings, occurredAt a date-time.
 */
import type { TargetField } from "@/lib/mapping/types";

export const CONTACT_EMAIL: TargetField = {
  path: "email",
  type: "string",
  required: true,
  description: "The contact's email: HubSpot updates the contact with this email, or creates it.",
  synonyms: ["user.email", "eventn_ctx.user.email"],
};

export const CONTACT_PROPERTIES: TargetField = {
  path: "properties",
  type: "string-map",
  required: false,
  rest: true,
  // Where Jitsu and Segment put a person's traits.
  restFrom: ["user", "traits", "eventn_ctx.user"],
  description:
    "Contact properties by internal name (firstname, lastname, …): names are lowercased with other characters turned into _, and properties the portal lacks are left out.",
};

export const EVENT_NAME: TargetField = {
  path: "eventName",
  type: "string",
  required: true,
  description: "The event's name: sent fully qualified as pe<Hub ID>_<name>, in a–z, 0–9 and _.",
  synonyms: ["event_type", "event", "event_name"],
};

export const EVENT_FIELDS: TargetField[] = [
  EVENT_NAME,
  {
    path: "occurredAt",
    type: "datetime",
    required: false,
    description: "When the event happened (ISO-8601); HubSpot uses the time it arrives when absent.",
    synonyms: ["timestamp", "occurred_at", "created_at", "utc_time"],
  },
  {
    path: "uuid",
    type: "string",
    required: false,
    description:
      "A unique id of this occurrence; HubSpot drops repeats. Default: derived from the record and endpoint.",
  },
  {
    path: "objectId",
    type: "string",
    required: false,
    anyOf: "contact",
    description: "The HubSpot id of the contact the event belongs to, instead of an email.",
  },
  {
    path: "utk",
    type: "string",
    required: false,
    anyOf: "contact",
    description: "The visitor's HubSpot tracking cookie (hubspotutk), instead of an email.",
  },
];

export const EVENT_PROPERTIES: TargetField = {
  path: "properties",
  type: "string-map",
  required: false,
  rest: true,
  // Each must be a property of the event's definition in HubSpot: mapped one by one, not guessed.
  suggestRest: false,
  description: "The event's own properties, as defined on the event in HubSpot (e.g. revenue).",
};
