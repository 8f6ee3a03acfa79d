import { CopyButton } from "@/components/ui/copy-button";
import { ingestCurlCommand } from "@/lib/datasets/ingest-curl";

/** A freshly made ingest key: shown this once, with a command that uses it. */
export function IngestKeyReveal({ ingestKey, url }: { ingestKey: string; url: string }) {
  const command = ingestCurlCommand(url, ingestKey);
  return (
    <div className="space-y-3 rounded-md border border-amber-200 bg-amber-50 p-4">
      <p className="text-sm font-medium text-amber-900">
        Copy the ingest key now: Outflow stores only its hash and cannot show it again.
      </p>
      <div>
        <label htmlFor="new-ingest-key" className="block text-sm font-medium text-slate-800">
          Ingest key
        </label>
        <div className="mt-1 flex gap-2">
          <input
            id="new-ingest-key"
            readOnly
            value={ingestKey}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs"
          />
          <CopyButton value={ingestKey} label="Copy ingest key" />
        </div>
      </div>
      <div>
        <p className="text-sm font-medium text-slate-800">Try it</p>
        <figure aria-label="Ingest command with key">
          <pre className="mt-1 overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
            {command}
          </pre>
        </figure>
      </div>
    </div>
  );
}
