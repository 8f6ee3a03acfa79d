import type { RunSummary } from "@/lib/delivery/read-delivery";

export const TRIGGER_LABELS: Record<RunSummary["trigger"], string> = {
  activate: "Activate",
  ingest: "New records",
  schedule: "Schedule",
  manual: "Run Now",
  retry: "Retry Failed Records",
};

export const OUTCOMES: Record<RunSummary["status"], { label: string; className: string }> = {
  running: { label: "Running", className: "bg-sky-50 text-sky-700 ring-sky-600/20" },
  succeeded: { label: "Succeeded", className: "bg-emerald-50 text-emerald-700 ring-emerald-600/20" },
  partially_failed: { label: "Partially failed", className: "bg-amber-50 text-amber-800 ring-amber-600/30" },
  failed: { label: "Failed", className: "bg-red-50 text-red-700 ring-red-600/20" },
  cancelled: { label: "Cancelled", className: "bg-slate-100 text-slate-700 ring-slate-500/20" },
};

/** What stopped a run early, in words: the destination stopped sending (lib/delivery/runs.ts markFailing). */
export const STOPPED_BY_LABELS: Record<string, string> = {
  credentialRejected: "Stopped: credential rejected",
  targetMissing: "Stopped: credential or inspector deleted",
  failedRunsExceeded: "Stopped: runs kept failing",
};

/** A run's outcome badge: a run its destination stopped says what stopped it rather than "Failed". */
export function outcomeOf(run: { status: RunSummary["status"]; stoppedBy?: string | null }): {
  label: string;
  className: string;
} {
  const stopped = run.stoppedBy ? STOPPED_BY_LABELS[run.stoppedBy] : undefined;
  return stopped ? { ...OUTCOMES.failed, label: stopped } : OUTCOMES[run.status];
}
