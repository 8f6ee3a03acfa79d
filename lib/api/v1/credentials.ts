/** /api/v1/credentials: list, create, change and test credentials. Secrets go in, never out. */
import { recordAudit } from "@/lib/audit/record-audit";
import {
  type CredentialSummary,
  getCredentialSummary,
  listCredentials,
} from "@/lib/credentials/list-credentials";
import { credentialRateLimit } from "@/lib/credentials/rate-limit-usage";
import { saveCredential } from "@/lib/credentials/save-credential";
import { testSavedCredential } from "@/lib/credentials/test-connection";
import type { ApiCaller } from "../authenticate";
import { idempotent } from "../idempotency";
import { pageArgs, pageOf } from "../pages";
import { json } from "../problem";
import { apiRoute, NotFound, readBody, readQuery, requireUuid } from "../route";
import { credentialBodySchema, pageQuerySchema } from "./schemas";

type CredentialParams = { credentialId: string };

function asResource(credential: CredentialSummary) {
  return {
    id: credential.id,
    name: credential.name,
    connectorId: credential.connectorId,
    status: credential.health,
    lastTestedAt: credential.lastTestedAt?.toISOString() ?? null,
    lastTestMessage: credential.lastTestMessage,
    settings: credential.settings,
    secretsSet: Object.keys(credential.secretMasks),
    baseUrl: credential.baseUrl,
    tokenUrl: credential.tokenUrl,
    allowedDomains: credential.allowedDomains,
    keyCreatedAt: credential.keyCreatedAt,
    rateLimit: credentialRateLimit(credential),
    usedBy: credential.usedBy,
  };
}

async function requireCredential(caller: ApiCaller, credentialId: string) {
  const credential = await getCredentialSummary(caller.workspace.id, requireUuid(credentialId, "credential"));
  if (!credential) throw new NotFound("No credential of this workspace has this id.");
  return credential;
}

/** Which fields were entered, never what: as the credential form's audit events say. */
function fieldsEntered(values: Record<string, string>): string[] {
  return Object.keys(values).filter((key) => values[key] !== "");
}

export const listCredentialsRoute = apiRoute(null, async ({ caller, request }) => {
  const { cursor, limit } = readQuery(request, pageQuerySchema);
  const { rows, nextCursor } = pageOf(
    await listCredentials(caller.workspace.id, pageArgs(cursor, limit)),
    limit,
  );
  return json({ data: rows.map(asResource), nextCursor });
});

export const createCredentialRoute = apiRoute("credentials.manage", (call) =>
  idempotent(call, async () => {
    const { caller } = call;
    const input = await readBody(call.request, credentialBodySchema);
    const saved = await saveCredential(caller.workspace.id, input);
    await recordAudit(caller, {
      action: "credential.created",
      resourceType: "credential",
      resourceId: saved.id,
      resourceName: input.name,
      details: {
        connector: input.connectorId,
        fieldsEntered: fieldsEntered(input.values),
      },
    });
    return json(asResource(await requireCredential(caller, saved.id)), 201, {
      location: `/api/v1/credentials/${saved.id}`,
    });
  }),
);

export const getCredentialRoute = apiRoute<CredentialParams>(null, async ({ caller, params }) =>
  json(asResource(await requireCredential(caller, params.credentialId))),
);

/** The whole credential again; secret fields left out or empty keep their saved values. */
export const updateCredentialRoute = apiRoute<CredentialParams>(
  "credentials.manage",
  async ({ caller, request, params }) => {
    const existing = await requireCredential(caller, params.credentialId);
    const input = await readBody(request, credentialBodySchema);
    await saveCredential(caller.workspace.id, { ...input, id: existing.id });
    await recordAudit(caller, {
      action: "credential.edited",
      resourceType: "credential",
      resourceId: existing.id,
      resourceName: input.name,
      details: {
        connector: input.connectorId,
        fieldsEntered: fieldsEntered(input.values),
      },
    });
    return json(asResource(await requireCredential(caller, existing.id)));
  },
);

/** Test Connection: the outcome becomes the credential's status. */
export const testCredentialRoute = apiRoute<CredentialParams>(
  "credentials.manage",
  async ({ caller, params }) => {
    const credential = await requireCredential(caller, params.credentialId);
    const outcome = await testSavedCredential(caller.workspace.id, credential.id);
    if (!outcome) throw new NotFound("No credential of this workspace has this id.");
    await recordAudit(caller, {
      action: "credential.tested",
      resourceType: "credential",
      resourceId: credential.id,
      resourceName: credential.name,
      details: { ok: outcome.ok },
    });
    return json(outcome);
  },
);
