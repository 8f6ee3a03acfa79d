"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useForm } from "react-hook-form";
import {
  saveCredentialAction,
  testCredentialDraftAction,
  testSavedCredentialAction,
} from "@/app/(app)/credentials/actions";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import { baseUrlShape } from "@/lib/connectors/base-url";
import type { ConnectorView } from "@/lib/connectors/connector-view";
import type { CredentialSummary } from "@/lib/credentials/list-credentials";
import { CredentialFieldInput, isWeakSecret } from "./credential-field-input";
import { TestResult } from "./test-result";

type FormValues = {
  name: string;
  values: Record<string, string>;
  baseUrl: string;
  tokenUrl: string;
  allowedDomains: string;
  keyCreatedAt: string;
  rateLimitRequests: string;
  rateLimitWindowSeconds: string;
};

function initialValues(connector: ConnectorView, existing: CredentialSummary | undefined): FormValues {
  const values: Record<string, string> = {};
  for (const field of connector.fields) {
    values[field.name] = field.secret
      ? ""
      : (existing?.settings[field.name] ?? field.options?.[0]?.value ?? "");
  }
  return {
    name: existing?.name ?? "",
    values,
    baseUrl: existing?.baseUrl ?? "",
    tokenUrl: existing?.tokenUrl ?? "",
    allowedDomains: existing?.allowedDomains.join(", ") ?? "",
    keyCreatedAt: existing?.keyCreatedAt ?? new Date().toISOString().slice(0, 10),
    rateLimitRequests: existing?.rateLimitRequests?.toString() ?? "",
    rateLimitWindowSeconds: existing?.rateLimitWindowSeconds?.toString() ?? "",
  };
}

export function CredentialForm({
  connector,
  existing,
  onSaved,
}: {
  connector: ConnectorView;
  existing?: CredentialSummary;
  /** Called instead of going to the credentials list, e.g. inside the destination wizard. */
  onSaved?: (id: string) => void;
}) {
  const router = useRouter();
  const form = useForm<FormValues>({ defaultValues: initialValues(connector, existing) });
  const payload = () => ({ ...form.getValues(), id: existing?.id, connectorId: connector.id });

  // The values the last successful Test Connection on this form used.
  const testedValues = useRef<string | null>(null);
  const save = useMutation({
    mutationFn: async () => {
      const values = JSON.stringify(payload());
      const saved = await saveCredentialAction(payload());
      // Tested as saved: the saved credential is tested too, so its status says so, not "Untested".
      if (saved.ok && testedValues.current === values) await testSavedCredentialAction({ id: saved.data.id });
      return saved;
    },
    onSuccess: (result) => {
      if (!result.ok) return;
      if (onSaved) onSaved(result.data.id);
      else {
        router.push("/credentials");
        router.refresh();
      }
    },
  });
  const test = useMutation({
    mutationFn: async () => {
      const values = JSON.stringify(payload());
      const result = await testCredentialDraftAction(payload());
      testedValues.current = result.ok && result.data.ok ? values : null;
      return result;
    },
  });

  // Field errors found on the server (the connector's own rules) are shown on their fields.
  const failure = [save.data, test.data].find((result) => result && !result.ok);
  useEffect(() => {
    form.clearErrors();
    if (failure && !failure.ok) {
      for (const [field, message] of Object.entries(failure.fieldErrors ?? {})) {
        form.setError(field as keyof FormValues, { message });
      }
    }
  }, [failure, form]);

  const errors = form.formState.errors;
  const valueErrors = (errors.values ?? {}) as Record<string, { message?: string } | undefined>;
  const current = form.watch("values");
  // Where the secrets may be sent: changing it on a saved credential needs them entered again.
  const scope = (v: Pick<FormValues, "baseUrl" | "tokenUrl" | "allowedDomains" | "values">) =>
    JSON.stringify([v.baseUrl.trim(), v.tokenUrl.trim(), v.allowedDomains.trim(), v.values.tokenUrl?.trim()]);
  const initialScope = useRef(scope(form.formState.defaultValues as FormValues));
  const scopeMoved = Boolean(existing) && scope(form.watch()) !== initialScope.current;
  const reentryHint = existing ? " Changing it means entering the credential's secrets again." : "";
  const busy = save.isPending || test.isPending || save.data?.ok === true;

  return (
    <form
      noValidate
      onSubmit={form.handleSubmit(() => save.mutate())}
      className="space-y-6 rounded-lg border border-slate-200 bg-white p-6"
    >
      <fieldset disabled={busy} className="space-y-4">
        <FormError message={failure && !failure.ok && !failure.fieldErrors ? failure.error : null} />
        <TextField
          label="Name"
          placeholder={`${connector.name} production`}
          error={errors.name?.message}
          {...form.register("name")}
        />
        {connector.fields
          .filter(
            (field) => !field.showWhen || field.showWhen.equals.includes(current[field.showWhen.field] ?? ""),
          )
          .map((field) => (
            <CredentialFieldInput
              key={field.name}
              field={field}
              mask={existing?.secretMasks[field.name]}
              error={valueErrors[field.name]?.message}
              weak={Boolean(field.secret && isWeakSecret(current[field.name] ?? ""))}
              registration={form.register(`values.${field.name}`)}
            />
          ))}
        {scopeMoved ? (
          <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
            You changed where this credential is sent (API base URL, token URL or Allowed domains): enter its
            secrets again before you test or save. A saved secret is only sent where it was saved for.
          </p>
        ) : null}
        {connector.keyLifetimeDays ? (
          <TextField
            label="Key created on"
            type="date"
            hint={`${connector.name.replace(/ API$/, "")} keys expire ${connector.keyLifetimeDays} days after they are created; Outflow warns you 30 days before.`}
            error={errors.keyCreatedAt?.message}
            {...form.register("keyCreatedAt")}
          />
        ) : null}
        <details
          className="rounded-md border border-slate-200 px-4 py-3"
          open={
            !connector.defaultBaseUrl ||
            Boolean(errors.baseUrl || errors.tokenUrl || errors.allowedDomains) ||
            undefined
          }
        >
          <summary className="cursor-pointer text-sm font-medium text-slate-700">Advanced</summary>
          <div className="mt-4 space-y-4">
            <TextField
              label="API base URL"
              placeholder={connector.defaultBaseUrl || "https://api.example.com/v1"}
              hint={
                connector.defaultBaseUrl
                  ? `Leave empty for ${connector.defaultBaseUrl}. Set it for a regional host, a proxy or a sandbox. ${baseUrlShape(connector)}${reentryHint}`
                  : `Where the API lives: Test Connection calls it, and a destination's URL starts from it. The credential's auth is sent only to this origin and its Allowed domains.${reentryHint}`
              }
              error={errors.baseUrl?.message}
              {...form.register("baseUrl")}
            />
            {connector.usesOAuth && connector.id !== "http" ? (
              <TextField
                label="Token URL"
                placeholder="Derived from the base URL"
                hint={`Only if the OAuth token endpoint lives elsewhere.${reentryHint}`}
                error={errors.tokenUrl?.message}
                {...form.register("tokenUrl")}
              />
            ) : null}
            <TextField
              label="Allowed domains"
              placeholder="uploads.example.com, *.example.com"
              hint={`Other domains this credential's auth may be sent to, separated by commas: a host name, *.example.com for its subdomains, or an origin such as https://api.example.com:8443. Leave empty to allow only the API base URL.${reentryHint}`}
              error={errors.allowedDomains?.message}
              {...form.register("allowedDomains")}
            />
            <div className="grid grid-cols-2 gap-4">
              <TextField
                label="Rate limit (requests)"
                inputMode="numeric"
                placeholder={connector.rateLimit?.requests.toString() ?? "No limit"}
                error={errors.rateLimitRequests?.message}
                {...form.register("rateLimitRequests")}
              />
              <TextField
                label="Per (seconds)"
                inputMode="numeric"
                placeholder={connector.rateLimit?.windowSeconds.toString() ?? ""}
                error={errors.rateLimitWindowSeconds?.message}
                {...form.register("rateLimitWindowSeconds")}
              />
            </div>
          </div>
        </details>
      </fieldset>
      {test.data?.ok ? <TestResult outcome={test.data.data} /> : null}
      <div className="flex items-center justify-end gap-3">
        <Button variant="secondary" disabled={busy} onClick={() => test.mutate()}>
          {test.isPending ? "Testing…" : "Test Connection"}
        </Button>
        <Button type="submit" disabled={busy}>
          {save.isPending ? "Saving…" : existing ? "Save changes" : "Create Credential"}
        </Button>
      </div>
    </form>
  );
}
