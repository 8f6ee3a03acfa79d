import type { Metadata } from "next";
import Link from "next/link";
import { CopyButton } from "@/components/ui/copy-button";
import { PageHeader } from "@/components/ui/page-header";
import { referenceOperations } from "@/lib/api/v1/reference";
import { requireWorkspaceSession } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "API reference" };

export default async function ApiReferencePage() {
  await requireWorkspaceSession();
  const operations = referenceOperations(getConfig().publicUrl);
  const tags = [...new Set(operations.map((operation) => operation.tag))];
  return (
    <>
      <PageHeader
        title="API reference"
        description="Outflow's REST API under /api/v1, generated from the schemas the API checks its input with."
      />
      <p className="mb-6 text-sm text-slate-700">
        Create a token in{" "}
        <Link href="/settings/api-tokens" className="text-brand-600 hover:underline">
          API tokens
        </Link>{" "}
        and set it as <code className="rounded bg-slate-100 px-1">OUTFLOW_API_TOKEN</code> to run the
        examples. Lists take <code className="rounded bg-slate-100 px-1">cursor</code> and{" "}
        <code className="rounded bg-slate-100 px-1">limit</code>; errors are problem details with an{" "}
        <code className="rounded bg-slate-100 px-1">errors</code> map of field messages. The whole document:{" "}
        <a href="/api/v1/openapi.json" className="text-brand-600 hover:underline">
          openapi.json
        </a>
        .
      </p>
      <div className="space-y-8">
        {tags.map((tag) => (
          <section key={tag} aria-labelledby={`tag-${tag}`} className="space-y-4">
            <h2 id={`tag-${tag}`} className="text-lg font-semibold">
              {tag}
            </h2>
            {operations
              .filter((operation) => operation.tag === tag)
              .map((operation) => {
                const name = `${operation.method} ${operation.path}`;
                return (
                  <article
                    key={name}
                    aria-label={name}
                    className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 text-sm"
                  >
                    <h3 className="font-mono font-semibold">{name}</h3>
                    <p className="font-medium">{operation.summary}</p>
                    {operation.description ? (
                      <p className="text-slate-600">
                        <WithCode text={operation.description} />
                      </p>
                    ) : null}
                    {operation.parameters.length > 0 ? (
                      <ul className="list-disc pl-5 text-slate-700">
                        {operation.parameters.map((parameter) => (
                          <li key={`${parameter.in}-${parameter.name}`}>
                            <code>{parameter.name}</code> ({parameter.in}
                            {parameter.required ? ", required" : ""})
                            {parameter.description ? (
                              <>
                                {" — "}
                                <WithCode text={parameter.description} />
                              </>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    {operation.body ? (
                      <p>
                        Body: <code>{operation.body}</code> (JSON)
                      </p>
                    ) : null}
                    <p className="text-slate-600">
                      Answers:{" "}
                      <WithCode
                        text={operation.responses
                          .map((response) => `${response.status} ${response.description}`)
                          .join(" · ")}
                      />
                    </p>
                    <div className="flex items-start gap-2">
                      <pre className="flex-1 overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
                        {operation.curl}
                      </pre>
                      <CopyButton value={operation.curl} label={`Copy curl for ${name}`} text="Copy curl" />
                    </div>
                  </article>
                );
              })}
          </section>
        ))}
      </div>
    </>
  );
}

/** The document's `code` spans as code, the rest as text. */
function WithCode({ text }: { text: string }) {
  return text.split("`").map((part, index) =>
    index % 2 === 1 ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one string never move
      <code key={index} className="rounded bg-slate-100 px-1">
        {part}
      </code>
    ) : (
      part
    ),
  );
}
