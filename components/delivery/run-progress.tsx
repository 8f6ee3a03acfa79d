import { formatCount } from "./format-stats";

/** How far a running run is: records done (delivered or failed) of those planned so far. */
export function RunProgress({ done, planned }: { done: number; planned: number }) {
  const percent = planned > 0 ? Math.min(100, Math.round((done / planned) * 100)) : 0;
  return (
    <div className="space-y-1">
      <div
        role="progressbar"
        aria-label="Run progress"
        aria-valuemin={0}
        aria-valuemax={planned}
        aria-valuenow={done}
        aria-valuetext={`${formatCount(done)} of ${formatCount(planned)} records done`}
        className="h-2.5 w-full overflow-hidden rounded-full bg-slate-100"
      >
        <div className="h-full rounded-full bg-sky-500 transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-xs text-slate-600">
        {formatCount(done)} of {formatCount(planned)} records done ({percent} %)
      </p>
    </div>
  );
}
