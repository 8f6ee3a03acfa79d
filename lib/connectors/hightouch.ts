import { z } from "zod";
import { requiredText } from "./field-schemas";
import { bearer, joinUrl } from "./request-helpers";
import { hightouchTemplates } from "./templates/hightouch";
import type { Connector } from "./types";

// Facts from Hightouch's API guide and the SDK generated from its OpenAPI spec.
export const hightouch: Connector = {
  id: "hightouch",
  name: "Hightouch",
  logo: "/logos/hightouch.svg",
  description: "Create sources and models and trigger syncs in your Hightouch workspace.",
  docsUrl: "https://hightouch.com/docs/developer-tools/api-guide",
  defaultBaseUrl: "https://api.hightouch.com/api/v1",
  basePath: "/api/v1",
  needsCredential: true,
  fields: [
    {
      name: "apiKey",
      label: "API key",
      secret: true,
      help: "In Hightouch, Settings → API keys. Only workspace admins can create one, and it is shown once.",
    },
  ],
  schema: z.object({ apiKey: requiredText("API key") }),
  applyAuth: (request, credential) => bearer(request, credential.values.apiKey),
  test: {
    kind: "request",
    request: (credential) => ({ method: "GET", url: joinUrl(credential.baseUrl, "/sources?limit=1") }),
    label: (credential) => `GET ${joinUrl(credential.baseUrl, "/sources?limit=1")}`,
  },
  rateLimit: { requests: 200, windowSeconds: 10 },
  templates: hightouchTemplates,
  secretLabel: "API key",
  forbiddenHint: "The API key works but may not act on this resource: check the key's workspace.",
};
