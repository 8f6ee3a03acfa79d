"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Re-renders the page from the server every `intervalMs` while the tab is visible, so runs and
 * counts move without a reload; null stops it. Client state (selections, open editors, unsaved
 * form fields) survives a refresh.
 */
export function LiveRefresh({ intervalMs }: { intervalMs: number | null }) {
  const router = useRouter();
  useEffect(() => {
    if (intervalMs === null) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs, router]);
  return null;
}
