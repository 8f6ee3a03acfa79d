"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { signOutAction } from "@/app/(app)/actions";

export function UserMenu({
  name,
  email,
  workspaceName,
  roleLabel,
  canReadAudit,
}: {
  name: string;
  email: string;
  workspaceName: string;
  roleLabel: string;
  canReadAudit: boolean;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const signOut = useMutation({
    mutationFn: signOutAction,
    onSuccess: () => {
      router.replace("/sign-in");
      router.refresh();
    },
  });

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (
        event instanceof KeyboardEvent
          ? event.key === "Escape"
          : !container.current?.contains(event.target as Node)
      ) {
        setOpen(false);
      }
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  return (
    <div ref={container} className="relative">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`Account: ${name}`}
        onClick={() => setOpen((value) => !value)}
        className="flex items-center gap-2 rounded-full py-1 pl-1 pr-3 text-sm hover:bg-slate-100"
      >
        <span
          aria-hidden
          className="flex size-8 items-center justify-center rounded-full bg-brand-600 font-semibold text-white"
        >
          {name.trim().charAt(0).toUpperCase() || "?"}
        </span>
        <span className="hidden font-medium text-slate-800 sm:inline">{name}</span>
      </button>
      {open ? (
        <div
          role="menu"
          className="absolute right-0 z-20 mt-2 w-64 rounded-lg border border-slate-200 bg-white py-1 shadow-lg"
        >
          <div className="border-b border-slate-100 px-4 py-3 text-sm">
            <p className="font-medium text-slate-900">{name}</p>
            <p className="truncate text-slate-500">{email}</p>
            <p className="mt-1 text-xs text-slate-500">
              Workspace: {workspaceName} · {roleLabel}
            </p>
          </div>
          <Link
            role="menuitem"
            href="/settings/members"
            onClick={() => setOpen(false)}
            className="block px-4 py-2 text-sm text-slate-700 hover:bg-slate-50"
          >
            Members
          </Link>
          <Link
            role="menuitem"
            href="/settings/api-tokens"
            onClick={() => setOpen(false)}
            className="block px-4 py-2 text-sm text-slate-700 hover:bg-slate-50"
          >
            API tokens
          </Link>
          <Link
            role="menuitem"
            href="/settings/alerts"
            onClick={() => setOpen(false)}
            className="block px-4 py-2 text-sm text-slate-700 hover:bg-slate-50"
          >
            Alerts
          </Link>
          {canReadAudit ? (
            <Link
              role="menuitem"
              href="/settings/audit-log"
              onClick={() => setOpen(false)}
              className="block px-4 py-2 text-sm text-slate-700 hover:bg-slate-50"
            >
              Audit log
            </Link>
          ) : null}
          <button
            role="menuitem"
            type="button"
            disabled={signOut.isPending}
            onClick={() => signOut.mutate()}
            className="block w-full px-4 py-2 text-left text-sm text-slate-700 hover:bg-slate-50"
          >
            {signOut.isPending ? "Signing out…" : "Sign out"}
          </button>
        </div>
      ) : null}
    </div>
  );
}
