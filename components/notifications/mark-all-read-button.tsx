"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { markAllNotificationsReadAction } from "@/app/(app)/notifications/actions";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { notificationKeys } from "./query-keys";

export function MarkAllReadButton({ disabled }: { disabled: boolean }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => markAllNotificationsReadAction({}),
    onSuccess: async (result) => {
      if (!result.ok) return;
      await queryClient.invalidateQueries({ queryKey: notificationKeys.all });
      router.refresh();
    },
  });
  const failure = mutation.data && !mutation.data.ok ? mutation.data.error : null;
  return (
    <div className="flex flex-col items-end gap-2">
      <Button variant="secondary" disabled={disabled || mutation.isPending} onClick={() => mutation.mutate()}>
        {mutation.isPending ? "Marking…" : "Mark all as read"}
      </Button>
      <FormError message={failure} />
    </div>
  );
}
