/**
 * The request builder as a destination's delivery uses it, checked and planned once per
 * configuration version (and per what else it is built with: the credential's base URL, what is
 * known of the account). Planning and every send of a wave, and the waves after it, share it, so
 * the work per request is building that request and nothing more.
 */
import { buildContextFor } from "@/lib/destinations/build-context";
import { type RequestBuilder, requestBuilder } from "@/lib/payload";
import type { DeliveryContext } from "./delivery-context";

/** One entry per destination: a new version replaces its builder, so this never grows with them. */
const builders = new Map<string, { key: string; build: RequestBuilder }>();

export function builderFor(
  context: Pick<DeliveryContext, "id" | "version" | "config" | "target">,
): RequestBuilder {
  const buildContext = buildContextFor(context.target, context.config.endpoint);
  // Facts are re-read every few minutes (account-facts.ts); when they were read tells one copy from the next.
  const key = JSON.stringify([
    context.version,
    buildContext.baseUrl,
    context.target.account.readAt?.getTime() ?? null,
    buildContext.facts?.createMissing ?? false,
  ]);
  const cached = builders.get(context.id);
  if (cached?.key === key) return cached.build;
  const build = requestBuilder(context.config.endpoint, buildContext);
  builders.set(context.id, { key, build });
  return build;
}
