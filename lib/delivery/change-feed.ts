/**
 * What must govern a destination's very next request, as Postgres announces it on one channel:
 * a saved version, a status change (Pause), a changed credential (the triggers of migration
 * notify_delivery_changes), and a 429's hold on a credential (announced by the rate limiter).
 * Each worker process keeps one LISTEN connection, reconnected with backoff, and notes when each
 * destination and credential last changed; a lane asks `changedSince` before every request, which
 * costs a map lookup. Ingest announces records appended to a dataset on the same channel, so an
 * executor waiting for the next record of a stream hears of it without a job or a poll. While the connection is down anything may have changed unseen, so every
 * mark taken before it came back counts as changed.
 */
import pg from "pg";
import { z } from "zod";
import { connectionConfig, dbPool } from "@/lib/db/client";

const CHANNEL = "outflow_delivery_changes";

const changeSchema = z.union([
  z.object({ destination: z.string() }),
  z.object({ credential: z.string() }),
  /** A 429 answered on credential `hold` (its rate-limit key): nothing goes out on it before `until` (ms). */
  z.object({ hold: z.string(), until: z.number() }),
  /** Records were appended to dataset `records` (see enqueueForDataset). */
  z.object({ records: z.string() }),
]);
type Change = z.infer<typeof changeSchema>;

let sequence = 0;
const lastChange = new Map<string, number>();
/** Changes before this were possibly missed (the feed was down); `Infinity` while it is down. */
let blindUntil = Number.POSITIVE_INFINITY;
const holdHandlers = new Set<(key: string, until: number) => void>();
const newsHandlers = new Set<(key: string) => void>();

/** A point in the feed; compare with `changedSince`. */
export function changeMark(): number {
  return sequence;
}

/** Whether the destination or its credential changed after `mark` (or may have, unseen). */
export function changedSince(mark: number, destinationId: string, credentialId: string | null): boolean {
  if (blindUntil > mark) return true;
  if ((lastChange.get(`destination:${destinationId}`) ?? -1) > mark) return true;
  return credentialId !== null && (lastChange.get(`credential:${credentialId}`) ?? -1) > mark;
}

/**
 * Resolves once the feed listens (at once, normally). Sending without it would miss changes, and
 * `changedSince` would stop every wave before its first request.
 */
export async function whenListening(signal: AbortSignal): Promise<void> {
  if (client && blindUntil !== Number.POSITIVE_INFINITY) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      listeners.delete(done);
      signal.removeEventListener("abort", done);
      resolve();
    };
    listeners.add(done);
    signal.addEventListener("abort", done, { once: true });
  });
}
const listeners = new Set<() => void>();

const reconnectHandlers = new Set<() => void>();

/**
 * Called each time the feed listens again after losing its connection: Postgres was restarted or
 * unreachable, so the work interrupted meanwhile can be picked up at once.
 */
export function onReconnected(handler: () => void): () => void {
  reconnectHandlers.add(handler);
  return () => reconnectHandlers.delete(handler);
}

/**
 * Called with `records:<datasetId>`, `destination:<id>` or `credential:<id>` for each announcement,
 * and with `*` when the feed listens again (anything may have happened meanwhile).
 */
export function onNews(handler: (key: string) => void): () => void {
  newsHandlers.add(handler);
  return () => newsHandlers.delete(handler);
}

/** Called for every hold announced, by any process (this one included). */
export function onHoldAnnounced(handler: (key: string, until: number) => void): void {
  holdHandlers.add(handler);
}

export async function announceHold(key: string, until: Date): Promise<void> {
  const change: Change = { hold: key, until: until.getTime() };
  await dbPool().query("SELECT pg_notify($1, $2)", [CHANNEL, JSON.stringify(change)]);
}

function receive(payload: string | undefined): void {
  let change: Change;
  try {
    change = changeSchema.parse(JSON.parse(payload ?? ""));
  } catch {
    console.error(`Ignored an unreadable delivery change: ${payload}`);
    return;
  }
  if ("records" in change) {
    // Not a change of configuration: no mark moves.
    for (const handler of newsHandlers) handler(`records:${change.records}`);
    return;
  }
  sequence += 1;
  if ("destination" in change) lastChange.set(`destination:${change.destination}`, sequence);
  else if ("credential" in change) lastChange.set(`credential:${change.credential}`, sequence);
  else for (const handler of holdHandlers) handler(change.hold, change.until);
  if (!("hold" in change)) {
    const key =
      "destination" in change ? `destination:${change.destination}` : `credential:${change.credential}`;
    for (const handler of newsHandlers) handler(key);
  }
}

let client: pg.Client | undefined;
let stopped = true;
/** Whether the connection was lost since the feed started (a new connection is then a reconnect). */
let lostSinceStart = false;
let retryTimer: NodeJS.Timeout | undefined;
const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 15_000;

/** Listens from now on; resolves once the first connection listens, or keeps trying in the background. */
export async function startChangeFeed(): Promise<void> {
  if (!stopped) return;
  stopped = false;
  lostSinceStart = false;
  await connect(RECONNECT_MIN_MS);
}

export async function stopChangeFeed(): Promise<void> {
  stopped = true;
  clearTimeout(retryTimer);
  const current = client;
  client = undefined;
  blindUntil = Number.POSITIVE_INFINITY;
  await current?.end().catch(() => undefined);
}

async function connect(backoffMs: number): Promise<void> {
  if (stopped) return;
  const next = new pg.Client(connectionConfig());
  const lost = (error?: Error) => {
    if (client !== next) return;
    client = undefined;
    blindUntil = Number.POSITIVE_INFINITY;
    lostSinceStart = true;
    if (error) console.error("Delivery change feed lost its connection; reconnecting:", error.message);
    void next.end().catch(() => undefined);
    retry(RECONNECT_MIN_MS);
  };
  next.on("error", lost);
  next.on("end", () => lost(new Error("connection ended")));
  next.on("notification", (message) => receive(message.payload));
  try {
    await next.connect();
    await next.query(`LISTEN ${CHANNEL}`);
  } catch (error) {
    next.removeAllListeners();
    next.on("error", () => undefined);
    await next.end().catch(() => undefined);
    if (stopped) return;
    console.error(
      `Delivery change feed cannot connect (${(error as Error).message}); trying again in ${backoffMs} ms`,
    );
    retry(Math.min(RECONNECT_MAX_MS, backoffMs * 2));
    return;
  }
  if (stopped) {
    await next.end().catch(() => undefined);
    return;
  }
  client = next;
  // Whatever was marked before now may have missed a change while nobody listened.
  sequence += 1;
  blindUntil = sequence;
  for (const resolve of [...listeners]) resolve();
  for (const handler of newsHandlers) handler("*");
  if (lostSinceStart) {
    console.log("Delivery change feed listens again");
    for (const handler of reconnectHandlers) handler();
  }
}

function retry(backoffMs: number): void {
  clearTimeout(retryTimer);
  retryTimer = setTimeout(() => void connect(backoffMs), backoffMs);
}
