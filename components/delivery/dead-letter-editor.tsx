"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { editFailedRecordAction } from "@/app/(app)/destinations/[destinationId]/actions";
import { Button } from "@/components/ui/button";
import { CodeEditor } from "@/components/ui/code-editor";
import type { FailedRecord } from "./failed-record";

/** Fix a failed record's JSON; Retry Failed Records then sends it as edited. */
export function DeadLetterEditor({
  destinationId,
  letter,
  name,
  onClose,
}: {
  destinationId: string;
  letter: FailedRecord;
  /** "record 42", for the editor's heading. */
  name: string;
  onClose: () => void;
}) {
  const [text, setText] = useState(letter.payloadText);
  const save = useMutation({
    mutationFn: () => editFailedRecordAction({ id: destinationId, deadLetterId: letter.id, payload: text }),
    onSuccess: (result) => {
      if (result.ok) onClose();
    },
  });
  const error = save.data && !save.data.ok ? (save.data.fieldErrors?.payload ?? save.data.error) : null;
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <p className="text-sm font-medium text-slate-700">Record JSON ({name})</p>
      <CodeEditor label="Record JSON" value={text} language="json" onChange={setText} />
      {error ? (
        <p role="alert" data-form-error className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={save.isPending}>
          Save
        </Button>
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
