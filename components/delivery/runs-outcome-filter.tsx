import Link from "next/link";
import { RUN_OUTCOMES, type RunOutcome } from "@/lib/monitoring/destination-runs";
import { OUTCOMES } from "./run-labels";

/** All runs, or only those with one outcome; links, so the filter is in the URL. */
export function RunsOutcomeFilter({
  current,
  hrefFor,
}: {
  current: RunOutcome | null;
  hrefFor: (outcome: RunOutcome | null) => string;
}) {
  const options: { value: RunOutcome | null; label: string }[] = [
    { value: null, label: "All" },
    ...RUN_OUTCOMES.map((value) => ({ value, label: OUTCOMES[value].label })),
  ];
  return (
    <nav
      aria-label="Filter runs by outcome"
      className="flex flex-wrap gap-2 border-b border-slate-100 px-5 py-3"
    >
      {options.map((option) => {
        const selected = option.value === current;
        return (
          <Link
            key={option.label}
            href={hrefFor(option.value)}
            aria-current={selected ? "page" : undefined}
            className={`rounded-full px-3 py-1 text-xs font-medium ring-1 ring-inset ${
              selected
                ? "bg-brand-600 text-white ring-brand-600"
                : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"
            }`}
          >
            {option.label}
          </Link>
        );
      })}
    </nav>
  );
}
