"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { fetchUnreadCount } from "@/components/notifications/fetch-unread";
import { notificationKeys } from "@/components/notifications/query-keys";

/** Alerts arrive from the delivery worker at any time: the count is polled, not pushed. */
const POLL_MS = 30_000;

/** The header's bell: the unread alert count, leading to the list of alerts. */
export function NotificationBell({ initialUnread }: { initialUnread: number }) {
  const pathname = usePathname();
  const { data: unread = initialUnread } = useQuery({
    queryKey: notificationKeys.unread(),
    queryFn: fetchUnreadCount,
    initialData: initialUnread,
    refetchInterval: POLL_MS,
  });
  const shown = unread > 99 ? "99+" : String(unread);
  return (
    <Link
      href="/notifications"
      aria-label={`Notifications, ${unread} unread`}
      aria-current={pathname === "/notifications" ? "page" : undefined}
      className="relative flex size-9 items-center justify-center rounded-full text-slate-600 hover:bg-slate-100 hover:text-slate-900"
    >
      <svg
        aria-hidden
        viewBox="0 0 24 24"
        className="size-5"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.8}
      >
        <path
          strokeLinecap="round"
          strokeLinejoin="round"
          d="M14.857 17.082a23.848 23.848 0 0 0 5.454-1.31A8.967 8.967 0 0 1 18 9.75V9A6 6 0 0 0 6 9v.75a8.967 8.967 0 0 1-2.312 6.022c1.733.64 3.56 1.085 5.455 1.31m5.714 0a24.255 24.255 0 0 1-5.714 0m5.714 0a3 3 0 1 1-5.714 0"
        />
      </svg>
      {unread > 0 ? (
        <span
          aria-hidden
          className="absolute -right-0.5 -top-0.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs font-semibold leading-5 text-white"
        >
          {shown}
        </span>
      ) : null}
    </Link>
  );
}
