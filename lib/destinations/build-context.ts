import { templateForConfig } from "@/lib/connectors/templates/find-template";
import type { BuildContext, EndpointConfig } from "@/lib/payload/types";
import type { Target } from "./resolve-target";

/** What the one request builder is handed for a destination: base URL, template, account facts. */
export function buildContextFor(target: Target, endpoint: EndpointConfig): BuildContext {
  const credential = target.credential;
  const createMissing = credential
    ? credential.connector.accountFacts?.createsMissing?.(credential.resolved)
    : false;
  return {
    baseUrl: target.baseUrl,
    template: templateForConfig(endpoint),
    facts: { ...target.account.facts, createMissing: createMissing === true },
  };
}
