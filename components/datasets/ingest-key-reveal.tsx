import { CopyField } from "@/components/ui/copy-field";
import { ingestCurlCommand } from "@/lib/datasets/ingest-curl";

/** A freshly made ingest key: shown this once, with a command that uses it. */
export function IngestKeyReveal({ ingestKey, url }: { ingestKey: string; url: string }) {
  const command = ingestCurlCommand(url, ingestKey);
  return (
    <div className="space-y-3 rounded-md border border-amber-200 bg-amber-50 p-4">
      <p className="text-sm font-medium text-amber-900">
        Copy the ingest key now: Outflow stores only its hash and cannot show it again.
      </p>
      <CopyField label="Ingest key" value={ingestKey} copyLabel="Copy ingest key" />
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
