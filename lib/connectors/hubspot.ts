import { z } from "zod";
import type { OutboundResponse } from "@/lib/http/types";
import { numericId, requiredText } from "./field-schemas";
import { bearer, joinUrl, parseJson } from "./request-helpers";
import { hubspotTemplates } from "./templates/hubspot";
import type { Connector } from "./types";

const ME_PATH = "/integrations/v1/me";
/** [HS-CONTACTS-V3-GUIDE]: `{"results": [{"name": …}, …]}`. */
const PROPERTIES_PATH = "/crm/v3/properties/contacts";

// Facts from HubSpot's developer docs and Jitsu's HubSpot destination.
export const hubspot: Connector = {
  id: "hubspot",
  name: "HubSpot",
  logo: "/logos/hubspot.svg",
  description: "Create or update contacts and send custom behavioral events to HubSpot.",
  docsUrl: "https://developers.hubspot.com/docs/api/private-apps",
  defaultBaseUrl: "https://api.hubapi.com",
  needsCredential: true,
  fields: [
    {
      name: "accessToken",
      label: "Access token",
      secret: true,
      placeholder: "pat-na1-…",
      help: "In HubSpot, Settings → Integrations → Private Apps → your app → Auth. Give the app the scopes crm.objects.contacts.write and crm.schemas.contacts.read.",
    },
    {
      name: "hubId",
      label: "Hub ID",
      help: "Your account's number, shown in the account menu and in HubSpot URLs (app.hubspot.com/contacts/<Hub ID>).",
    },
    {
      name: "createMissingProperties",
      label: "Create missing properties",
      optional: true,
      options: [
        { value: "off", label: "No: leave out properties the portal does not have" },
        { value: "on", label: "Yes: create them as text properties first" },
      ],
      help: "HubSpot refuses a contact property the portal does not have. Creating them needs the crm.schemas.contacts.write scope.",
    },
  ],
  schema: z.object({
    accessToken: requiredText("access token"),
    hubId: numericId("Hub ID"),
    createMissingProperties: z
      .enum(["", "off", "on"], { error: "Choose whether to create missing properties." })
      .transform((value) => (value === "on" ? "on" : undefined)),
  }),
  applyAuth: (request, credential) => bearer(request, credential.values.accessToken),
  test: {
    kind: "request",
    request: (credential) => ({ method: "GET", url: joinUrl(credential.baseUrl, ME_PATH) }),
    label: (credential) => `GET ${joinUrl(credential.baseUrl, ME_PATH)}`,
    check: (credential, response) => {
      const portalId = readPortalId(response.body);
      if (portalId === undefined) return {};
      if (String(portalId) !== credential.values.hubId) {
        return {
          detail: `Portal ${portalId}`,
          warning: `The token belongs to portal ${portalId}, but the Hub ID entered is ${credential.values.hubId}. Event names and links use the Hub ID: correct it to ${portalId}.`,
        };
      }
      return { detail: `Portal ${portalId}` };
    },
  },
  rateLimit: { requests: 190, windowSeconds: 10 },
  templates: hubspotTemplates,
  secretLabel: "access token",
  forbiddenHint:
    "The token works but the private app lacks a scope this call needs: add it under the app's Scopes.",
  partialFailures: batchUpsertFailures,
  accountFacts: {
    label: "contact properties",
    request: (credential) => ({ method: "GET", url: joinUrl(credential.baseUrl, PROPERTIES_PATH) }),
    parse: (body, credential) => {
      const parsed = parseJson(body) as { results?: { name?: unknown }[] } | undefined;
      if (!Array.isArray(parsed?.results)) return null;
      const names = parsed.results.map((result) => result?.name).filter((name) => typeof name === "string");
      return { contactProperties: { names: names as string[], portal: credential.values.hubId ?? "?" } };
    },
    createsMissing: (credential) => credential.values.createMissingProperties === "on",
    creations: (request, credential, facts) => {
      if (!request.url.endsWith("/contacts/batch/upsert") || !facts.contactProperties) return [];
      const known = new Set(facts.contactProperties.names);
      const inputs =
        parseJson<{ inputs?: { properties?: Record<string, unknown> }[] }>(request.body ?? "")?.inputs ?? [];
      const missing = [...new Set(inputs.flatMap((input) => Object.keys(input.properties ?? {})))].filter(
        (name) => !known.has(name),
      );
      // As Jitsu creates them: a text property in the contact information group ([JITSU-NEXT], §4.4).
      return missing.map((name) => ({
        method: "POST" as const,
        url: joinUrl(credential.baseUrl, PROPERTIES_PATH),
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          name,
          label: name,
          type: "string",
          fieldType: "text",
          groupName: "contactinformation",
        }),
      }));
    },
  },
};

type BatchError = {
  message?: string;
  category?: string;
  context?: Record<string, unknown>;
  errors?: { message?: string; code?: string }[];
};

/**
 * One failed input in words: the category, the message, each detail, and for a property the
 * portal lacks what to do about it (§4.4: HubSpot refuses unknown contact properties).
 */
function explainBatchError(error: BatchError): string {
  const details = (error.errors ?? []).map((detail) => detail.message).filter(Boolean);
  const summary = [error.category, error.message].filter(Boolean).join(": ") || "Refused by HubSpot";
  const text = details.length > 0 ? `${summary} (${details.join("; ")})` : summary;
  if (!(error.errors ?? []).some((detail) => detail.code === "PROPERTY_DOESNT_EXIST")) return text;
  return `${text}. The portal has no such contact property: create it in HubSpot (or switch on Create missing properties on the credential), then Refresh properties on the endpoint and retry.`;
}

/**
 * A 207 from a CRM v3 batch names each failed input in its error's `context` (e.g.
 * `{"ids":["jane@example.com"]}`, connector-apis.md §4.2). Inputs are matched by their `id`
 * (the email, for upserts by email). Errors that name no input fail the whole batch, as nothing
 * says which records got through.
 */
function batchUpsertFailures(
  request: { body: string | null },
  response: OutboundResponse,
  recordIds: string[],
): { recordId: string; message: string }[] {
  if (response.status !== 207) return [];
  const errors = parseJson<{ errors?: BatchError[] }>(response.body)?.errors ?? [];
  if (errors.length === 0) return [];
  const inputs = parseJson<{ inputs?: { id?: unknown }[] }>(request.body ?? "")?.inputs ?? [];
  const failed = new Map<string, string>();
  let unmatched: string | undefined;
  for (const error of errors) {
    const message = explainBatchError(error);
    const named = new Set(
      Object.values(error.context ?? {})
        .flatMap((value) => (Array.isArray(value) ? value : [value]))
        .map((value) => String(value).toLowerCase()),
    );
    let matched = false;
    inputs.forEach((input, index) => {
      const recordId = recordIds[index];
      if (recordId && named.has(String(input.id).toLowerCase())) {
        failed.set(recordId, message);
        matched = true;
      }
    });
    if (!matched) unmatched ??= message;
  }
  if (unmatched !== undefined) {
    return recordIds.map((recordId) => ({ recordId, message: failed.get(recordId) ?? unmatched }));
  }
  return [...failed].map(([recordId, message]) => ({ recordId, message }));
}

function readPortalId(body: string): number | string | undefined {
  return parseJson<{ portalId?: number | string }>(body)?.portalId;
}
