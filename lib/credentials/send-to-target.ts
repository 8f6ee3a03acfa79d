import { sendRequest } from "@/lib/http/send-request";
import type { OutboundRequest, SendOptions } from "@/lib/http/types";
import type { CredentialInUse } from "./resolve-credential";
import { type CredentialSendResult, sendWithCredential } from "./send-with-credential";

/**
 * The one way a destination's request leaves Outflow: with the credential's auth when the target
 * has one (Send Test Data, delivery, batch-job polls), plain otherwise (the Request Inspector,
 * which must never receive credentials).
 */
export async function sendToTarget(
  credential: CredentialInUse | null,
  request: OutboundRequest,
  options: SendOptions = {},
): Promise<CredentialSendResult> {
  if (credential) return sendWithCredential(credential, request, options);
  return { result: await sendRequest(request, options), secrets: [] };
}
