/**
 * Field errors for the endpoint form, keyed by field path, so every field can show its own as the
 * user types. buildRequests refuses to build from a config with errors.
 */
import type { EndpointTemplate } from "@/lib/connectors/templates/types";
import { urlTextProblem } from "@/lib/http/url-rules";
import { mappingErrors } from "@/lib/mapping/mapping-errors";
import { compileJsonTemplate } from "./body-template";
import { RECORD_PLACEHOLDER } from "./record-path";
import { headerFieldErrors } from "./request-headers";
import { XML_NAME } from "./serialize-xml";
import { CONTENT_FORMATS, type EndpointConfig, type FieldErrors, HTTP_METHODS } from "./types";

/** Manual mode's ceiling: FullStory's batch imports, the largest batch any connector takes (50,000). */
export const MANUAL_MAX_BATCH_SIZE = 50_000;

/** `template`: the one the config names (template mode), looked up by the caller. */
export function validateEndpointConfig(
  config: EndpointConfig,
  template: EndpointTemplate | undefined,
): FieldErrors {
  const errors: FieldErrors = {};
  if (config.mode !== "template") template = undefined;
  if (config.mode === "template") {
    if (!template || template.id !== config.templateId) errors.templateId = "Choose an endpoint.";
    else Object.assign(errors, settingsErrors(template, config.templateSettings ?? {}));
  } else {
    if (!HTTP_METHODS.includes(config.method)) errors.method = "Choose GET, POST, PUT, PATCH or DELETE.";
    if (!CONTENT_FORMATS.includes(config.contentFormat)) errors.contentFormat = "Choose a content format.";
    const urlError = checkUrl(config.url, config.templateSettings ?? {});
    if (urlError) errors.url = urlError;
    const bodyError = checkBodyTemplate(config);
    if (bodyError) errors.bodyTemplate = bodyError;
  }
  if (config.mapping && (template || config.mode === "manual")) {
    Object.assign(errors, mappingErrors(config.mapping, template?.targets));
  }
  Object.assign(errors, headerFieldErrors(config.headers));
  const format = template?.contentFormat ?? config.contentFormat;
  Object.assign(errors, batchingErrors(config, template, format));
  if (format === "xml") {
    const xml = config.xml ?? { root: "records", item: "record" };
    const bad = "Use an XML name: a letter or _ first, then letters, digits, _ . or -.";
    if (!XML_NAME.test(xml.root)) errors["xml.root"] = bad;
    if (!XML_NAME.test(xml.item)) errors["xml.item"] = bad;
  }
  return errors;
}

function settingsErrors(template: EndpointTemplate, settings: Record<string, unknown>): FieldErrors {
  const parsed = template.paramsSchema.safeParse(settings);
  if (parsed.success) return {};
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = `templateSettings.${issue.path.join(".")}`;
    errors[key] ??= issue.message;
  }
  return errors;
}

function checkUrl(url: string, settings: Record<string, unknown>): string | null {
  if (url.trim() === "") return "Enter the URL.";
  const textProblem = urlTextProblem(url.trim());
  if (textProblem) return textProblem;
  // Placeholders are allowed: try the URL with a stand-in value for each.
  let missing: string | null = null;
  const filled = url
    .replace(new RegExp(RECORD_PLACEHOLDER.source, "g"), "x")
    .replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_match, name: string) => {
      const value = settings[name];
      if (value === undefined || value === null || value === "") missing ??= name;
      return "x";
    });
  if (missing) return `The URL uses {${missing}}: fill in that setting.`;
  let parsed: URL;
  try {
    parsed = new URL(filled);
  } catch {
    return "Enter a full URL, e.g. https://api.example.com/v1/items.";
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return "Enter an http:// or https:// URL.";
  return null;
}

/**
 * The origin a manual URL's requests go to, with its `{param}` settings filled in; `dynamic` when
 * the host comes from a record, so that no one origin can be named. Call with a valid URL.
 */
export function manualUrlOrigin(
  url: string,
  settings: Record<string, unknown>,
): { origin: string } | { dynamic: true } | null {
  const authority = /^\s*[a-z][a-z0-9+.-]*:\/*([^/?#\\]*)/i.exec(url)?.[1] ?? "";
  if (new RegExp(RECORD_PLACEHOLDER.source).test(authority)) return { dynamic: true };
  const filled = url
    .trim()
    .replace(new RegExp(RECORD_PLACEHOLDER.source, "g"), "x")
    .replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_match, name: string) =>
      encodeURIComponent(String(settings[name] ?? "")),
    );
  try {
    return { origin: new URL(filled).origin };
  } catch {
    return null;
  }
}

function checkBodyTemplate(config: EndpointConfig): string | null {
  if (config.bodyTemplate === null || config.bodyTemplate.trim() === "") {
    return config.contentFormat === "text" ? "Plain text needs a body template." : null;
  }
  if (config.contentFormat === "text") return null;
  try {
    compileJsonTemplate(config.bodyTemplate);
    return null;
  } catch (error) {
    return `The body template is not valid JSON (placeholders aside): ${(error as Error).message}`;
  }
}

function batchingErrors(
  config: EndpointConfig,
  template: EndpointTemplate | undefined,
  format: EndpointConfig["contentFormat"],
): FieldErrors {
  const errors: FieldErrors = {};
  const batching = config.batching;
  if (!batching.enabled) return errors;
  const max = template?.batching.maxSize ?? MANUAL_MAX_BATCH_SIZE;
  // Event Stream's own endpoint batches; its routed one takes single records and is capped there.
  if (template && max <= 1) {
    errors["batching.enabled"] = "This endpoint takes one record per request: turn batching off.";
    return errors;
  }
  if (format === "form") {
    errors["batching.enabled"] =
      "Form-urlencoded bodies hold one record: turn batching off or choose another format.";
  }
  if (!Number.isInteger(batching.size) || batching.size < 1 || batching.size > max) {
    errors["batching.size"] = `Enter a whole number from 1 to ${max.toLocaleString("en-US")}.`;
  }
  if (batching.grouping === "attribute" && !batching.groupBy?.trim()) {
    errors["batching.groupBy"] = "Choose the attribute whose value groups records.";
  }
  if (
    batching.grouping === "size" &&
    (!Number.isInteger(batching.maxBytes) || (batching.maxBytes ?? 0) < 1)
  ) {
    errors["batching.maxBytes"] = "Enter the largest request body in bytes, a whole number.";
  }
  if (!template && batching.envelopeKey && format !== "json") {
    errors["batching.envelopeKey"] = "An envelope key wraps JSON arrays: choose JSON or clear it.";
  }
  return errors;
}
