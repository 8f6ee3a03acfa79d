/**
 * A fake HubSpot API (https://api.hubapi.com), built to HubSpot's developer docs.
 * Bodies HubSpot does not document exactly (the v1 `validationResults` 400, the v1 409, per-input
 * batch errors, event validation messages, the ten-second 429 `policyName`) follow its
 * "typically" shapes; clients should parse them tolerantly.
 */
import { randomUUID } from "node:crypto";
import {
  bearerToken,
  createRateLimiter,
  dispatch,
  type FakeReply,
  type FakeServer,
  isJsonRequest,
  isObject,
  json,
  parseJson,
  type RecordedRequest,
  type RequestMatch,
  type Route,
  startFakeServer,
} from "./fake-server";
import {
  checkEvent,
  checkV1Properties,
  type HubSpotContact,
  type InputError,
  upsertProblems,
} from "./hubspot-rules";

export type { HubSpotContact } from "./hubspot-rules";

export interface FakeHubSpotOptions {
  accessToken: string;
  portalId: number;
  /** Contact properties that exist; anything else is PROPERTY_DOESNT_EXIST. */
  contactProperties?: string[];
  /** Defined custom events, as `login` or fully qualified `pe<portalId>_login`. */
  eventNames?: string[];
  /** Per token; HubSpot's burst limit for private apps is 190 per 10 s [HS-LIMITS-CHANGELOG]. */
  rateLimit?: { requests: number; windowMs: number };
}

export interface FakeHubSpot extends FakeServer {
  /** Contacts by vid. */
  contacts: Map<number, HubSpotContact>;
  contactByEmail(email: string): HubSpotContact | undefined;
  /** Event occurrences accepted by `/events/v3/send` and its batch form, in order. */
  events: Record<string, unknown>[];
  rateLimitNext(count: number, retryAfterSeconds?: number, match?: RequestMatch): void;
}

const DEFAULT_PROPERTIES = ["email", "firstname", "lastname", "phone", "company", "lifecyclestage"];
/** Assumed: commonly cited for CRM batch endpoints, no official text retrieved (reference §4.2). */
const MAX_BATCH_INPUTS = 100;

const v3Error = (status: number, category: string, message: string, extra?: Record<string, unknown>) =>
  json(status, { status: "error", message, correlationId: randomUUID(), category, ...extra });
const tooManyRequests = (retryAfterSeconds: number) =>
  json(
    429,
    {
      status: "error",
      message: "You have reached your ten_secondly_rolling limit.",
      errorType: "RATE_LIMIT",
      correlationId: randomUUID(),
      policyName: "TEN_SECONDLY_ROLLING",
      requestId: randomUUID(),
    },
    { "retry-after": String(retryAfterSeconds) },
  );
const UNAUTHENTICATED =
  "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview";

export async function startFakeHubSpot(options: FakeHubSpotOptions): Promise<FakeHubSpot> {
  const { portalId } = options;
  const properties = new Set(["email", ...(options.contactProperties ?? DEFAULT_PROPERTIES)]);
  const prefix = `pe${portalId}_`;
  const eventNames = new Set(
    (options.eventNames ?? []).map((n) => (n.startsWith(prefix) ? n : `${prefix}${n}`)),
  );
  const limiter = createRateLimiter(options.rateLimit ?? { requests: 190, windowMs: 10_000 });
  const contacts = new Map<number, HubSpotContact>();
  const events: Record<string, unknown>[] = [];
  let nextVid = 3_234_501;

  const contactByEmail = (email: string) =>
    [...contacts.values()].find((c) => c.email === email.toLowerCase());

  /** Creates or updates the contact with `email`, moving it to `newEmail` when that differs. */
  function saveContact(email: string, values: Record<string, string>, newEmail = email) {
    const now = new Date().toISOString();
    const existing = contactByEmail(email);
    const contact = existing ?? { vid: nextVid++, email: "", properties: {}, createdAt: now, updatedAt: now };
    contact.email = newEmail.toLowerCase();
    contact.properties = { ...contact.properties, ...values, email: contact.email };
    contact.updatedAt = now;
    contacts.set(contact.vid, contact);
    return { contact, isNew: !existing };
  }

  const propertyView = (name: string) => ({
    name,
    label: name,
    type: "string",
    fieldType: "text",
    groupName: "contactinformation",
    description: "",
    hasUniqueValue: name === "email",
    hidden: false,
    formField: true,
  });

  function createOrUpdate(body: Record<string, unknown>, [rawEmail = ""]: string[]): FakeReply {
    if (!Array.isArray(body.properties)) {
      return json(400, {
        status: "error",
        message: "properties must be an array",
        correlationId: randomUUID(),
      });
    }
    const email = safeDecode(rawEmail);
    const { values, results } = checkV1Properties(email, body.properties, properties);
    // [HS-INVALID-PROP]: one invalid property fails the whole request; no field is updated.
    if (results.length > 0) {
      return json(400, {
        status: "error",
        message: "Property values were not valid",
        correlationId: randomUUID(),
        validationResults: results,
        requestId: randomUUID(),
      });
    }
    const newEmail = values.email ?? email;
    const holder = contactByEmail(newEmail);
    if (holder && holder !== contactByEmail(email)) {
      // [HS-V1-COU-DETAILS]: moving a record onto an email another record has → 409.
      return json(409, {
        status: "error",
        message: "Contact already exists",
        correlationId: randomUUID(),
        error: "CONTACT_EXISTS",
        identityProfile: { vid: holder.vid },
      });
    }
    const { contact, isNew } = saveContact(email, values, newEmail);
    return json(200, { vid: contact.vid, isNew });
  }

  /**
   * `POST /crm/v3/properties/contacts` as Jitsu calls it (§4.4): name, label, type, fieldType and
   * groupName are required; a name that exists is 409; names are lowercase a–z, 0–9 and _.
   */
  function createProperty(body: Record<string, unknown>): FakeReply {
    const missing = ["name", "label", "type", "fieldType", "groupName"].filter(
      (key) => typeof body[key] !== "string" || body[key] === "",
    );
    if (missing.length > 0)
      return v3Error(400, "VALIDATION_ERROR", `Missing required fields: ${missing.join(", ")}`);
    const name = String(body.name);
    if (!/^[a-z][a-z0-9_]*$/.test(name)) {
      return v3Error(
        400,
        "VALIDATION_ERROR",
        `Property name ${name} must be lowercase letters, digits and _`,
      );
    }
    if (properties.has(name)) {
      return v3Error(409, "OBJECT_ALREADY_EXISTS", `A contact property named ${name} already exists`);
    }
    properties.add(name);
    return json(201, propertyView(name));
  }

  function batchUpsert(body: Record<string, unknown>): FakeReply {
    const { inputs } = body;
    if (!Array.isArray(inputs)) {
      return v3Error(400, "VALIDATION_ERROR", "inputs is required and must be an array");
    }
    if (inputs.length > MAX_BATCH_INPUTS) {
      return v3Error(
        400,
        "VALIDATION_ERROR",
        `Batch input of ${inputs.length} exceeds the limit of ${MAX_BATCH_INPUTS}`,
      );
    }
    const ids = inputs.map((input) =>
      isObject(input) && typeof input.id === "string" ? input.id.toLowerCase() : "",
    );
    const duplicates = ids.filter((id, i) => id !== "" && ids.indexOf(id) !== i);
    if (duplicates.length > 0) {
      return v3Error(
        400,
        "VALIDATION_ERROR",
        `Duplicate IDs found in batch input: [${duplicates}]. IDs must be unique`,
      );
    }
    const startedAt = new Date().toISOString();
    const results: unknown[] = [];
    const errors: InputError[] = [];
    for (const input of inputs) {
      const problem = upsertProblems(input, properties);
      if (problem) {
        errors.push(problem);
        continue;
      }
      const { id, properties: values } = input as { id: string; properties: Record<string, unknown> };
      const strings = Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, v === null ? "" : String(v)]),
      );
      const { contact, isNew } = saveContact(id, strings);
      results.push({
        id: String(contact.vid),
        new: isNew,
        properties: {
          ...contact.properties,
          hs_object_id: String(contact.vid),
          lastmodifieddate: contact.updatedAt,
        },
        createdAt: contact.createdAt,
        updatedAt: contact.updatedAt,
        archived: false,
      });
    }
    const reply = {
      status: "COMPLETE",
      results,
      startedAt,
      completedAt: new Date().toISOString(),
      links: {},
    };
    if (errors.length === 0) return json(200, reply);
    return json(207, { ...reply, numErrors: errors.length, errors });
  }

  function sendEvents(occurrences: unknown[]): FakeReply {
    for (const [index, occurrence] of occurrences.entries()) {
      const problem = checkEvent(occurrence, eventNames);
      if (problem) {
        const where = occurrences.length > 1 ? `inputs[${index}]: ` : "";
        return v3Error(400, "VALIDATION_ERROR", `${where}${problem}`);
      }
    }
    events.push(...(occurrences as Record<string, unknown>[]));
    return json(204);
  }

  const withBody =
    (handle: (body: Record<string, unknown>, params: string[]) => FakeReply) =>
    (request: RecordedRequest, params: string[]): FakeReply => {
      const parsed = parseJson(request.body);
      if (!isJsonRequest(request) || !parsed.ok || !isObject(parsed.value)) {
        return v3Error(
          400,
          "VALIDATION_ERROR",
          "Invalid input JSON: expected an application/json object body",
        );
      }
      return handle(parsed.value, params);
    };

  const me = {
    portalId,
    timeZone: "America/New_York",
    currency: "USD",
    utcOffsetMilliseconds: -18_000_000,
    utcOffset: "-05:00",
  };
  const { currency, ...zone } = me;
  const accountDetails = {
    ...zone,
    accountType: "STANDARD",
    companyCurrency: currency,
    additionalCurrencies: [],
    dataHostingLocation: "na1",
    uiDomain: "app.hubspot.com",
  };
  const routes: Route[] = [
    ["GET", /^\/integrations\/v1\/me$/, () => json(200, me)],
    ["GET", /^\/account-info\/2026-03\/details$/, () => json(200, accountDetails)],
    [
      "GET",
      /^\/crm\/v3\/properties\/contacts$/,
      () => json(200, { results: [...properties].map(propertyView) }),
    ],
    ["POST", /^\/crm\/v3\/properties\/contacts$/, withBody(createProperty)],
    ["GET", /^\/properties\/v1\/contacts\/properties$/, () => json(200, [...properties].map(propertyView))],
    ["POST", /^\/contacts\/v1\/contact\/createOrUpdate\/email\/([^/]+)\/?$/, withBody(createOrUpdate)],
    ["POST", /^\/crm\/(?:v3\/objects|objects\/2026-03)\/contacts\/batch\/upsert$/, withBody(batchUpsert)],
    ["POST", /^\/events\/(?:v3|2026-03)\/send$/, withBody((body) => sendEvents([body]))],
    [
      "POST",
      /^\/events\/v3\/send\/batch$/,
      withBody((body) =>
        Array.isArray(body.inputs)
          ? sendEvents(body.inputs)
          : v3Error(400, "VALIDATION_ERROR", "inputs is required"),
      ),
    ],
  ];

  const server = await startFakeServer("hubspot", (request) => {
    const token = bearerToken(request);
    if (token !== options.accessToken) return v3Error(401, "INVALID_AUTHENTICATION", UNAUTHENTICATED);
    const retryAfter = limiter.take(token);
    if (retryAfter > 0) return tooManyRequests(retryAfter);
    return dispatch(routes, request, () =>
      v3Error(404, "OBJECT_NOT_FOUND", `No route ${request.method} ${request.path} in the fake HubSpot`),
    );
  });

  return {
    ...server,
    contacts,
    contactByEmail,
    events,
    rateLimitNext(count: number, retryAfterSeconds = 1, match?: RequestMatch) {
      server.failNext(count, { ...tooManyRequests(retryAfterSeconds), match });
    },
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
