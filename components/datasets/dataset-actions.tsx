"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import {
  deleteDatasetAction,
  regenerateIngestKeyAction,
  renameDatasetAction,
} from "@/app/(app)/datasets/actions";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import { IngestKeyReveal } from "./ingest-key-reveal";

export function RenameDatasetForm({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [value, setValue] = useState(name);
  const rename = useMutation({
    mutationFn: () => renameDatasetAction({ id, name: value }),
    onSuccess: (result) => {
      if (result.ok) router.refresh();
    },
  });
  const error =
    rename.data && !rename.data.ok ? (rename.data.fieldErrors?.name ?? rename.data.error) : undefined;
  return (
    <form
      noValidate
      className="flex items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        rename.mutate();
      }}
    >
      <TextField
        label="Dataset name"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={error}
        className="flex-1"
      />
      <Button type="submit" variant="secondary" disabled={rename.isPending || value === name}>
        Rename
      </Button>
    </form>
  );
}

export function DeleteDatasetButton({ id, name, records }: { id: string; name: string; records: number }) {
  return (
    <ConfirmButton
      label="Delete dataset"
      question={`Delete "${name}" and its ${records.toLocaleString("en-US")} records? This cannot be undone.`}
      run={() => deleteDatasetAction({ id })}
      redirectTo="/datasets"
    />
  );
}

export function RegenerateIngestKey({ id, hasKey, url }: { id: string; hasKey: boolean; url: string }) {
  const router = useRouter();
  const regenerate = useMutation({
    mutationFn: () => regenerateIngestKeyAction({ id }),
    onSuccess: () => router.refresh(),
  });
  const result = regenerate.data;
  return (
    <div className="space-y-3">
      {result?.ok ? <IngestKeyReveal ingestKey={result.data.ingestKey} url={url} /> : null}
      {result && !result.ok ? <FormError message={result.error} /> : null}
      <Button
        variant="secondary"
        disabled={regenerate.isPending}
        onClick={() => {
          if (!hasKey || window.confirm("Make a new ingest key? The current key stops working at once."))
            regenerate.mutate();
        }}
      >
        {hasKey ? "Regenerate ingest key" : "Create ingest key"}
      </Button>
    </div>
  );
}
