/**
 * `Idempotency-Key` on creates: the first answer to a key is kept (per token, for a day) and
 * returned again for the same key, so a script that retries after a timeout creates nothing twice.
 */
import { db } from "@/lib/db/client";
import { problem } from "./problem";
import type { ApiCall } from "./route";

const MAX_KEY_LENGTH = 200;
/** How long a key's first answer is kept and returned again. */
const KEPT_FOR_MS = 24 * 3600_000;

export async function idempotent(call: ApiCall<unknown>, create: () => Promise<Response>): Promise<Response> {
  const key = call.request.headers.get("idempotency-key");
  if (key === null) return create();
  if (key.length === 0 || key.length > MAX_KEY_LENGTH)
    return problem(422, `Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} characters.`, {
      errors: { "Idempotency-Key": "1 to 200 characters." },
    });
  const request = `${call.request.method} ${new URL(call.request.url).pathname}`;
  const tokenId = call.caller.token.id;
  const found = await db().apiIdempotentResponse.findUnique({ where: { tokenId_key: { tokenId, key } } });
  const earlier = found && Date.now() - found.createdAt.getTime() < KEPT_FOR_MS ? found : null;
  if (found && !earlier) await db().apiIdempotentResponse.deleteMany({ where: { tokenId, key } });
  if (earlier) {
    if (earlier.request !== request) {
      return problem(
        422,
        `This Idempotency-Key was used for ${earlier.request}: use a new key for each create.`,
        {
          errors: { "Idempotency-Key": "Already used for another request." },
        },
      );
    }
    return new Response(earlier.body, {
      status: earlier.status,
      headers: {
        "content-type": "application/json",
        "cache-control": "no-store",
        "idempotent-replayed": "true",
      },
    });
  }
  const response = await create();
  // Refusals of the input are kept too (the same request would be refused again); failures on
  // Outflow's side are not, so that a retry can succeed.
  if (response.status < 500) {
    await db()
      .apiIdempotentResponse.create({
        data: { tokenId, key, request, status: response.status, body: await response.clone().text() },
      })
      .catch(() => undefined); // the same key sent twice at once: the first one kept wins
  }
  return response;
}

/** Answers kept longer than a day: removed by the daily retention job. */
export async function pruneIdempotentResponses(): Promise<number> {
  const { count } = await db().apiIdempotentResponse.deleteMany({
    where: { createdAt: { lt: new Date(Date.now() - KEPT_FOR_MS) } },
  });
  return count;
}
