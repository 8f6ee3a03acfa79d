import type { DataRecord } from "./parse/types";

const FIRST = ["Ada", "Grace", "Alan", "Katherine", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Radia"];
const LAST = [
  "Lovelace",
  "Hopper",
  "Turing",
  "Johnson",
  "Torvalds",
  "Hamilton",
  "Ritchie",
  "Liskov",
  "Thompson",
  "Perlman",
];
const PLANS = ["free", "starter", "pro", "enterprise"];
const COUNTRIES = ["GB", "US", "DE", "FR", "IN", "BR", "JP", "NL"];
const EVENTS = ["signed_up", "logged_in", "viewed_pricing", "started_trial", "upgraded", "invited_teammate"];
const PAGES = ["/", "/pricing", "/docs", "/settings/billing", "/dashboard"];

/**
 * 200 realistic user-profile and event records, the same every time, so a new user can try the
 * destination wizard at once. Deterministic: record i is derived from i alone.
 */
export function sampleRecords(count = 200): DataRecord[] {
  const start = Date.UTC(2026, 9, 1, 9, 0, 0);
  return Array.from({ length: count }, (_, i) => {
    const first = FIRST[i % FIRST.length] as string;
    const last = LAST[(i * 7) % LAST.length] as string;
    const eventType = EVENTS[(i * 5) % EVENTS.length] as string;
    const email = `${first}.${last}${i}@example.com`.toLowerCase();
    return {
      uid: `user_${1000 + (i % 150)}`,
      email,
      event_type: eventType,
      occurred_at: new Date(start + i * 37 * 60 * 1000).toISOString(),
      user: {
        first_name: first,
        last_name: last,
        plan: PLANS[(i * 3) % PLANS.length],
        country: COUNTRIES[i % COUNTRIES.length],
        signed_up_at: new Date(start - (i % 90) * 86_400_000).toISOString().slice(0, 10),
      },
      properties: {
        page: PAGES[i % PAGES.length],
        session_id: `s_${(i * 2654435761) % 1_000_000}`,
        ...(eventType === "upgraded" ? { revenue: 29 + (i % 4) * 50, currency: "USD" } : {}),
      },
      marketing_opt_in: i % 3 !== 0,
    };
  });
}
