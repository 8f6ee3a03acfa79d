"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { testSavedCredentialAction } from "@/app/(app)/credentials/actions";
import { Button } from "@/components/ui/button";
import { TestResult } from "./test-result";

/** Test Connection from the list: the outcome becomes the credential's status. */
export function TestSavedCredentialButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const test = useMutation({
    mutationFn: () => testSavedCredentialAction({ id }),
    onSuccess: () => router.refresh(),
  });
  return (
    <div className="flex flex-col items-end gap-2">
      <Button
        variant="secondary"
        aria-label={`Test Connection: ${name}`}
        disabled={test.isPending}
        onClick={() => test.mutate()}
      >
        {test.isPending ? "Testing…" : "Test Connection"}
      </Button>
      {test.data?.ok ? (
        <div className="w-80 text-left">
          <TestResult outcome={test.data.data} />
        </div>
      ) : test.data ? (
        <p role="alert" className="text-sm text-red-600">
          {test.data.error}
        </p>
      ) : null}
    </div>
  );
}
