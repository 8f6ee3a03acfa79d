/**
 * Hotjar endpoint templates. User lookup follows a third-party spec generated from Hotjar's docs
 * and two real clients, since Hotjar's own reference does not publish the body in full.
 */
import { z } from "zod";
import type { DataRecord } from "@/lib/datasets/parse/types";
import { readPath } from "@/lib/payload/record-path";
import { isPlainObject, isPresent, numericSetting } from "./template-helpers";
import type { EndpointTemplate, TemplateSettings } from "./types";

const paramsSchema = z.object({
  organization_id: numericSetting("Organization ID", "1234567"),
  email_field: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || "email"),
}) as unknown as z.ZodType<TemplateSettings>;

/** `data_subject_email` itself, else the field the user mapped (default `email`). */
function emailOf(record: DataRecord, settings: TemplateSettings): unknown {
  if (isPresent(record.data_subject_email)) return record.data_subject_email;
  return readPath(record, String(settings.email_field ?? "email"));
}

function siteMapOf(record: DataRecord): Record<string, unknown> | undefined {
  const map = record.data_subject_site_id_to_user_id_map;
  return isPlainObject(map) && Object.keys(map).length > 0 ? map : undefined;
}

export const userLookup: EndpointTemplate = {
  id: "user-lookup",
  name: "User Lookup",
  description:
    "Perform a user lookup (with optional deletion): one request per record, by email and/or by the user IDs your sites send.",
  method: "POST",
  path: "/v1/organizations/{organization_id}/user-lookup",
  params: [
    {
      name: "organization_id",
      label: "Organization ID",
      help: "Shown on Sites & Organizations next to the organization in your Hotjar account.",
      required: true,
      placeholder: "1234567",
    },
    {
      name: "email_field",
      label: "Email field",
      help: "The record field that holds the person's email, when it is not named data_subject_email. Default: email.",
      required: false,
      placeholder: "email",
    },
  ],
  paramsSchema,
  contentFormat: "json",
  // The seed: batch mode is off for this endpoint; each record is its own lookup.
  batching: { enabled: false, size: 1, maxSize: 1, envelopeKey: null },
  effect: "deletes",
  transform(record, settings) {
    const body: Record<string, unknown> = {};
    const email = emailOf(record, settings);
    if (isPresent(email)) body.data_subject_email = email;
    const map = siteMapOf(record);
    if (map) body.data_subject_site_id_to_user_id_map = map;
    // The API's default is false; sent explicitly so the preview shows whether data gets deleted.
    body.delete_all_hits = record.delete_all_hits === true;
    return body;
  },
  preflight(record, settings) {
    const email = emailOf(record, settings);
    const field = String(settings.email_field ?? "email");
    if (isPresent(email) && typeof email !== "string") return `The email (${field}) must be text.`;
    if (!isPresent(email) && !siteMapOf(record)) {
      return `Hotjar needs data_subject_email or data_subject_site_id_to_user_id_map: this record has neither (and no email in "${field}").`;
    }
    if (record.delete_all_hits !== undefined && typeof record.delete_all_hits !== "boolean") {
      return "delete_all_hits must be true or false.";
    }
    return null;
  },
};

export const hotjarTemplates: EndpointTemplate[] = [userLookup];
