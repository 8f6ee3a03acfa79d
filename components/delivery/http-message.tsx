import { MessageBody } from "@/components/ui/message-body";

/** Headers and body of a logged request or response, as stored (secrets already masked). */
export function HttpMessage({
  label,
  headers,
  body,
}: {
  label: string;
  headers: Record<string, string> | null;
  body: string | null;
}) {
  const entries = Object.entries(headers ?? {});
  const headingId = `${label.toLowerCase().replace(/\W+/g, "-")}-heading`;
  return (
    <div className="space-y-3">
      <section aria-labelledby={`${headingId}-headers`}>
        <h3
          id={`${headingId}-headers`}
          className="text-xs font-medium uppercase tracking-wide text-slate-500"
        >
          {label} headers
        </h3>
        {entries.length === 0 ? (
          <p className="mt-1 text-sm text-slate-500">None</p>
        ) : (
          <dl className="mt-1 grid grid-cols-[minmax(8rem,auto)_1fr] gap-x-4 gap-y-0.5 font-mono text-xs">
            {entries.map(([name, value]) => (
              <div key={name} className="contents">
                <dt className="text-slate-600">{name}</dt>
                <dd className="break-all">{value}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      <section aria-labelledby={`${headingId}-body`}>
        <h3 id={`${headingId}-body`} className="text-xs font-medium uppercase tracking-wide text-slate-500">
          {label} body
        </h3>
        {body ? (
          <div className="mt-1">
            <MessageBody body={body} contentType={headerValue(headers, "content-type")} />
          </div>
        ) : (
          <p className="mt-1 text-sm text-slate-500">Empty</p>
        )}
      </section>
    </div>
  );
}

/** A header's value whatever the case of its name. */
function headerValue(headers: Record<string, string> | null, name: string): string | undefined {
  const found = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return found?.[1];
}
