import { formatCount } from "./format-stats";

/** How far a running run is: records done (delivered or failed) of those planned so far. */
export function RunProgress({ done, planned }: { done: number; planned: number }) {
  const percent = planned > 0 ? Math.min(100, Math.round((done / planned) * 100)) : 0;
  return (
    <div className="space-y-1">
      {/* A native progress bar: an inline width style would need 'unsafe-inline' in the CSP. */}
      <progress
        aria-label="Run progress"
        max={Math.max(planned, 1)}
        value={Math.min(done, Math.max(planned, 1))}
        aria-valuemin={0}
        aria-valuemax={planned}
        aria-valuenow={done}
        aria-valuetext={`${formatCount(done)} of ${formatCount(planned)} records done`}
        className="block h-2.5 w-full appearance-none overflow-hidden rounded-full bg-slate-100 [&::-moz-progress-bar]:rounded-full [&::-moz-progress-bar]:bg-sky-500 [&::-webkit-progress-bar]:bg-slate-100 [&::-webkit-progress-value]:rounded-full [&::-webkit-progress-value]:bg-sky-500"
      />
      <p className="text-xs text-slate-600">
        {formatCount(done)} of {formatCount(planned)} records done ({percent} %)
      </p>
    </div>
  );
}
