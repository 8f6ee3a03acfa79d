"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect } from "react";
import { useForm } from "react-hook-form";
import { saveDeliverySettingsAction } from "@/app/(app)/destinations/[destinationId]/actions";
import { Field } from "@/components/destinations/field";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import type { DeliverySettings } from "@/lib/delivery/delivery-settings";

type FormValues = {
  schedule: DeliverySettings["schedule"];
  intervalMinutes: string;
  cron: string;
  concurrency: string;
  maxAttempts: string;
  retryBaseSeconds: string;
  requestTimeoutSeconds: string;
};

const SCHEDULES: { value: DeliverySettings["schedule"]; label: string }[] = [
  { value: "continuous", label: "As records arrive" },
  { value: "interval", label: "Every N minutes" },
  { value: "cron", label: "Cron expression (UTC)" },
];

function formValues(settings: DeliverySettings): FormValues {
  return {
    schedule: settings.schedule,
    intervalMinutes: settings.intervalMinutes?.toString() ?? "",
    cron: settings.cron ?? "",
    concurrency: settings.concurrency.toString(),
    maxAttempts: settings.maxAttempts.toString(),
    retryBaseSeconds: settings.retryBaseSeconds.toString(),
    requestTimeoutSeconds: settings.requestTimeoutSeconds.toString(),
  };
}

/** When the destination sends, how many requests at once, and how long it keeps retrying. */
export function DeliverySettingsForm({
  destinationId,
  settings,
}: {
  destinationId: string;
  settings: DeliverySettings;
}) {
  const form = useForm<FormValues>({ defaultValues: formValues(settings) });
  const schedule = form.watch("schedule");
  const save = useMutation({
    mutationFn: (values: FormValues) =>
      saveDeliverySettingsAction({
        id: destinationId,
        settings: {
          schedule: values.schedule,
          // Only the chosen schedule's field is sent; an empty one is reported as missing.
          intervalMinutes:
            values.schedule === "interval" && values.intervalMinutes.trim() !== ""
              ? values.intervalMinutes
              : undefined,
          cron: values.schedule === "cron" ? values.cron : undefined,
          concurrency: values.concurrency,
          maxAttempts: values.maxAttempts,
          retryBaseSeconds: values.retryBaseSeconds,
          requestTimeoutSeconds: values.requestTimeoutSeconds,
        },
      }),
    onSuccess: (saved, values) => {
      // The saved values become the form's baseline, so "Saved." shows until the next change.
      if (saved.ok) form.reset(values);
    },
  });

  const result = save.data;
  useEffect(() => {
    form.clearErrors();
    if (result && !result.ok) {
      for (const [path, message] of Object.entries(result.fieldErrors ?? {})) {
        form.setError(path.replace(/^settings\./, "") as keyof FormValues, { message });
      }
    }
  }, [result, form]);

  const errors = form.formState.errors;
  return (
    <form noValidate onSubmit={form.handleSubmit((values) => save.mutate(values))} className="space-y-4 p-5">
      <fieldset disabled={save.isPending} className="grid gap-4 sm:grid-cols-2">
        <Field label="Schedule" error={errors.schedule?.message}>
          {(props) => (
            <select {...props} {...form.register("schedule")}>
              {SCHEDULES.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {schedule === "interval" ? (
          <TextField
            label="Minutes between runs"
            inputMode="numeric"
            hint="Each run sends the records that arrived since the last one."
            error={errors.intervalMinutes?.message}
            {...form.register("intervalMinutes")}
          />
        ) : null}
        {schedule === "cron" ? (
          <TextField
            label="Cron expression (UTC)"
            hint="Five fields: minute, hour, day of month, month, day of week; 0 * * * * is hourly."
            error={errors.cron?.message}
            {...form.register("cron")}
          />
        ) : null}
        {schedule === "continuous" ? (
          <p className="self-end pb-2 text-sm text-slate-500">New records are sent within seconds.</p>
        ) : null}
        <TextField
          label="Concurrency"
          inputMode="numeric"
          hint="Requests sent at once, within the credential's rate limit."
          error={errors.concurrency?.message}
          {...form.register("concurrency")}
        />
        <TextField
          label="Max attempts"
          inputMode="numeric"
          hint="Per request, the first one included; then the records go to Failed Records."
          error={errors.maxAttempts?.message}
          {...form.register("maxAttempts")}
        />
        <TextField
          label="First retry delay (seconds)"
          inputMode="decimal"
          hint="Each further retry waits up to twice as long; a Retry-After from the API wins."
          error={errors.retryBaseSeconds?.message}
          {...form.register("retryBaseSeconds")}
        />
        <TextField
          label="Request timeout (seconds)"
          inputMode="decimal"
          error={errors.requestTimeoutSeconds?.message}
          {...form.register("requestTimeoutSeconds")}
        />
      </fieldset>
      <FormError message={result && !result.ok && !result.fieldErrors ? result.error : null} />
      <div className="flex items-center justify-end gap-3">
        {result?.ok && !form.formState.isDirty ? (
          <p role="status" className="text-sm text-emerald-700">
            Saved.
          </p>
        ) : null}
        <Button type="submit" disabled={save.isPending}>
          Save
        </Button>
      </div>
    </form>
  );
}
