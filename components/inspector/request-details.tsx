import { MessageBody } from "@/components/ui/message-body";
import { MAX_STORED_BODY_BYTES } from "@/lib/inspector/limits";
import type { InspectorRequestJson } from "@/lib/inspector/request-json";
import { formatBytes, formatReceivedAt } from "./format";

/** Everything recorded about one request: the line, headers and body. */
export function RequestDetails({ id, request }: { id: string; request: InspectorRequestJson }) {
  const facts: [string, string][] = [
    ["Method", request.method],
    ["Path", request.path],
    ["Query", request.query ? `?${request.query}` : "—"],
    ["Received", formatReceivedAt(request.receivedAt)],
    ["Size", `${formatBytes(request.bodyBytes)}${request.truncated ? " (body truncated)" : ""}`],
  ];
  return (
    <div id={id} className="space-y-4 border-t border-slate-100 bg-slate-50 px-5 py-4 text-sm">
      <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-1">
        {facts.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-slate-500">{term}</dt>
            <dd className="break-all font-mono text-xs leading-5 text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      <table className="w-full table-fixed text-left">
        <caption className="mb-1 text-left font-semibold text-slate-900">Headers</caption>
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="w-56 py-1 font-medium">Name</th>
            <th className="py-1 font-medium">Value</th>
          </tr>
        </thead>
        <tbody className="font-mono text-xs">
          {request.headers.map(([name, value], index) => (
            // Repeated header names are legitimate, so the position is part of the key.
            // biome-ignore lint/suspicious/noArrayIndexKey: the list never reorders
            <tr key={`${index}-${name}`} className="border-t border-slate-200">
              <td className="py-1 pr-4 align-top text-slate-600">{name}</td>
              <td className="break-all py-1 text-slate-900">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <section aria-label="Body">
        <h3 className="mb-1 font-semibold text-slate-900">Body</h3>
        {request.bodyEncoding === "base64" ? (
          <p className="mb-1 text-xs text-slate-600">Binary body, shown as base64.</p>
        ) : null}
        {request.truncated ? (
          <p className="mb-1 text-xs text-slate-600">
            Only the first {formatBytes(MAX_STORED_BODY_BYTES)} were kept.
          </p>
        ) : null}
        {request.bodyBytes === 0 ? (
          <p className="text-xs text-slate-500">No body.</p>
        ) : request.bodyEncoding === "utf8" ? (
          <MessageBody
            body={request.body}
            contentType={request.headers.find(([name]) => name.toLowerCase() === "content-type")?.[1]}
          />
        ) : (
          <pre className="max-h-96 overflow-auto rounded-md border border-slate-200 bg-white p-3 font-mono text-xs whitespace-pre-wrap break-all">
            {request.body}
          </pre>
        )}
      </section>
    </div>
  );
}
