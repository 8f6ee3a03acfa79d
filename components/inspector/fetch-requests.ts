import type { InspectorRequestJson } from "@/lib/inspector/request-json";

/** Reads an inspector's newest requests from the live-view route; `after` for only newer ones. */
export async function fetchRequests(binId: string, after?: string): Promise<InspectorRequestJson[]> {
  const query = after ? `?after=${encodeURIComponent(after)}` : "";
  const response = await fetch(`/api/inspector/${encodeURIComponent(binId)}/requests${query}`, {
    cache: "no-store",
  });
  const payload = (await response.json().catch(() => null)) as
    | { requests: InspectorRequestJson[] }
    | { error: string }
    | null;
  if (!response.ok || !payload || !("requests" in payload)) {
    throw new Error(
      payload && "error" in payload ? payload.error : `The server answered ${response.status}.`,
    );
  }
  return payload.requests;
}
