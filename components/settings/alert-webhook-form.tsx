"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useForm } from "react-hook-form";
import {
  removeAlertWebhookAction,
  saveAlertWebhookAction,
  sendTestAlertAction,
} from "@/app/(app)/settings/alerts/actions";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import { type AlertWebhookValues, alertWebhookSchema } from "@/lib/notifications/alert-webhook-schema";

/** Saves, replaces or removes the workspace's alert webhook; the saved URL is never sent back. */
export function AlertWebhookForm({ saved }: { saved: boolean }) {
  const router = useRouter();
  const form = useForm<AlertWebhookValues>({
    resolver: zodResolver(alertWebhookSchema),
    defaultValues: { url: "" },
  });
  const save = useMutation({
    mutationFn: saveAlertWebhookAction,
    onSuccess: (result) => {
      if (!result.ok) return;
      form.reset({ url: "" });
      router.refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => removeAlertWebhookAction({}),
    onSuccess: (result) => {
      if (result.ok) router.refresh();
    },
  });
  const test = useMutation({
    mutationFn: () => sendTestAlertAction({}),
    onSettled: () => router.refresh(),
  });
  const saveFailure = save.data && !save.data.ok ? save.data : null;

  useEffect(() => {
    const message = saveFailure?.fieldErrors?.url;
    if (message) form.setError("url", { message });
  }, [saveFailure, form]);

  const busy = form.formState.isSubmitting || save.isPending || remove.isPending || test.isPending;
  const otherFailure =
    (saveFailure && !saveFailure.fieldErrors ? saveFailure.error : null) ??
    (remove.data && !remove.data.ok ? remove.data.error : null) ??
    (test.data && !test.data.ok ? test.data.error : null);

  return (
    <form noValidate onSubmit={form.handleSubmit((values) => save.mutateAsync(values))} className="space-y-3">
      <fieldset disabled={busy} className="space-y-3">
        <TextField
          label={saved ? "New alert webhook URL" : "Alert webhook URL"}
          placeholder="https://hooks.slack.com/services/…"
          hint="Each alert is POSTed as JSON with a one-line text field, as Slack incoming webhooks expect."
          error={form.formState.errors.url?.message}
          autoComplete="off"
          {...form.register("url")}
        />
        <div className="flex flex-wrap gap-2">
          <Button type="submit">
            {save.isPending ? "Saving…" : saved ? "Replace webhook" : "Save webhook"}
          </Button>
          {saved ? (
            <>
              <Button variant="secondary" onClick={() => test.mutate()}>
                {test.isPending ? "Sending…" : "Send test alert"}
              </Button>
              <Button variant="danger" onClick={() => remove.mutate()}>
                {remove.isPending ? "Removing…" : "Remove webhook"}
              </Button>
            </>
          ) : null}
        </div>
      </fieldset>
      <FormError message={otherFailure} />
      {test.data?.ok ? (
        <p role="status" className="text-sm text-emerald-700">
          The webhook accepted the test alert.
        </p>
      ) : null}
    </form>
  );
}
