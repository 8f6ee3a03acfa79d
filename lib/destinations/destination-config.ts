import { z } from "zod";
import { isSingleLine, SINGLE_LINE_MESSAGE } from "@/lib/actions/text-input";
import { mappingSchema } from "@/lib/mapping/types";
import { CONTENT_FORMATS, type ContentFormat, HTTP_METHODS, type HttpMethod } from "@/lib/payload/types";

/** The endpoint configuration as it arrives from the browser: shape only; semantics are in validateEndpointConfig. */
export const endpointConfigSchema = z.object({
  mode: z.enum(["template", "manual"]),
  connectorId: z.string().min(1),
  templateId: z.string().optional(),
  templateSettings: z.record(z.string(), z.unknown()).optional(),
  method: z.enum(HTTP_METHODS as [HttpMethod, ...HttpMethod[]]),
  url: z.string().max(4000),
  headers: z.array(z.object({ name: z.string().max(200), value: z.string().max(8000) })).max(50),
  contentFormat: z.enum(CONTENT_FORMATS as [ContentFormat, ...ContentFormat[]]),
  excludeAttributes: z.array(z.string().max(500)).max(500),
  bodyTemplate: z.string().max(100_000).nullable(),
  batching: z.object({
    enabled: z.boolean(),
    size: z.coerce.number(),
    grouping: z.enum(["fixed", "attribute", "size"]),
    groupBy: z.string().max(500).optional(),
    maxBytes: z.coerce.number().optional(),
    envelopeKey: z.string().max(100).nullable().optional(),
  }),
  xml: z.object({ root: z.string().max(100), item: z.string().max(100) }).optional(),
  mapping: mappingSchema.nullable().optional(),
});

/** What a destination's wizard edits and each immutable version stores. */
export const destinationConfigSchema = z.object({
  name: z.string().trim().max(100).refine(isSingleLine, SINGLE_LINE_MESSAGE),
  credentialId: z.uuid().nullable(),
  /** For the Request Inspector connector: the inspector the requests go to. */
  inspectorBinId: z.string().max(100).nullable(),
  endpoint: endpointConfigSchema,
  /** Each API response body becomes a record in "<destination> responses". */
  responseWebhook: z.boolean(),
});

export type DestinationConfig = z.infer<typeof destinationConfigSchema>;
