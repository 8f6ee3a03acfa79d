"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { createEmptyDatasetAction } from "@/app/(app)/datasets/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { IngestKeyReveal } from "./ingest-key-reveal";

export function EmptyDatasetForm({ ingestBaseUrl }: { ingestBaseUrl: string }) {
  const [name, setName] = useState("");
  const create = useMutation({ mutationFn: () => createEmptyDatasetAction({ name }) });
  const result = create.data;

  if (result?.ok) {
    return (
      <div className="space-y-4">
        <IngestKeyReveal
          ingestKey={result.data.ingestKey}
          url={`${ingestBaseUrl}/${result.data.id}/records`}
        />
        <Link
          href={`/datasets/${result.data.id}`}
          className="inline-block font-medium text-brand-600 hover:underline"
        >
          Open the dataset
        </Link>
      </div>
    );
  }
  const nameError = result && !result.ok ? (result.fieldErrors?.name ?? result.error) : undefined;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <fieldset disabled={create.isPending} className="space-y-4">
        <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={nameError} />
        <Button type="submit">{create.isPending ? "Creating…" : "Create empty dataset"}</Button>
      </fieldset>
    </form>
  );
}
