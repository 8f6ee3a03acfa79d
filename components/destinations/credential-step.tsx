"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { CredentialForm } from "@/components/credentials/credential-form";
import { StatusBadge } from "@/components/credentials/status-badge";
import { Button } from "@/components/ui/button";
import type { ConnectorView } from "@/lib/connectors/connector-view";
import type { CredentialSummary } from "@/lib/credentials/list-credentials";

type Bin = { id: string; name: string; url: string };

/** Pick the credential (or, for the Request Inspector, the inspector) the destination sends with. */
export function CredentialStep({
  connector,
  credentials,
  bins,
  createRefused,
  selected,
  error,
  onSelect,
}: {
  connector: ConnectorView;
  credentials: CredentialSummary[];
  bins: Bin[];
  /** Set when the role may use credentials but not create them: says whom to ask. */
  createRefused: string | null;
  selected: string | null;
  error?: string;
  onSelect: (id: string) => void;
}) {
  const router = useRouter();
  const [creating, setCreating] = useState(
    credentials.length === 0 && connector.needsCredential && createRefused === null,
  );

  if (!connector.needsCredential) {
    return (
      <fieldset className="space-y-2">
        <legend className="mb-2 font-semibold">Inspector</legend>
        {bins.length === 0 ? (
          <p className="text-sm text-slate-600">
            No inspector yet:{" "}
            <Link href="/inspector" className="font-medium text-brand-600 hover:underline">
              create one
            </Link>{" "}
            and come back.
          </p>
        ) : (
          bins.map((bin) => (
            <label
              key={bin.id}
              className="flex items-center gap-3 rounded-md border border-slate-200 bg-white p-3 text-sm"
            >
              <input
                type="radio"
                name="inspector"
                checked={selected === bin.id}
                onChange={() => onSelect(bin.id)}
              />
              <span className="font-medium">{bin.name}</span>
              <span className="truncate font-mono text-xs text-slate-500">{bin.url}</span>
            </label>
          ))
        )}
        {error ? <p className="text-sm text-red-600">{error}</p> : null}
      </fieldset>
    );
  }

  return (
    <div className="space-y-4">
      <fieldset className="space-y-2">
        <legend className="mb-2 font-semibold">Credential</legend>
        {credentials.map((credential) => (
          <label
            key={credential.id}
            className="flex items-center gap-3 rounded-md border border-slate-200 bg-white p-3 text-sm"
          >
            <input
              type="radio"
              name="credential"
              checked={selected === credential.id}
              onChange={() => onSelect(credential.id)}
            />
            <span className="font-medium">{credential.name}</span>
            <StatusBadge health={credential.health} />
          </label>
        ))}
        {credentials.length === 0 ? (
          <p className="text-sm text-slate-600">No {connector.name} credential yet.</p>
        ) : null}
        {error ? <p className="text-sm text-red-600">{error}</p> : null}
      </fieldset>
      {createRefused !== null ? (
        <p className="text-sm text-slate-600">{createRefused}</p>
      ) : creating ? (
        <CredentialForm
          connector={connector}
          onSaved={(id) => {
            setCreating(false);
            onSelect(id);
            router.refresh();
          }}
        />
      ) : (
        <Button variant="secondary" onClick={() => setCreating(true)}>
          Create Credential
        </Button>
      )}
    </div>
  );
}
