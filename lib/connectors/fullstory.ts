import { z } from "zod";
import { requiredText } from "./field-schemas";
import { joinUrl, withHeaders } from "./request-helpers";
import { fullstoryTemplates } from "./templates/fullstory";
import type { Connector } from "./types";

const TEST_PATH = "/v2/users?uid=__outflow_connection_test__";

// Facts from FullStory's Server API v2 spec and its official SDK.
export const fullstory: Connector = {
  id: "fullstory",
  name: "FullStory",
  logo: "/logos/fullstory.svg",
  description: "Create and update users, send events and batch imports to FullStory's Server API v2.",
  docsUrl: "https://developer.fullstory.com/server/v2/getting-started/",
  defaultBaseUrl: "https://api.fullstory.com",
  needsCredential: true,
  fields: [
    {
      name: "apiKey",
      label: "API key",
      secret: true,
      help: "In FullStory, Settings → API Keys. Use an Admin or Architect key to read data; its first three characters name the data center (na1, eu1).",
    },
  ],
  schema: z.object({ apiKey: requiredText("API key") }),
  // FullStory takes the raw key after "Basic", not base64 of user:password (its spec and SDK).
  applyAuth: (request, credential) =>
    withHeaders(request, { authorization: `Basic ${credential.values.apiKey ?? ""}` }),
  test: {
    kind: "request",
    request: (credential) => ({ method: "GET", url: joinUrl(credential.baseUrl, TEST_PATH) }),
    label: (credential) => `GET ${joinUrl(credential.baseUrl, TEST_PATH)}`,
  },
  // FullStory publishes no numbers; a conservative default that users can raise.
  rateLimit: { requests: 20, windowSeconds: 1 },
  templates: fullstoryTemplates,
  secretLabel: "API key",
  forbiddenHint: "The key works but lacks permission: reading data needs an Admin or Architect key.",
};
