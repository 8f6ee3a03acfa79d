"use client";

import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useDeferredValue, useEffect, useRef, useState } from "react";
import {
  completeDestinationAction,
  previewAction,
  saveDestinationDraftAction,
} from "@/app/(app)/destinations/actions";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import type { ConnectorView } from "@/lib/connectors/connector-view";
import { effectOf } from "@/lib/connectors/templates/effect-of";
import type { CredentialSummary } from "@/lib/credentials/list-credentials";
import type { SchemaField } from "@/lib/datasets/schema/infer-schema";
import type { DestinationConfig } from "@/lib/destinations/destination-config";
import { describeSource } from "@/lib/mapping/describe-source";
import { CredentialStep } from "./credential-step";
import { CONTENT_FORMATS, EndpointForm } from "./endpoint-form";
import { Field } from "./field";
import { PreflightReport } from "./preflight-report";
import { destinationKeys } from "./query-keys";
import { SamplePayload } from "./sample-payload";
import { TestPanel } from "./test-panel";
import { type WizardStep, WizardSteps } from "./wizard-steps";

type Props = {
  destinationId: string;
  step: Exclude<WizardStep, "connector">;
  initialConfig: DestinationConfig;
  connector: ConnectorView;
  credentials: CredentialSummary[];
  bins: { id: string; name: string; url: string }[];
  schemaFields: SchemaField[];
  baseUrl: string;
  /** Why this role may not create a credential (editors use existing ones), or null. */
  createCredentialRefused: string | null;
};

const NEXT_STEP = { credential: "endpoint", endpoint: "review", review: null } as const;
/** How long typing pauses before the draft is saved. */
const AUTOSAVE_AFTER_MS = 800;
const PREVIOUS_STEP = { credential: null, endpoint: "credential", review: "endpoint" } as const;

/**
 * Steps 2–4 of Send to Destination. The step is in the URL; the draft is saved as the user types
 * (and on Next and Back), with the step, so a reload or a later visit resumes where they were.
 */
export function DestinationWizard({
  destinationId,
  step,
  initialConfig,
  connector,
  credentials,
  bins,
  schemaFields,
  baseUrl,
  createCredentialRefused,
}: Props) {
  const router = useRouter();
  const [config, setConfig] = useState(initialConfig);
  const [count, setCount] = useState(3);
  const deferredConfig = useDeferredValue(config);

  const preview = useQuery({
    queryKey: destinationKeys.preview(destinationId, deferredConfig, count),
    queryFn: async () => {
      const result = await previewAction({ id: destinationId, config: deferredConfig, count });
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    // On Review too: Done asks for confirmation when some records cannot be built.
    enabled: step === "endpoint" || step === "review",
    placeholderData: keepPreviousData,
    staleTime: 0,
    retry: false,
  });

  /** The autosave on its way, if any: Next and Back save after it, so their step is the one kept. */
  const savingDraft = useRef<Promise<unknown>>(Promise.resolve());
  const save = useMutation({
    mutationFn: async (next: Exclude<WizardStep, "connector">) => {
      await savingDraft.current;
      const result = await saveDestinationDraftAction({ id: destinationId, config, step: next });
      return { result, next };
    },
    onSuccess: ({ result, next }) => {
      if (result.ok) router.push(`/destinations/${destinationId}/setup?step=${next}`);
    },
  });
  const autosave = useMutation({
    mutationFn: (draft: DestinationConfig) =>
      saveDestinationDraftAction({ id: destinationId, config: draft, step }).then((result) => ({
        result,
        at: new Date(),
        config: draft,
      })),
  });
  const { mutateAsync: saveDraft } = autosave;
  const edited = useRef(false);
  useEffect(() => {
    // The configuration as the page opened it is saved already; only changes are.
    if (!edited.current) {
      edited.current = true;
      return;
    }
    const timer = window.setTimeout(() => {
      savingDraft.current = saveDraft(config).catch(() => undefined);
    }, AUTOSAVE_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [config, saveDraft]);
  const done = useMutation({
    mutationFn: () => completeDestinationAction({ id: destinationId, config }),
    onSuccess: (result) => {
      if (result.ok) router.push(`/destinations/${destinationId}`);
    },
  });

  const fieldErrors = {
    ...(preview.data?.fieldErrors ?? {}),
    ...(save.data && !save.data.result.ok ? (save.data.result.fieldErrors ?? {}) : {}),
    ...(done.data && !done.data.ok ? (done.data.fieldErrors ?? {}) : {}),
  };
  const endpointErrors = Object.fromEntries(
    Object.entries(fieldErrors).map(([key, message]) => [key.replace(/^endpoint\./, ""), message]),
  );
  const saveFailure =
    save.data && !save.data.result.ok && !save.data.result.fieldErrors ? save.data.result.error : null;
  const template = connector.templates.find((t) => t.id === config.endpoint.templateId);
  const nextStep = NEXT_STEP[step];
  // Next stays off until the step is complete: a credential chosen, an endpoint without errors.
  // and at least one request built from the dataset's records.
  const nothingBuilt =
    preview.data !== undefined &&
    Object.keys(preview.data.fieldErrors).length === 0 &&
    preview.data.requests.length === 0 &&
    preview.data.sampledRecords > 0;
  const canContinue =
    step === "credential"
      ? Boolean(connector.needsCredential ? config.credentialId : config.inspectorBinId)
      : step === "endpoint"
        ? Boolean(preview.data) && Object.keys(preview.data?.fieldErrors ?? {}).length === 0 && !nothingBuilt
        : true;
  // Records pre-flight says cannot be built: Done saves only once that is confirmed.
  const unbuildable = (preview.data?.preflight?.issues ?? []).reduce((sum, issue) => sum + issue.count, 0);
  const [acceptedUnbuildable, setAcceptedUnbuildable] = useState(false);
  const previousStep = PREVIOUS_STEP[step];

  /** Chooses the credential (or the Request Inspector's inspector) the destination sends with. */
  function select(id: string) {
    setConfig((current) => {
      if (connector.needsCredential) {
        // A manual URL still at the connector's default follows the credential's base URL.
        const chosen = credentials.find((c) => c.id === id);
        const keepUrl =
          current.endpoint.mode !== "manual" ||
          (current.endpoint.url !== "" && current.endpoint.url !== connector.defaultBaseUrl);
        const url = keepUrl ? current.endpoint.url : (chosen?.baseUrl ?? connector.defaultBaseUrl);
        const templateSettings = prefillFromCredential(
          current.endpoint.templateSettings ?? {},
          chosen?.settings ?? {},
        );
        return {
          ...current,
          credentialId: id,
          endpoint: { ...current.endpoint, url, templateSettings },
        };
      }
      const bin = bins.find((b) => b.id === id);
      return {
        ...current,
        inspectorBinId: id,
        endpoint: { ...current.endpoint, url: bin?.url ?? current.endpoint.url },
      };
    });
  }

  // The only credential (or inspector) there is is the one chosen: Next needs no extra click.
  const choices = connector.needsCredential ? credentials : bins;
  const chosen = connector.needsCredential ? config.credentialId : config.inspectorBinId;
  const only = choices.length === 1 ? choices[0]?.id : undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: select is rebuilt each render; `only` decides
  useEffect(() => {
    if (step === "credential" && !chosen && only) select(only);
  }, [step, chosen, only]);

  return (
    <div>
      <WizardSteps current={step} />
      {step === "credential" ? (
        <CredentialStep
          connector={connector}
          credentials={credentials}
          bins={bins}
          createRefused={createCredentialRefused}
          selected={connector.needsCredential ? config.credentialId : config.inspectorBinId}
          error={fieldErrors.credentialId ?? fieldErrors.inspectorBinId}
          onSelect={select}
        />
      ) : null}

      {step === "endpoint" ? (
        <div className="grid gap-6 xl:grid-cols-2">
          <div className="space-y-6 rounded-lg border border-slate-200 bg-white p-5">
            <EndpointForm
              endpoint={config.endpoint}
              templates={connector.templates}
              baseUrl={baseUrl}
              schemaFields={schemaFields}
              prefill={(settings) =>
                prefillFromCredential(
                  settings,
                  credentials.find((credential) => credential.id === config.credentialId)?.settings ?? {},
                )
              }
              errors={endpointErrors}
              onChange={(endpoint) => setConfig((current) => ({ ...current, endpoint }))}
            />
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={config.responseWebhook}
                onChange={(e) => setConfig((current) => ({ ...current, responseWebhook: e.target.checked }))}
              />
              Would you like to process the API response as a webhook source?
            </label>
          </div>
          <div className="space-y-6">
            <SamplePayload
              destinationId={destinationId}
              credentialId={config.credentialId}
              preview={preview.data}
              error={preview.error ? preview.error.message : null}
              loading={preview.isFetching}
              count={count}
              onCountChange={setCount}
            />
            <TestPanel
              destinationId={destinationId}
              config={deferredConfig}
              preview={preview.data}
              bins={bins}
              effect={template ? effectOf(template, config.endpoint.templateSettings ?? {}) : undefined}
            />
          </div>
        </div>
      ) : null}

      {step === "review" ? (
        <div className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-5">
          <Field label="Destination name" error={fieldErrors.name}>
            {(props) => (
              <input
                {...props}
                value={config.name}
                onChange={(e) => setConfig((current) => ({ ...current, name: e.target.value }))}
              />
            )}
          </Field>
          <dl className="grid grid-cols-[10rem_1fr] gap-y-1 text-sm">
            <dt className="text-slate-500">Connector</dt>
            <dd>{connector.name}</dd>
            <dt className="text-slate-500">Endpoint</dt>
            <dd>{template ? template.name : `${config.endpoint.method} ${config.endpoint.url}`}</dd>
            <dt className="text-slate-500">Content Format</dt>
            <dd>
              {CONTENT_FORMATS.find(
                (format) => format.value === (template?.contentFormat ?? config.endpoint.contentFormat),
              )?.label ?? config.endpoint.contentFormat}
            </dd>
            <dt className="text-slate-500">Batching</dt>
            <dd>
              {config.endpoint.batching.enabled
                ? `${config.endpoint.batching.size} per request (${config.endpoint.batching.grouping})`
                : "One record per request"}
            </dd>
            <dt className="text-slate-500">Mapping</dt>
            <dd>
              {config.endpoint.mapping
                ? [
                    ...config.endpoint.mapping.rows.map((row) => `${row.target} ← ${describeSource(row)}`),
                    ...(config.endpoint.mapping.rest
                      ? [`rest of record → ${config.endpoint.mapping.rest.target}`]
                      : []),
                  ].join(", ") || "Nothing mapped"
                : template
                  ? "Each field from the record field of the same name"
                  : "Each record as it is"}
            </dd>
            <dt className="text-slate-500">Excluded</dt>
            <dd>{config.endpoint.excludeAttributes.join(", ") || "Nothing"}</dd>
          </dl>
          {unbuildable > 0 && preview.data?.preflight ? (
            <div className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
              <PreflightReport preflight={preview.data.preflight} />
              <label className="flex items-center gap-2 font-medium">
                <input
                  type="checkbox"
                  checked={acceptedUnbuildable}
                  onChange={(e) => setAcceptedUnbuildable(e.target.checked)}
                />
                Save anyway: these records will go to Failed Records when the destination runs
              </label>
            </div>
          ) : null}
          <p className="text-sm text-slate-600">Done saves the destination without activating it.</p>
          <FormError
            message={done.data && !done.data.ok && !done.data.fieldErrors ? done.data.error : null}
          />
        </div>
      ) : null}

      {step === "endpoint" && nothingBuilt ? (
        <p role="alert" className="mt-4 text-sm text-red-700">
          No request can be built from this dataset's records with these settings: Next is off until the
          problems listed under Pre-flight are fixed.
        </p>
      ) : null}
      <FormError message={saveFailure} />
      <DraftStatus
        saving={autosave.isPending}
        saved={autosave.data}
        current={config}
        opened={initialConfig}
      />
      <div className="mt-6 flex justify-between">
        {previousStep ? (
          <Button variant="secondary" disabled={save.isPending} onClick={() => save.mutate(previousStep)}>
            Back
          </Button>
        ) : (
          <span />
        )}
        {nextStep ? (
          <Button disabled={save.isPending || !canContinue} onClick={() => save.mutate(nextStep)}>
            Next
          </Button>
        ) : (
          <Button
            disabled={done.isPending || (unbuildable > 0 && !acceptedUnbuildable)}
            onClick={() => done.mutate()}
          >
            Done
          </Button>
        )}
      </div>
    </div>
  );
}

/** Whether what was typed is kept: changes not saved yet, the last autosave's time, or why it failed. */
function DraftStatus({
  saving,
  saved,
  current,
  opened,
}: {
  saving: boolean;
  saved: { result: { ok: boolean; error?: string }; at: Date; config: DestinationConfig } | undefined;
  current: DestinationConfig;
  /** The configuration as the page opened it: saved already. */
  opened: DestinationConfig;
}) {
  const text = saving
    ? "Saving draft…"
    : !saved
      ? current === opened
        ? null
        : "Unsaved changes"
      : saved.config !== current
        ? "Unsaved changes"
        : saved.result.ok
          ? `Draft saved at ${saved.at.toISOString().slice(11, 19)} UTC`
          : `Draft not saved: ${saved.result.error ?? "try again"}`;
  return (
    <p role="status" aria-label="Draft" className="mt-4 min-h-5 text-right text-xs text-slate-500">
      {text}
    </p>
  );
}

/** Template settings the credential already knows (HubSpot's Hub ID, Hotjar's Organization ID). */
const SETTINGS_FROM_CREDENTIAL: Record<string, string> = {
  hub_id: "hubId",
  organization_id: "organizationId",
};

function prefillFromCredential(
  settings: Record<string, unknown>,
  credentialSettings: Record<string, string>,
) {
  const filled = { ...settings };
  for (const [setting, field] of Object.entries(SETTINGS_FROM_CREDENTIAL)) {
    if (!filled[setting] && credentialSettings[field]) filled[setting] = credentialSettings[field];
  }
  return filled;
}
