/** Reads the unread alert count from its GET route, for the bell. */
export async function fetchUnreadCount(): Promise<number> {
  const response = await fetch("/api/notifications/unread", { cache: "no-store" });
  const payload = (await response.json().catch(() => null)) as { unread: number } | { error: string } | null;
  if (!response.ok || !payload || !("unread" in payload)) {
    throw new Error(
      payload && "error" in payload ? payload.error : `The server answered ${response.status}.`,
    );
  }
  return payload.unread;
}
