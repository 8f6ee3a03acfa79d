import type { TargetField } from "@/lib/mapping/types";
import type { ContentFormat, HttpMethod } from "@/lib/payload/types";
import type { TemplateEffect, TemplateParam } from "./templates/types";
import type { Connector, CredentialField } from "./types";

/** What the browser needs to draw a connector's credential form: plain data, no functions. */
export type ConnectorView = {
  id: string;
  name: string;
  logo: string;
  description: string;
  docsUrl: string;
  defaultBaseUrl: string;
  basePath: string | null;
  fields: CredentialField[];
  usesOAuth: boolean;
  /** False for the Request Inspector, which sends to an inspector instead. */
  needsCredential: boolean;
  keyLifetimeDays: number | null;
  rateLimit: { requests: number; windowSeconds: number } | null;
  templates: TemplateView[];
};

/** An endpoint template as the wizard shows it. */
export type TemplateView = {
  id: string;
  name: string;
  description: string;
  method: HttpMethod;
  path: string;
  contentFormat: ContentFormat;
  params: TemplateParam[];
  effect: TemplateEffect;
  deletesWhen?: string;
  batching: { enabled: boolean; size: number; maxSize: number; envelopeKey: string | null };
  targets: TargetField[];
  modelNote?: string;
};

export function toConnectorView(connector: Connector): ConnectorView {
  return {
    id: connector.id,
    name: connector.name,
    logo: connector.logo,
    description: connector.description,
    docsUrl: connector.docsUrl,
    defaultBaseUrl: connector.defaultBaseUrl,
    basePath: connector.basePath ?? null,
    fields: connector.fields,
    usesOAuth: Boolean(connector.oauth),
    needsCredential: connector.needsCredential,
    keyLifetimeDays: connector.keyLifetimeDays ?? null,
    rateLimit: connector.rateLimit,
    templates: (connector.templates ?? []).map((template) => ({
      id: template.id,
      name: template.name,
      description: template.description,
      method: template.method,
      path: template.path,
      contentFormat: template.contentFormat,
      params: template.params,
      effect: template.effect,
      deletesWhen: template.deletesWhen,
      batching: template.batching,
      targets: template.targets,
      modelNote: template.modelNote,
    })),
  };
}
