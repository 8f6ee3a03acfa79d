/**
 * Before a request that names what the account lacks (HubSpot contact properties), creates it
 * when the credential says so, then reads the account's facts again so the next build knows.
 * Delivery and Send Test Data both call it, so a test send prepares the account as a run does.
 */
import { loadAccountFacts } from "@/lib/credentials/account-facts";
import { explainFailure } from "@/lib/credentials/explain-failure";
import { sendWithCredential } from "@/lib/credentials/send-with-credential";
import type { Target } from "./resolve-target";

/** Null when nothing was missing or all of it was created; else what could not be created, in words. */
export async function createWhatIsMissing(
  target: Target,
  request: { url: string; body: string | null },
  options: { timeoutMs?: number } = {},
): Promise<string | null> {
  const credential = target.credential;
  const source = credential?.connector.accountFacts;
  if (!credential || !source?.creations || !source.createsMissing?.(credential.resolved)) return null;
  const creations = source.creations(request, credential.resolved, target.account.facts);
  if (creations.length === 0) return null;
  const failures: string[] = [];
  for (const creation of creations) {
    const { result, secrets } = await sendWithCredential(credential, creation, {
      timeoutMs: options.timeoutMs,
      followRedirects: false,
    });
    // 409: created meanwhile, by another worker or in HubSpot itself.
    if (result.ok && (result.status < 300 || result.status === 409)) continue;
    const explained = explainFailure(credential.connector, result, secrets);
    const name = (JSON.parse(String(creation.body ?? "{}")) as { name?: string }).name ?? "?";
    failures.push(`${name}: ${[explained.summary, explained.apiMessage].filter(Boolean).join(" ")}`);
  }
  target.account = await loadAccountFacts(credential, { refresh: true });
  return failures.length > 0 ? `Could not create the ${source.label} ${failures.join("; ")}` : null;
}
