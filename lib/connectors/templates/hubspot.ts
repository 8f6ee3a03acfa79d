/**
 * HubSpot endpoint templates, routed as Jitsu's HubSpot destination routes events:
 * `event_type` = user_identify → contacts, every other event → custom behavioral events.
 * Jitsu classic used the legacy v1 contact and track.hubspot.com APIs; these send the same data to
 * their current equivalents (CRM v3 batch upsert, events v3 send).
 */
import { z } from "zod";
import { declareTargets } from "@/lib/mapping/declare-targets";
import type { Mapping } from "@/lib/mapping/types";
import { eventTypeOf, filterReason, IDENTIFY, listSetting, normalizeName } from "./hubspot-mapping";
import {
  CONTACT_EMAIL,
  CONTACT_PROPERTIES,
  EVENT_FIELDS,
  EVENT_NAME,
  EVENT_PROPERTIES,
} from "./hubspot-targets";
import { isPlainObject, isPresent, numericSetting } from "./template-helpers";
import type {
  AccountFacts,
  DroppedField,
  EndpointTemplate,
  ItemMeta,
  TemplateParam,
  TemplateRoute,
  TemplateSettings,
} from "./types";

/** Property maps with HubSpot's internal names (Jitsu's normalisation, §4.4). */
function normalizedProperties(value: unknown): Record<string, string> {
  if (!isPlainObject(value)) return {};
  // fromEntries makes own properties, whatever the names (a record may hold "__proto__").
  return Object.fromEntries(Object.entries(value).map(([name, text]) => [normalizeName(name), String(text)]));
}

/**
 * Contact properties the portal lacks are left out, HubSpot refusing the whole batch over one
 * (§4.4), unless the credential creates them (the connector's `beforeSend`).
 */
function dropUnknownContactProperties(body: unknown, facts: AccountFacts) {
  const known = facts.contactProperties;
  if (!known || !isPlainObject(body) || !isPlainObject(body.properties)) return { body, dropped: [] };
  const names = new Set(known.names);
  const kept: [string, unknown][] = [];
  const dropped: DroppedField[] = [];
  for (const [name, value] of Object.entries(body.properties)) {
    if (names.has(name)) kept.push([name, value]);
    else if (facts.createMissing) {
      kept.push([name, value]);
      dropped.push({
        field: `properties.${name}`,
        message: `${name} is not a contact property in portal ${known.portal} yet: it is created as a text property before the first request that needs it.`,
        action: "created",
      });
    } else {
      dropped.push({
        field: `properties.${name}`,
        message: `${name} is not a contact property in portal ${known.portal}.`,
        action: "left out",
      });
    }
  }
  return { body: { ...body, properties: Object.fromEntries(kept) }, dropped };
}

/** Contacts, upserted by email in batches; 100 inputs is the commonly cited CRM batch limit (UNCONFIRMED, §4.2). */
export const contactsRoute: TemplateRoute = {
  id: "contacts",
  name: "Identify Contacts",
  method: "POST",
  path: "/crm/v3/objects/contacts/batch/upsert",
  batching: { enabled: true, size: 100, maxSize: 100, envelopeKey: "inputs" },
  transform: (item) => ({
    idProperty: "email",
    id: String(item.email).trim(),
    properties: normalizedProperties(item.properties),
  }),
  preflight: (item) =>
    typeof item.email === "string" && item.email.trim() !== ""
      ? null
      : "HubSpot needs the contact's email: map a field to email.",
  dropUnknown: dropUnknownContactProperties,
};

/** A UUID's text from the record's stable key, so a retry of the same event is dropped by HubSpot. */
function uuidFrom(key: string): string {
  const hex = key.padEnd(32, "0").slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** pe<Hub ID>_<name>; a name already qualified is kept. */
function qualifiedEventName(name: string, hubId: unknown): string {
  if (/^pe\d+_/.test(name)) return name;
  return `pe${String(hubId)}_${normalizeName(name)}`;
}

/**
 * One custom behavioral event per request ([HS-EVENT-SEND]; 204 on success), or up to 100 in
 * `{"inputs": […]}` at /events/v3/send/batch with Record Batching on ([HS-EVENT-BATCH]; the
 * limit is UNCONFIRMED, 100 matches the CRM batches). `propertiesKey` names the item field with
 * the event's properties: `properties`, or `eventProperties` in Event Stream, where `properties`
 * are the contact's.
 */
function eventsRoute(propertiesKey: "properties" | "eventProperties"): TemplateRoute {
  return {
    id: "events",
    name: "Custom Behavioral Events",
    method: "POST",
    path: "/events/v3/send",
    batchPath: "/events/v3/send/batch",
    batching: { enabled: false, size: 100, maxSize: 100, envelopeKey: "inputs" },
    transform: (item, settings, meta: ItemMeta) => {
      const body: Record<string, unknown> = {
        eventName: qualifiedEventName(String(item.eventName), settings.hub_id),
      };
      for (const key of ["email", "objectId", "utk", "occurredAt"])
        if (isPresent(item[key])) body[key] = item[key];
      body.uuid = isPresent(item.uuid) ? item.uuid : uuidFrom(meta.key);
      body.properties = normalizedProperties(item[propertiesKey]);
      return body;
    },
    preflight: (item) => {
      if (typeof item.eventName !== "string" || normalizeName(item.eventName).replace(/_/g, "") === "") {
        return "The event needs a name: map a field (such as event_type) to eventName.";
      }
      // Jitsu's docs: "Other events are supported only on HubSpot Enterprise plan. /user/email is required."
      return ["email", "objectId", "utk"].some((key) => isPresent(item[key]))
        ? null
        : "HubSpot needs the contact of the event: map email (or objectId or utk).";
    },
  };
}

const filterParams: TemplateParam[] = [
  {
    name: "include_event_types",
    label: "Event types to include",
    help: "Comma-separated event_type values to send; empty sends all. Other records are skipped, not failed.",
    required: false,
    placeholder: "user_identify, purchase",
  },
  {
    name: "exclude_event_types",
    label: "Event types to exclude",
    help: "Comma-separated event_type values never to send (skipped, not failed).",
    required: false,
    placeholder: "page_view",
  },
];

const hubIdParam: TemplateParam = {
  name: "hub_id",
  label: "Hub ID",
  help: "Your account's number (the credential's Hub ID); event names are pe<Hub ID>_<event name>.",
  required: true,
  placeholder: "20546336",
};

const filterSchema = {
  include_event_types: z.string().optional(),
  exclude_event_types: z.string().optional(),
};
const hubId = numericSetting("Hub ID", "20546336");

function skipFor(only?: "events") {
  return (record: Record<string, unknown>, settings: TemplateSettings): string | null => {
    const filtered = filterReason(
      record,
      listSetting(settings.include_event_types),
      listSetting(settings.exclude_event_types),
    );
    if (filtered) return filtered;
    if (only === "events" && eventTypeOf(record) === IDENTIFY)
      return "A user_identify event: Custom Behavioral Events sends the other events.";
    return null;
  };
}

/** Records shaped as Jitsu sends them, before mappings: the person at /user or /eventn_ctx/user. */
const JITSU_EMAIL = {
  kind: "expression" as const,
  expression: "$exists(user.email) ? user.email : eventn_ctx.user.email",
};
const JITSU_OCCURRED_AT = {
  kind: "expression" as const,
  expression: "$exists(utc_time) ? utc_time : timestamp",
};
const JITSU_REVENUE = {
  kind: "expression" as const,
  expression: "$exists(revenue) ? revenue : conversion.revenue",
};

const contactsDefault: Mapping = {
  rows: [
    { target: "email", source: JITSU_EMAIL, transforms: [{ kind: "trim" }] },
    {
      target: "properties",
      source: { kind: "expression", expression: "$exists(user) ? user : eventn_ctx.user" },
      transforms: [],
    },
  ],
  rest: null,
};

const eventsDefault = (propertiesKey: string): Mapping => ({
  rows: [
    { target: "eventName", source: { kind: "field", path: "event_type" }, transforms: [] },
    { target: "email", source: JITSU_EMAIL, transforms: [{ kind: "trim" }] },
    { target: "occurredAt", source: JITSU_OCCURRED_AT, transforms: [] },
    { target: `${propertiesKey}.revenue`, source: JITSU_REVENUE, transforms: [] },
  ],
  rest: null,
});

const base = { contentFormat: "json" as const, effect: "writes" as const };
const eventEmail = { ...CONTACT_EMAIL, required: false, anyOf: "contact" };

export const identifyContacts: EndpointTemplate = {
  ...contactsRoute,
  ...base,
  id: "identify-contacts",
  description:
    "Upserts a contact by email per record, up to 100 per request; set Event types to include to user_identify to send only identify events.",
  targets: declareTargets([CONTACT_EMAIL, CONTACT_PROPERTIES]),
  defaultMapping: contactsDefault,
  params: filterParams,
  paramsSchema: z.object(filterSchema) as unknown as z.ZodType<TemplateSettings>,
  skip: skipFor(),
};

const cbeRoute = eventsRoute("properties");

export const customBehavioralEvents: EndpointTemplate = {
  ...cbeRoute,
  ...base,
  id: "custom-behavioral-events",
  description:
    "Every event other than user_identify becomes a custom behavioral event pe<Hub ID>_<event name> for its contact (Enterprise plans); with Record Batching on, up to 100 per request.",
  targets: declareTargets([
    ...EVENT_FIELDS.slice(0, 3),
    eventEmail,
    ...EVENT_FIELDS.slice(3),
    EVENT_PROPERTIES,
  ]),
  defaultMapping: eventsDefault("properties"),
  params: [hubIdParam, ...filterParams],
  paramsSchema: z.object({ hub_id: hubId, ...filterSchema }) as unknown as z.ZodType<TemplateSettings>,
  skip: skipFor("events"),
};

const streamEvents = eventsRoute("eventProperties");

export const eventStream: EndpointTemplate = {
  ...contactsRoute,
  ...base,
  id: "event-stream",
  name: "Event Stream",
  description:
    "Both at once, routed per record: user_identify events upsert contacts (batched), all others are sent as custom behavioral events.",
  targets: declareTargets([
    CONTACT_EMAIL,
    CONTACT_PROPERTIES,
    {
      ...EVENT_NAME,
      required: false,
      description: "For events other than user_identify: the event's name, sent as pe<Hub ID>_<name>.",
    },
    ...EVENT_FIELDS.slice(1, 3),
    { ...EVENT_PROPERTIES, path: "eventProperties", rest: false },
  ]),
  defaultMapping: {
    rows: [
      ...contactsDefault.rows,
      ...eventsDefault("eventProperties").rows.filter((row) => row.target !== "email"),
    ],
    rest: null,
  },
  params: [hubIdParam, ...filterParams],
  paramsSchema: z.object({ hub_id: hubId, ...filterSchema }) as unknown as z.ZodType<TemplateSettings>,
  skip: skipFor(),
  route: (record) => (eventTypeOf(record) === IDENTIFY ? undefined : streamEvents),
};

export const hubspotTemplates: EndpointTemplate[] = [identifyContacts, customBehavioralEvents, eventStream];
