import type { Prisma } from "@/lib/db/generated/client";

type Change = { path: string; kind: "added" | "removed" | "changed"; before?: unknown; after?: unknown };

const shown = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

function isChange(value: unknown): value is Change {
  return value !== null && typeof value === "object" && "path" in value && "kind" in value;
}

/** An event's details: its diff as a table of before and after, the rest as a short list. */
export function AuditEventDetails({ details, label }: { details: Prisma.JsonValue; label: string }) {
  if (details === null || typeof details !== "object" || Array.isArray(details)) return null;
  const { changes, ...rest } = details as Record<string, unknown>;
  const diff = Array.isArray(changes) ? changes.filter(isChange) : [];
  const facts = Object.entries(rest);
  return (
    <div className="space-y-2">
      {facts.length > 0 ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-xs text-slate-600">
          {facts.map(([key, value]) => (
            <div key={key} className="contents">
              <dt className="font-medium">{key}</dt>
              <dd className="break-all font-mono">{shown(value)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {diff.length > 0 ? (
        <table aria-label={`Changes: ${label}`} className="w-full text-left text-xs">
          <thead className="text-slate-500">
            <tr>
              <th className="pr-3 font-medium">Field</th>
              <th className="pr-3 font-medium">Before</th>
              <th className="font-medium">After</th>
            </tr>
          </thead>
          <tbody className="font-mono">
            {diff.map((change, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a mapping names several changes "Mapping"
              <tr key={`${change.path}:${index}`} className="border-t border-slate-100 align-top">
                <th scope="row" className="pr-3 font-medium">
                  {change.path}
                </th>
                <td className="pr-3 break-all">
                  {change.kind === "added" ? (
                    <span className="font-sans text-slate-500">(not set)</span>
                  ) : (
                    <del className="bg-red-50 text-red-800 no-underline">{shown(change.before)}</del>
                  )}
                </td>
                <td className="break-all">
                  {change.kind === "removed" ? (
                    <span className="font-sans text-slate-500">(removed)</span>
                  ) : (
                    <ins className="bg-emerald-50 text-emerald-800 no-underline">{shown(change.after)}</ins>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
