import type { Metadata } from "next";
import Link from "next/link";
import { NewTokenPanel } from "@/components/api-tokens/new-token-panel";
import { RevokeTokenButton } from "@/components/api-tokens/revoke-token-button";
import { formatDateTimeSeconds } from "@/components/delivery/format-time";
import { PageHeader } from "@/components/ui/page-header";
import { listApiTokens } from "@/lib/api/tokens";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { requireWorkspaceSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensPage() {
  const session = await requireWorkspaceSession();
  const tokens = await listApiTokens(session.workspace.id, session.user.id);
  const now = new Date();
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Personal tokens for scripts and CI to call Outflow's REST API as you. Each is shown once, then only its first characters."
      />
      <p className="mb-6 text-sm">
        <Link href="/settings/api" className="text-brand-600 hover:underline">
          API reference
        </Link>{" "}
        ·{" "}
        <a href="/api/v1/openapi.json" className="text-brand-600 hover:underline">
          OpenAPI document
        </a>
      </p>
      <div className="space-y-6">
        <NewTokenPanel ownRole={session.role} />
        <section aria-labelledby="tokens-heading" className="rounded-lg border border-slate-200 bg-white">
          <h2 id="tokens-heading" className="border-b border-slate-100 px-5 py-3 font-semibold">
            Your tokens
          </h2>
          {tokens.length === 0 ? (
            <p className="px-5 py-8 text-center text-sm text-slate-600">No tokens yet.</p>
          ) : (
            <table aria-label="Your API tokens" className="w-full text-left text-sm">
              <thead className="text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="px-5 py-2 font-medium">Name</th>
                  <th className="px-5 py-2 font-medium">Token</th>
                  <th className="px-5 py-2 font-medium">Role</th>
                  <th className="px-5 py-2 font-medium">Last used</th>
                  <th className="px-5 py-2 font-medium">Expires</th>
                  <th className="px-5 py-2 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((token) => {
                  const expired = token.expiresAt !== null && token.expiresAt <= now;
                  return (
                    <tr key={token.id} className="border-t border-slate-100">
                      <td className="px-5 py-2 font-medium">{token.name}</td>
                      <td className="px-5 py-2 font-mono text-xs">{token.prefix}…</td>
                      <td className="px-5 py-2">{ROLE_LABELS[token.role]}</td>
                      <td className="px-5 py-2">
                        {token.lastUsedAt ? formatDateTimeSeconds(token.lastUsedAt) : "Never"}
                      </td>
                      <td className="px-5 py-2">
                        {token.revokedAt
                          ? `Revoked ${formatDateTimeSeconds(token.revokedAt)}`
                          : token.expiresAt
                            ? `${expired ? "Expired" : ""} ${formatDateTimeSeconds(token.expiresAt)}`.trim()
                            : "Never"}
                      </td>
                      <td className="px-5 py-2 text-right">
                        {token.revokedAt || expired ? null : (
                          <RevokeTokenButton id={token.id} name={token.name} />
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </>
  );
}
