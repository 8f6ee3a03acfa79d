import { db } from "@/lib/db/client";
import { redactText } from "@/lib/http/redact";
import type { OutboundResult } from "@/lib/http/types";
import { getAccessToken } from "./access-token";
import { explainFailure } from "./explain-failure";
import { type CredentialInUse, loadCredentialInUse } from "./resolve-credential";
import { sendWithCredential } from "./send-with-credential";

export type ConnectionTestOutcome = {
  ok: boolean;
  summary: string;
  hint?: string;
  warning?: string;
  /** The API's own words about a failure, secrets masked. */
  apiMessage?: string;
  /** What Test Connection called, e.g. "POST https://api.hotjar.io/v1/oauth/token". */
  called: string;
  status?: number;
  durationMs: number;
};

const TEST_TIMEOUT_MS = 15_000;

/**
 * Proves a credential against its API, the way its connector says. Never throws for API failures.
 * Everything in the outcome is shown to the user, so all of it is masked, whatever the API echoed.
 */
export async function testConnection(credential: CredentialInUse): Promise<ConnectionTestOutcome> {
  const secrets = [...credential.secretValues];
  const outcome = await runTest(credential, secrets);
  return Object.fromEntries(
    Object.entries(outcome).map(([key, value]) => [
      key,
      typeof value === "string" ? redactText(value, secrets) : value,
    ]),
  ) as ConnectionTestOutcome;
}

async function runTest(credential: CredentialInUse, secrets: string[]): Promise<ConnectionTestOutcome> {
  const { connector, resolved } = credential;
  const test = connector.test;
  if (!test)
    return { ok: true, summary: "This connector needs no credential.", called: "nothing", durationMs: 0 };

  if (test.kind === "token") {
    const called = `POST ${connector.oauth?.tokenUrl(resolved) ?? ""}`;
    const started = performance.now();
    const token = await getAccessToken(credential, { force: true });
    const durationMs = Math.round(performance.now() - started);
    if (token.ok)
      return {
        ok: true,
        summary: "Connected: the API key was exchanged for an access token.",
        called,
        status: 200,
        durationMs,
      };
    return failed(credential, token.response ?? token.failure, called, durationMs, token.message);
  }

  const request = test.request(resolved);
  const {
    result,
    tokenFailure,
    secrets: used,
  } = await sendWithCredential(credential, request, {
    timeoutMs: TEST_TIMEOUT_MS,
  });
  secrets.push(...used);
  if (tokenFailure) {
    const called = `POST ${connector.oauth?.tokenUrl(resolved) ?? ""}`;
    return failed(credential, result, called, result.durationMs, tokenFailure.message);
  }
  const called = test.label(resolved);
  if (result.ok && result.status >= 200 && result.status < 300) {
    const { detail, warning } = test.check?.(resolved, result) ?? {};
    return {
      ok: true,
      summary: `Connected: ${result.status} ${result.statusText || "OK"}${detail ? ` · ${detail}` : ""}.`,
      warning,
      called,
      status: result.status,
      durationMs: result.durationMs,
    };
  }
  return failed(credential, result, called, result.durationMs);
}

function failed(
  credential: CredentialInUse,
  result: OutboundResult | undefined,
  called: string,
  durationMs: number,
  fallback = "The test failed.",
): ConnectionTestOutcome {
  if (!result) return { ok: false, summary: fallback, called, durationMs };
  const explanation = explainFailure(credential.connector, result, credential.secretValues);
  return { ok: false, ...explanation, called, status: result.ok ? result.status : undefined, durationMs };
}

/** Tests a saved credential and records the outcome as its status. Null when it is not the workspace's. */
export async function testSavedCredential(
  workspaceId: string,
  credentialId: string,
): Promise<ConnectionTestOutcome | null> {
  const credential = await loadCredentialInUse(workspaceId, credentialId);
  if (!credential) return null;
  const outcome = await testConnection(credential);
  await db().credential.update({
    where: { id: credentialId },
    data: {
      status: outcome.ok ? "verified" : "failed",
      lastTestedAt: new Date(),
      lastTestMessage: [outcome.summary, outcome.warning].filter(Boolean).join(" "),
    },
  });
  return outcome;
}
