/**
 * Hotjar endpoint templates. User lookup follows a third-party spec generated from Hotjar's docs
 * and two real clients, since Hotjar's own reference does not publish the body in full.
 */
import { z } from "zod";
import { declareTargets } from "@/lib/mapping/declare-targets";
import { isPlainObject, isPresent, numericSetting } from "./template-helpers";
import type { EndpointTemplate, TemplateSettings } from "./types";

const paramsSchema = z.object({
  organization_id: numericSetting("Organization ID", "1234567"),
  // The API's default is false: deleting is asked for explicitly, never read from a record.
  delete_all_hits: z
    .union([z.boolean(), z.literal("true"), z.literal("false")])
    .optional()
    .transform((value) => value === true || value === "true"),
}) as unknown as z.ZodType<TemplateSettings>;

const targets = declareTargets([
  {
    path: "data_subject_email",
    type: "string",
    required: false,
    anyOf: "subject",
    description: "The person's email, as they gave it in a Hotjar survey.",
    synonyms: ["email", "email_address"],
  },
  {
    path: "data_subject_site_id_to_user_id_map",
    type: "object",
    required: false,
    anyOf: "subject",
    description: 'The user id each of your sites sends for the person: {"<site id>": "<user id>"}.',
  },
]);

export const userLookup: EndpointTemplate = {
  id: "user-lookup",
  name: "User Lookup",
  description:
    "Looks up the data Hotjar holds on a person, by email and/or by the user IDs your sites send; one request per record. Deletes that data too when Also delete this person's data is on.",
  method: "POST",
  path: "/v1/organizations/{organization_id}/user-lookup",
  targets,
  // Before mappings, the email was read from data_subject_email or else from email.
  defaultMapping: {
    rows: [
      {
        target: "data_subject_email",
        source: {
          kind: "expression",
          expression: "$exists(data_subject_email) ? data_subject_email : email",
        },
        transforms: [],
      },
      {
        target: "data_subject_site_id_to_user_id_map",
        source: { kind: "field", path: "data_subject_site_id_to_user_id_map" },
        transforms: [{ kind: "omit-empty" }],
      },
    ],
    rest: null,
  },
  params: [
    {
      name: "organization_id",
      label: "Organization ID",
      help: "Shown on Sites & Organizations next to the organization in your Hotjar account.",
      required: true,
      placeholder: "1234567",
    },
    {
      name: "delete_all_hits",
      label: "Also delete this person's data",
      help: "Deletes every recording, survey response and feedback Hotjar holds on the person found. Irreversible.",
      required: false,
      kind: "checkbox",
    },
  ],
  paramsSchema,
  contentFormat: "json",
  // The seed: batch mode is off for this endpoint; each record is its own lookup.
  batching: { enabled: false, size: 1, maxSize: 1, envelopeKey: null },
  effect: "reads",
  deletesWhen: "delete_all_hits",
  transform(item, settings) {
    const body: Record<string, unknown> = {};
    if (isPresent(item.data_subject_email)) body.data_subject_email = item.data_subject_email;
    const map = item.data_subject_site_id_to_user_id_map;
    if (isPlainObject(map) && Object.keys(map).length > 0) body.data_subject_site_id_to_user_id_map = map;
    // Sent explicitly so the preview shows whether data gets deleted.
    body.delete_all_hits = settings.delete_all_hits === true;
    return body;
  },
  preflight(item) {
    const map = item.data_subject_site_id_to_user_id_map;
    if (!isPresent(item.data_subject_email) && !(isPlainObject(map) && Object.keys(map).length > 0)) {
      return "Hotjar needs data_subject_email or data_subject_site_id_to_user_id_map: this record has neither.";
    }
    return null;
  },
};

export const hotjarTemplates: EndpointTemplate[] = [userLookup];
