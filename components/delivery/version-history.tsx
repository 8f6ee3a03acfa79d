import { filterInputClass } from "@/components/ui/filter-input";
import { formatDateTime } from "@/components/ui/format-date";
import type { ConfigChange } from "@/lib/monitoring/config-diff";
import type { VersionComparison } from "@/lib/monitoring/destination-versions";

const shown = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/** The saved versions, and a comparison of two of them chosen with a plain GET form. */
export function VersionHistory({
  action,
  versions,
  from,
  to,
  comparison,
}: {
  action: string;
  versions: { version: number; createdAt: Date }[];
  from: number | null;
  to: number | null;
  comparison: VersionComparison | null;
}) {
  if (versions.length === 0) {
    return <p className="text-sm text-slate-600">No saved version yet: Done saves the first.</p>;
  }
  const newest = versions[0]?.version ?? 1;
  return (
    <div className="space-y-4">
      <ol aria-label="Versions" className="space-y-1 text-sm">
        {versions.map((version) => (
          <li key={version.version}>
            Version {version.version} · saved {formatDateTime(version.createdAt)}
          </li>
        ))}
      </ol>
      {versions.length > 1 ? (
        <form method="get" action={action} className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="tab" value="settings" />
          <div>
            <label htmlFor="compare-from" className="block text-sm font-medium text-slate-700">
              From version
            </label>
            <select
              id="compare-from"
              name="from"
              defaultValue={from ?? newest - 1}
              className={filterInputClass}
            >
              {versions.map((version) => (
                <option key={version.version} value={version.version}>
                  {version.version}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="compare-to" className="block text-sm font-medium text-slate-700">
              To version
            </label>
            <select id="compare-to" name="to" defaultValue={to ?? newest} className={filterInputClass}>
              {versions.map((version) => (
                <option key={version.version} value={version.version}>
                  {version.version}
                </option>
              ))}
            </select>
          </div>
          <button
            type="submit"
            className="rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium hover:bg-slate-50"
          >
            Compare
          </button>
        </form>
      ) : null}
      {comparison ? <VersionDiff comparison={comparison} /> : null}
    </div>
  );
}

function VersionDiff({ comparison }: { comparison: VersionComparison }) {
  const { from, to, changes } = comparison;
  const title = `Changes from version ${from.version} to version ${to.version}`;
  if (changes.length === 0) {
    return <p className="text-sm text-slate-600">{`${title}: none, the configurations are the same.`}</p>;
  }
  return (
    <div className="overflow-x-auto">
      <table aria-label={title} className="w-full text-left text-sm">
        <caption className="pb-2 text-left text-sm font-medium">{title}</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-2 font-medium">Field</th>
            <th className="px-4 py-2 font-medium">Version {from.version}</th>
            <th className="px-4 py-2 font-medium">Version {to.version}</th>
          </tr>
        </thead>
        <tbody className="font-mono text-xs">
          {changes.map((change, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a mapping names several changes "Mapping"
            <ChangeRow key={`${change.path}:${index}`} change={change} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ChangeRow({ change }: { change: ConfigChange }) {
  const before = change.kind === "added" ? null : shown(change.before);
  const after = change.kind === "removed" ? null : shown(change.after);
  return (
    <tr className="border-t border-slate-100 align-top">
      <th scope="row" className="px-4 py-2 font-medium">
        {change.path}
      </th>
      <td className="px-4 py-2 break-all">
        {before === null ? (
          <span className="font-sans text-slate-500">(not set)</span>
        ) : (
          <del className="bg-red-50 text-red-800 no-underline">{before}</del>
        )}
      </td>
      <td className="px-4 py-2 break-all">
        {after === null ? (
          <span className="font-sans text-slate-500">(removed)</span>
        ) : (
          <ins className="bg-emerald-50 text-emerald-800 no-underline">{after}</ins>
        )}
      </td>
    </tr>
  );
}
