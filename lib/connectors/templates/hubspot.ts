/**
 * HubSpot endpoint templates, routed as Jitsu's HubSpot destination routes events:
 * `event_type` = user_identify → contacts, every other event → custom behavioral events.
 * Jitsu classic used the legacy v1 contact and track.hubspot.com APIs; these send the same data to
 * their current equivalents (CRM v3 batch upsert, events v3 send).
 */
import { z } from "zod";
import {
  contactProperties,
  emailOf,
  eventTypeOf,
  filterReason,
  IDENTIFY,
  listSetting,
  normalizeName,
  revenueOf,
  userNode,
} from "./hubspot-mapping";
import { numericSetting, SINGLE } from "./template-helpers";
import type { EndpointTemplate, TemplateParam, TemplateRoute, TemplateSettings } from "./types";

const NO_EMAIL =
  "HubSpot needs the person's email: this record has no /user/email (or /eventn_ctx/user/email).";

/** Contacts, upserted by email in batches; 100 inputs is the commonly cited CRM batch limit (UNCONFIRMED, §4.2). */
export const contactsRoute: TemplateRoute = {
  id: "contacts",
  name: "Identify Contacts",
  method: "POST",
  path: "/crm/v3/objects/contacts/batch/upsert",
  batching: { enabled: true, size: 100, maxSize: 100, envelopeKey: "inputs" },
  transform: (record) => {
    const email = emailOf(record) as string;
    return { idProperty: "email", id: email, properties: contactProperties(userNode(record) ?? {}) };
  },
  preflight: (record) => (emailOf(record) ? null : NO_EMAIL),
};

/**
 * One custom behavioral event per request ([HS-EVENT-SEND]; 204 on success). The event name is
 * fully qualified, pe{HubID}_{event_type}, with event_type normalised like property names (the
 * API's internal names are lowercase a–z, 0–9 and _). Revenue goes into `properties.revenue`, so the
 * event definition needs a `revenue` property. Contact properties are not sent here: v3's
 * `properties` are the event's own, and the contacts route keeps contacts up to date.
 */
export const eventsRoute: TemplateRoute = {
  id: "events",
  name: "Custom Behavioral Events",
  method: "POST",
  path: "/events/v3/send",
  batching: SINGLE,
  transform: (record, settings) => {
    const body: Record<string, unknown> = {
      eventName: `pe${String(settings.hub_id)}_${normalizeName(eventTypeOf(record) ?? "")}`,
      email: emailOf(record),
    };
    const occurredAt = [record.utc_time, record.timestamp].find((value) => typeof value === "string");
    if (occurredAt) body.occurredAt = occurredAt;
    const revenue = revenueOf(record);
    body.properties = revenue === undefined ? {} : { revenue };
    return body;
  },
  preflight: (record) => {
    if (!eventTypeOf(record)?.trim()) return "The record has no event_type, which names the HubSpot event.";
    // Jitsu's docs: "Other events are supported only on HubSpot Enterprise plan. /user/email is required."
    return emailOf(record) ? null : NO_EMAIL;
  },
};

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
  help: "Your account's number (the credential's Hub ID); event names are pe<Hub ID>_<event type>.",
  required: true,
  placeholder: "20546336",
};

const filterSchema = {
  include_event_types: z.string().optional(),
  exclude_event_types: z.string().optional(),
};
const hubId = numericSetting("Hub ID", "20546336");

function skipFor(only?: "identify" | "events") {
  return (record: Record<string, unknown>, settings: TemplateSettings): string | null => {
    const filtered = filterReason(
      record,
      listSetting(settings.include_event_types),
      listSetting(settings.exclude_event_types),
    );
    if (filtered) return filtered;
    const identify = eventTypeOf(record) === IDENTIFY;
    if (only === "identify" && !identify)
      return "Not a user_identify event: Identify Contacts sends only those.";
    if (only === "events" && identify)
      return "A user_identify event: Custom Behavioral Events sends the other events.";
    return null;
  };
}

const base = { contentFormat: "json" as const, effect: "writes" as const };

export const identifyContacts: EndpointTemplate = {
  ...contactsRoute,
  ...base,
  id: "identify-contacts",
  description:
    "Records with event_type user_identify upsert contacts by /user/email, up to 100 per request; property names are lowercased with other characters turned into _.",
  params: filterParams,
  paramsSchema: z.object(filterSchema) as unknown as z.ZodType<TemplateSettings>,
  skip: skipFor("identify"),
};

export const customBehavioralEvents: EndpointTemplate = {
  ...eventsRoute,
  ...base,
  id: "custom-behavioral-events",
  description:
    "Every event other than user_identify becomes a custom behavioral event pe<Hub ID>_<event_type> for /user/email (Enterprise plans).",
  params: [hubIdParam, ...filterParams],
  paramsSchema: z.object({ hub_id: hubId, ...filterSchema }) as unknown as z.ZodType<TemplateSettings>,
  skip: skipFor("events"),
};

export const eventStream: EndpointTemplate = {
  ...contactsRoute,
  ...base,
  id: "event-stream",
  name: "Event Stream",
  description:
    "Both at once, routed per record: user_identify events upsert contacts (batched), all others are sent as custom behavioral events.",
  params: [hubIdParam, ...filterParams],
  paramsSchema: z.object({ hub_id: hubId, ...filterSchema }) as unknown as z.ZodType<TemplateSettings>,
  skip: skipFor(),
  route: (record) => (eventTypeOf(record) === IDENTIFY ? undefined : eventsRoute),
};

export const hubspotTemplates: EndpointTemplate[] = [identifyContacts, customBehavioralEvents, eventStream];
