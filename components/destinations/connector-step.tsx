"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { createDestinationDraftAction } from "@/app/(app)/destinations/actions";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";

type ConnectorChoice = { id: string; name: string; logo: string; description: string };

export function ConnectorStep({
  datasetId,
  connectors,
}: {
  datasetId: string;
  connectors: ConnectorChoice[];
}) {
  const router = useRouter();
  const [connectorId, setConnectorId] = useState("");
  const next = useMutation({
    mutationFn: () => createDestinationDraftAction({ datasetId, connectorId }),
    onSuccess: (result) => {
      if (result.ok) router.push(`/destinations/${result.data.id}/setup?step=credential`);
    },
  });
  const failure = next.data && !next.data.ok ? next.data : null;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        next.mutate();
      }}
      className="space-y-6"
    >
      <fieldset disabled={next.isPending}>
        <legend className="mb-3 font-semibold">Connector</legend>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {connectors.map((connector) => (
            <label
              key={connector.id}
              className={`flex cursor-pointer gap-3 rounded-lg border bg-white p-4 ${
                connectorId === connector.id
                  ? "border-brand-500 ring-2 ring-brand-500/30"
                  : "border-slate-200"
              }`}
            >
              <input
                type="radio"
                name="connector"
                value={connector.id}
                checked={connectorId === connector.id}
                onChange={() => setConnectorId(connector.id)}
                className="sr-only"
              />
              {/* biome-ignore lint/performance/noImgElement: small static logos */}
              <img src={connector.logo} alt="" width={36} height={36} className="shrink-0" />
              <span>
                <span className="block font-medium">{connector.name}</span>
                <span className="mt-1 block text-sm text-slate-600">{connector.description}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <FormError message={failure ? (failure.fieldErrors?.connectorId ?? failure.error) : null} />
      <div className="flex justify-end">
        <Button type="submit" disabled={!connectorId || next.isPending}>
          Next
        </Button>
      </div>
    </form>
  );
}
