import { z } from "zod";
import { optionalNumericId, requiredText } from "./field-schemas";
import { bearer, clientCredentialsRequest } from "./request-helpers";
import { hotjarTemplates } from "./templates/hotjar";
import type { Connector } from "./types";

// Facts from Hotjar's API reference and its API setup guide.
export const hotjar: Connector = {
  id: "hotjar",
  name: "Hotjar API",
  logo: "/logos/hotjar.svg",
  description: "Look up and delete the data Hotjar holds on a person (user lookup), for privacy requests.",
  docsUrl: "https://help.hotjar.com/hc/en-us/articles/36820005914001-Hotjar-API-Reference",
  defaultBaseUrl: "https://api.hotjar.io",
  needsCredential: true,
  fields: [
    {
      name: "clientId",
      label: "Client ID",
      help: "In Hotjar, Settings → API (insights.hotjar.com/settings/api). Only Organization admins can generate a key; copy both values when it is created.",
    },
    {
      name: "clientSecret",
      label: "Client Secret",
      secret: true,
      help: "Shown once, next to the Client ID, when the API key is generated.",
    },
    {
      name: "organizationId",
      label: "Organization ID",
      optional: true,
      help: "Needed by User Lookup. Shown on Sites & Organizations (insights.hotjar.com/site/list).",
    },
    {
      name: "siteId",
      label: "Site ID",
      optional: true,
      help: "The numeric id of a site, shown next to it on Sites & Organizations.",
    },
  ],
  schema: z.object({
    clientId: requiredText("Client ID"),
    clientSecret: requiredText("Client Secret"),
    organizationId: optionalNumericId("Organization ID"),
    siteId: optionalNumericId("Site ID"),
  }),
  oauth: {
    tokenUrl: (credential) => credential.tokenUrl ?? `${credential.baseUrl}/v1/oauth/token`,
    tokenRequest: (credential, tokenUrl) =>
      clientCredentialsRequest(tokenUrl, {
        clientId: credential.values.clientId ?? "",
        clientSecret: credential.values.clientSecret ?? "",
      }),
  },
  applyAuth: (request, _credential, accessToken) => bearer(request, accessToken),
  test: { kind: "token" },
  rateLimit: { requests: 3000, windowSeconds: 60 },
  templates: hotjarTemplates,
  keyLifetimeDays: 365,
  secretLabel: "Client ID and Client Secret",
  forbiddenHint:
    "The key works but lacks access: User Lookup needs an Observe or Ask Scale plan and a key whose scope includes it.",
};
