import Link from "next/link";

export const DESTINATION_TABS = [
  { id: "overview", label: "Overview" },
  { id: "runs", label: "Runs" },
  { id: "requests", label: "Request Log" },
  { id: "failed", label: "Failed Records" },
  { id: "settings", label: "Settings" },
] as const;

export type DestinationTab = (typeof DESTINATION_TABS)[number]["id"];

export const destinationTabHref = (destinationId: string, tab: DestinationTab) =>
  tab === "overview" ? `/destinations/${destinationId}` : `/destinations/${destinationId}?tab=${tab}`;

/** The destination page's sections, as links (each has its own URL, so it can be shared). */
export function DestinationTabs({
  destinationId,
  current,
}: {
  destinationId: string;
  current: DestinationTab | null;
}) {
  return (
    <nav aria-label="Destination sections" className="border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-1">
        {DESTINATION_TABS.map((tab) => {
          const selected = tab.id === current;
          return (
            <li key={tab.id}>
              <Link
                href={destinationTabHref(destinationId, tab.id)}
                aria-current={selected ? "page" : undefined}
                className={`inline-block border-b-2 px-3 py-2 text-sm font-medium ${
                  selected
                    ? "border-brand-600 text-brand-700"
                    : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
                }`}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
