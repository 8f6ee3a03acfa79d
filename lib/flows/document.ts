/**
 * A workspace's flows as one document (YAML in files, JSON over the API): datasets (definitions,
 * not records), credentials (secrets as `${VARIABLE}` placeholders) and destinations, each keyed
 * by its name, which is unique in a workspace.
 */
import { stringify } from "yaml";
import { z } from "zod";
import { deliverySettingsSchema } from "@/lib/delivery/delivery-settings";
import { endpointConfigSchema } from "@/lib/destinations/destination-config";

export const FLOWS_VERSION = 1;

/** A secret left as `${NAME}`: the file says where it comes from, not what it is. */
export const PLACEHOLDER = /^\$\{([A-Z_][A-Z0-9_]*)\}$/;

const name = z.string().trim().min(1, "Give it a name.").max(100);

export const flowsDocumentSchema = z.object({
  version: z.literal(FLOWS_VERSION, `Write version: ${FLOWS_VERSION}.`),
  datasets: z.array(z.object({ name })).default([]),
  credentials: z
    .array(
      z.object({
        name,
        connector: z.string().min(1),
        settings: z.record(z.string(), z.string()).default({}),
        secrets: z
          .record(z.string(), z.string())
          .default({})
          .meta({ description: `Values, or \${VARIABLE} placeholders that keep a saved secret.` }),
        baseUrl: z.string().nullable().default(null),
        tokenUrl: z.string().nullable().default(null),
        allowedDomains: z.array(z.string()).default([]),
        rateLimit: z
          .object({ requests: z.number().int().positive(), windowSeconds: z.number().int().positive() })
          .nullable()
          .default(null),
      }),
    )
    .default([]),
  destinations: z
    .array(
      z.object({
        name,
        dataset: z.string().min(1, "Name the dataset it sends."),
        connector: z.string().min(1),
        credential: z.string().nullable().default(null),
        inspector: z.string().nullable().default(null),
        endpoint: endpointConfigSchema.omit({ connectorId: true }),
        responseWebhook: z.boolean().default(false),
        /** Left out: the delivery settings stay as they are (a new destination gets the defaults). */
        delivery: deliverySettingsSchema.optional(),
      }),
    )
    .default([]),
});

export type FlowsDocument = z.output<typeof flowsDocumentSchema>;
export type CredentialEntry = FlowsDocument["credentials"][number];
export type DestinationEntry = FlowsDocument["destinations"][number];

/** YAML with keys in the order written here, and no line folding that would change a value. */
export function toYaml(document: FlowsDocument): string {
  return stringify(document, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** `${CRM_API_TOKEN}` for the credential "CRM API" and its field "token". */
export function secretPlaceholder(credential: string, field: string): string {
  const variable = `${credential}_${field}`
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toUpperCase();
  return `\${${/^[A-Z_]/.test(variable) ? variable : `_${variable}`}}`;
}
