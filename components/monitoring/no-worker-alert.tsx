import { formatDateTimeSeconds } from "@/components/delivery/format-time";
import type { WorkersSeen } from "@/lib/delivery/store/worker-heartbeats";

/** Shown when no delivery worker is alive: destinations may say Active while nothing goes out. */
export function NoWorkerAlert({ workers }: { workers: WorkersSeen }) {
  if (workers.alive > 0) return null;
  return (
    <div
      role="alert"
      className="mb-6 rounded-lg border border-amber-300 bg-amber-50 px-5 py-4 text-sm text-amber-900"
    >
      <p className="font-semibold">
        No delivery worker is running
        {workers.lastSeenAt
          ? `: the last one was heard from at ${formatDateTimeSeconds(workers.lastSeenAt)}.`
          : "."}
      </p>
      <p className="mt-1">
        Records keep arriving and wait in Postgres, none is lost, but nothing is delivered until a worker
        runs. Start one with <code className="rounded bg-amber-100 px-1">npm run worker</code>, or start the
        app without <code className="rounded bg-amber-100 px-1">OUTFLOW_WORKER=off</code>.
      </p>
    </div>
  );
}
