"use client";

import { MappingEditor } from "@/components/mapping/mapping-editor";
import { Button } from "@/components/ui/button";
import type { TemplateView } from "@/lib/connectors/connector-view";
import { joinUrl } from "@/lib/connectors/request-helpers";
import type { SchemaField } from "@/lib/datasets/schema/infer-schema";
import { suggestMapping } from "@/lib/mapping/suggest-mapping";
import { configFromTemplate } from "@/lib/payload/template-defaults";
import type { EndpointConfig } from "@/lib/payload/types";
import { Field } from "./field";
import { HeadersEditor } from "./headers-editor";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
/** The content formats, as the form and the review step name them. */
export const CONTENT_FORMATS = [
  { value: "json", label: "JSON" },
  { value: "ndjson", label: "NDJSON" },
  { value: "csv", label: "CSV" },
  { value: "xml", label: "XML" },
  { value: "form", label: "Form (URL-encoded)" },
  { value: "text", label: "Plain text (template)" },
] as const;
const MANUAL = "__manual__";

type Props = {
  endpoint: EndpointConfig;
  templates: TemplateView[];
  baseUrl: string;
  schemaFields: SchemaField[];
  /** Template settings the chosen credential already knows (HubSpot's Hub ID), prefilled on every choice. */
  prefill: (settings: Record<string, unknown>) => Record<string, unknown>;
  errors: Record<string, string>;
  onChange: (endpoint: EndpointConfig) => void;
};

export function EndpointForm({
  endpoint,
  templates,
  baseUrl,
  schemaFields,
  prefill,
  errors,
  onChange,
}: Props) {
  const schemaPaths = schemaFields.map((field) => field.path);
  const set = (patch: Partial<EndpointConfig>) => onChange({ ...endpoint, ...patch });
  const template =
    endpoint.mode === "template" ? templates.find((t) => t.id === endpoint.templateId) : undefined;
  const batchable = template ? template.batching.maxSize > 1 : endpoint.contentFormat !== "form";
  const maxSize = template?.batching.maxSize;

  function chooseEndpoint(value: string) {
    const chosen = templates.find((t) => t.id === value);
    if (chosen)
      onChange({
        ...configFromTemplate(endpoint.connectorId, chosen, baseUrl, prefill({}), schemaFields),
        headers: endpoint.headers,
        excludeAttributes: endpoint.excludeAttributes,
      });
    else
      set({
        mode: "manual",
        templateId: undefined,
        url: endpoint.mode === "manual" ? endpoint.url : baseUrl,
      });
  }

  return (
    <div className="space-y-5">
      <Field
        label="Endpoint"
        error={errors.templateId}
        hint={
          template
            ? `${template.description}${template.modelNote ? ` ${template.modelNote}` : ""}`
            : undefined
        }
      >
        {(props) => (
          <select
            {...props}
            value={endpoint.mode === "template" ? (endpoint.templateId ?? "") : MANUAL}
            onChange={(e) => chooseEndpoint(e.target.value)}
          >
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
            <option value={MANUAL}>Configure Manually</option>
          </select>
        )}
      </Field>

      {template ? (
        <>
          <p className="rounded bg-slate-50 px-3 py-2 font-mono text-xs text-slate-700">
            {template.method} {joinUrl(baseUrl, template.path)}
          </p>
          {template.params.map((param) =>
            param.kind === "checkbox" ? (
              <div key={param.name}>
                <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
                  <input
                    type="checkbox"
                    checked={endpoint.templateSettings?.[param.name] === true}
                    onChange={(e) =>
                      set({
                        templateSettings: { ...endpoint.templateSettings, [param.name]: e.target.checked },
                      })
                    }
                  />
                  {param.label}
                </label>
                <p className="mt-1 pl-6 text-sm text-slate-500">{param.help}</p>
              </div>
            ) : (
              <Field
                key={param.name}
                label={param.label}
                error={errors[`templateSettings.${param.name}`]}
                hint={param.help}
              >
                {(props) => (
                  <input
                    {...props}
                    placeholder={param.placeholder}
                    value={String(endpoint.templateSettings?.[param.name] ?? "")}
                    onChange={(e) =>
                      set({
                        templateSettings: { ...endpoint.templateSettings, [param.name]: e.target.value },
                      })
                    }
                  />
                )}
              </Field>
            ),
          )}
          {endpoint.mapping ? (
            <MappingEditor
              targets={template.targets}
              mapping={endpoint.mapping}
              fields={schemaFields}
              errors={errors}
              onChange={(mapping) => set({ mapping })}
            />
          ) : template.targets.length > 0 ? (
            <div className="rounded-md border border-slate-200 p-3 text-sm text-slate-600">
              <p>Each request field is filled from the record field of the same name.</p>
              <Button
                variant="secondary"
                className="mt-2"
                onClick={() => set({ mapping: suggestMapping(template.targets, schemaFields) })}
              >
                Map fields
              </Button>
            </div>
          ) : null}
        </>
      ) : (
        <>
          <div className="grid grid-cols-[8rem_1fr] gap-3">
            <Field label="Method" error={errors.method}>
              {(props) => (
                <select
                  {...props}
                  value={endpoint.method}
                  onChange={(e) => set({ method: e.target.value as EndpointConfig["method"] })}
                >
                  {METHODS.map((m) => (
                    <option key={m}>{m}</option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              label="URL"
              error={errors.url}
              hint="{{record.path}} inserts a record's value, URL-encoded."
            >
              {(props) => (
                <input
                  {...props}
                  value={endpoint.url}
                  onChange={(e) => set({ url: e.target.value })}
                  className={`${props.className} font-mono text-xs`}
                />
              )}
            </Field>
          </div>
          <Field label="Content Format" error={errors.contentFormat}>
            {(props) => (
              <select
                {...props}
                value={endpoint.contentFormat}
                onChange={(e) => set({ contentFormat: e.target.value as EndpointConfig["contentFormat"] })}
              >
                {CONTENT_FORMATS.map((f) => (
                  <option key={f.value} value={f.value}>
                    {f.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {endpoint.contentFormat === "xml" ? (
            <div className="grid grid-cols-2 gap-3">
              <Field label="XML root element" error={errors["xml.root"]}>
                {(props) => (
                  <input
                    {...props}
                    value={endpoint.xml?.root ?? "records"}
                    onChange={(e) =>
                      set({ xml: { item: endpoint.xml?.item ?? "record", root: e.target.value } })
                    }
                  />
                )}
              </Field>
              <Field label="XML item element" error={errors["xml.item"]}>
                {(props) => (
                  <input
                    {...props}
                    value={endpoint.xml?.item ?? "record"}
                    onChange={(e) =>
                      set({ xml: { root: endpoint.xml?.root ?? "records", item: e.target.value } })
                    }
                  />
                )}
              </Field>
            </div>
          ) : null}
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={Boolean(endpoint.mapping)}
              onChange={(e) => set({ mapping: e.target.checked ? { rows: [], rest: null } : null })}
            />
            Map fields instead of sending each record as it is
          </label>
          {endpoint.mapping ? (
            <MappingEditor
              targets={undefined}
              mapping={endpoint.mapping}
              fields={schemaFields}
              errors={errors}
              onChange={(mapping) => set({ mapping })}
            />
          ) : null}
          <Field
            label="Body template (optional)"
            error={errors.bodyTemplate}
            hint='JSON with placeholders, e.g. {"email": "{{record.email}}", "plan": {{record.user.plan}}}; with a mapping, placeholders read the mapped fields. Empty sends each record (or its mapped fields) as it is.'
          >
            {(props) => (
              <textarea
                {...props}
                rows={3}
                value={endpoint.bodyTemplate ?? ""}
                onChange={(e) => set({ bodyTemplate: e.target.value === "" ? null : e.target.value })}
                className={`${props.className} font-mono text-xs`}
              />
            )}
          </Field>
        </>
      )}

      <HeadersEditor headers={endpoint.headers} errors={errors} onChange={(headers) => set({ headers })} />

      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Exclude Attributes</legend>
        <p className="mb-2 text-sm text-slate-500">Fields left out of every request.</p>
        <div className="flex max-h-40 flex-wrap gap-x-4 gap-y-1 overflow-y-auto rounded-md border border-slate-200 p-2">
          {schemaPaths.map((path) => (
            <label key={path} className="flex items-center gap-1.5 font-mono text-xs">
              <input
                type="checkbox"
                checked={endpoint.excludeAttributes.includes(path)}
                onChange={(e) =>
                  set({
                    excludeAttributes: e.target.checked
                      ? [...endpoint.excludeAttributes, path]
                      : endpoint.excludeAttributes.filter((p) => p !== path),
                  })
                }
              />
              {path}
            </label>
          ))}
        </div>
      </fieldset>

      {batchable ? (
        <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium text-slate-700">Record Batching</legend>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={endpoint.batching.enabled}
              onChange={(e) => set({ batching: { ...endpoint.batching, enabled: e.target.checked } })}
            />
            Would you like to batch your records together?
          </label>
          {endpoint.batching.enabled ? (
            <div className="grid gap-3 sm:grid-cols-2">
              <Field
                label="Batch Size"
                error={errors["batching.size"]}
                hint={maxSize ? `At most ${maxSize.toLocaleString("en-US")} for this endpoint.` : undefined}
              >
                {(props) => (
                  <input
                    {...props}
                    inputMode="numeric"
                    value={String(endpoint.batching.size)}
                    onChange={(e) =>
                      set({ batching: { ...endpoint.batching, size: Number(e.target.value) || 0 } })
                    }
                  />
                )}
              </Field>
              <Field label="Grouping Algorithm" error={errors["batching.grouping"]}>
                {(props) => (
                  <select
                    {...props}
                    value={endpoint.batching.grouping}
                    onChange={(e) =>
                      set({
                        batching: {
                          ...endpoint.batching,
                          grouping: e.target.value as EndpointConfig["batching"]["grouping"],
                        },
                      })
                    }
                  >
                    <option value="fixed">Fixed size (consecutive records)</option>
                    <option value="attribute">By attribute</option>
                    <option value="size">By request size</option>
                  </select>
                )}
              </Field>
              {endpoint.batching.grouping === "attribute" ? (
                <Field label="Group by attribute" error={errors["batching.groupBy"]}>
                  {(props) => (
                    <select
                      {...props}
                      value={endpoint.batching.groupBy ?? ""}
                      onChange={(e) => set({ batching: { ...endpoint.batching, groupBy: e.target.value } })}
                    >
                      <option value="">Choose a field</option>
                      {schemaPaths.map((path) => (
                        <option key={path}>{path}</option>
                      ))}
                    </select>
                  )}
                </Field>
              ) : null}
              {endpoint.batching.grouping === "size" ? (
                <Field label="Maximum request size (bytes)" error={errors["batching.maxBytes"]}>
                  {(props) => (
                    <input
                      {...props}
                      inputMode="numeric"
                      value={String(endpoint.batching.maxBytes ?? 1_000_000)}
                      onChange={(e) =>
                        set({ batching: { ...endpoint.batching, maxBytes: Number(e.target.value) || 0 } })
                      }
                    />
                  )}
                </Field>
              ) : null}
              {!template && endpoint.contentFormat === "json" ? (
                <Field
                  label="Envelope key (optional)"
                  error={errors["batching.envelopeKey"]}
                  hint='Wraps the batch: {"requests": [...]}'
                >
                  {(props) => (
                    <input
                      {...props}
                      value={endpoint.batching.envelopeKey ?? ""}
                      onChange={(e) =>
                        set({ batching: { ...endpoint.batching, envelopeKey: e.target.value || null } })
                      }
                    />
                  )}
                </Field>
              ) : null}
            </div>
          ) : null}
        </fieldset>
      ) : (
        <p className="text-sm text-slate-500">
          This endpoint takes one record per request
          {endpoint.contentFormat === "form" ? ": form bodies cannot be batched" : ""}.
        </p>
      )}
    </div>
  );
}
