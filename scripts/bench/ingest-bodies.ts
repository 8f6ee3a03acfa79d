/**
 * Realistic ingest bodies for the bench: user profiles and events, with nested `user` and
 * `properties` objects, about 300 bytes a record. Seeded, so every run sends the same bytes.
 */

const FIRST_NAMES = [
  "Ada",
  "Grace",
  "Alan",
  "Edsger",
  "Barbara",
  "Donald",
  "Frances",
  "Ken",
  "Radia",
  "Linus",
];
const LAST_NAMES = [
  "Lovelace",
  "Hopper",
  "Turing",
  "Dijkstra",
  "Liskov",
  "Knuth",
  "Allen",
  "Thompson",
  "Perlman",
];
const CITIES = [
  ["Berlin", "DE"],
  ["Lyon", "FR"],
  ["Austin", "US"],
  ["Osaka", "JP"],
  ["Leeds", "GB"],
] as const;
const PLANS = ["free", "starter", "pro", "enterprise"];
const EVENTS = ["page_view", "signed_up", "added_to_cart", "checkout_completed", "feature_used"];
const PATHS = ["/", "/pricing", "/docs/getting-started", "/blog/release-notes", "/app/settings"];

/** A small deterministic PRNG (mulberry32), so bodies are identical from run to run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

export function benchRecord(random: () => number, n: number): Record<string, unknown> {
  const uid = `u_${(100_000 + Math.floor(random() * 900_000)).toString(36)}`;
  const first = pick(random, FIRST_NAMES);
  const last = pick(random, LAST_NAMES);
  const email = `${first}.${last}${n % 1000}@example.com`.toLowerCase();
  const timestamp = new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 3e10)).toISOString();
  if (random() < 0.3) {
    const [city, country] = pick(random, CITIES);
    return {
      uid,
      email,
      event_type: "identify",
      timestamp,
      user: { first_name: first, last_name: last, plan: pick(random, PLANS), address: { city, country } },
      properties: { newsletter: random() < 0.5, seats: 1 + Math.floor(random() * 50), source: "crm_sync" },
    };
  }
  const eventType = pick(random, EVENTS);
  return {
    uid,
    email,
    event_type: eventType,
    timestamp,
    user: { id: n, plan: pick(random, PLANS), country: pick(random, CITIES)[1] },
    properties: {
      path: pick(random, PATHS),
      referrer: random() < 0.5 ? "https://www.google.com/" : null,
      session_id: `s_${Math.floor(random() * 1e9).toString(16)}`,
      value: eventType === "checkout_completed" ? Math.round(random() * 50_000) / 100 : undefined,
      tags: random() < 0.4 ? ["beta", "mobile"] : [],
    },
  };
}

/** An NDJSON body of `records` records, seeded by `seed`. */
export function ndjsonBody(records: number, seed: number): Uint8Array {
  const random = seededRandom(seed);
  const lines: string[] = [];
  for (let n = 0; n < records; n++) lines.push(JSON.stringify(benchRecord(random, seed * records + n)));
  return new TextEncoder().encode(`${lines.join("\n")}\n`);
}
