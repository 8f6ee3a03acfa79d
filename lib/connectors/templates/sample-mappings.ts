/**
 * Test fixtures: a mapping of Outflow's one-click sample dataset (lib/datasets/sample-records.ts)
 * for every endpoint template, as a user would set it in the mapping editor, with the settings
 * each template needs. Golden tests and the end-to-end delivery tests share them.
 */
import type { Mapping, MappingRow } from "@/lib/mapping/types";

const field = (target: string, path: string, transforms: MappingRow["transforms"] = []): MappingRow => ({
  target,
  source: { kind: "field", path },
  transforms,
});
const constant = (target: string, value: string): MappingRow => ({
  target,
  source: { kind: "constant", value },
  transforms: [],
});
const expression = (target: string, source: string): MappingRow => ({
  target,
  source: { kind: "expression", expression: source },
  transforms: [],
});

export type SampleMapping = { settings: Record<string, unknown>; mapping: Mapping };

export const SAMPLE_MAPPINGS: Record<string, Record<string, SampleMapping>> = {
  hotjar: {
    "user-lookup": {
      settings: { organization_id: "1234567" },
      mapping: { rows: [field("data_subject_email", "email")], rest: null },
    },
  },
  hightouch: {
    "create-source": {
      settings: {},
      mapping: {
        rows: [
          expression("name", '"Source for " & uid'),
          expression("slug", '"source-" & $substringAfter(uid, "_") & "-" & $string($count(properties.*))'),
          constant("type", "postgres"),
          expression("configuration", '{"host": "db.example.com", "database": user.plan}'),
        ],
        rest: null,
      },
    },
    "create-model": {
      settings: {},
      mapping: {
        rows: [
          expression("name", '"Events of " & uid'),
          expression("slug", '"model-" & $substringAfter(uid, "_")'),
          constant("sourceId", "42"),
          constant("queryType", "raw_sql"),
          constant("primaryKey", "id"),
          constant("isSchema", "false"),
          expression("raw", '{"sql": "select * from events where uid = \'" & uid & "\'"}'),
        ],
        rest: null,
      },
    },
    "trigger-sync": {
      settings: { sync_id: "12345" },
      mapping: { rows: [field("fullResync", "marketing_opt_in")], rest: null },
    },
  },
  fullstory: {
    "create-or-update-user": {
      settings: {},
      mapping: {
        rows: [
          field("uid", "uid"),
          expression("display_name", 'user.first_name & " " & user.last_name'),
          field("email", "email"),
          field("properties.plan", "user.plan"),
          field("properties.country", "user.country"),
        ],
        rest: null,
      },
    },
    "delete-user": { settings: {}, mapping: { rows: [field("uid", "uid")], rest: null } },
    "batch-create-users": {
      settings: {},
      mapping: {
        rows: [field("uid", "uid"), field("email", "email")],
        rest: { target: "properties", from: "user" },
      },
    },
    "create-event": {
      settings: {},
      mapping: {
        rows: [field("name", "event_type"), field("timestamp", "occurred_at"), field("user.uid", "uid")],
        rest: { target: "properties" },
      },
    },
    "create-batch-events-import-job": {
      settings: {},
      mapping: {
        rows: [field("name", "event_type"), field("timestamp", "occurred_at"), field("user.uid", "uid")],
        rest: null,
      },
    },
    "create-webhook-endpoint": {
      settings: {},
      mapping: {
        rows: [
          expression("url", '"https://hooks.example.com/" & uid'),
          expression("event_types", '[{"event_name": "recording.event.custom", "subcategory": event_type}]'),
          constant("secret", "signing-secret"),
        ],
        rest: null,
      },
    },
    "update-webhook-endpoint": {
      settings: { id: "wh_1" },
      mapping: { rows: [field("enabled", "marketing_opt_in")], rest: null },
    },
    "delete-webhook-endpoint": { settings: { id: "wh_1" }, mapping: { rows: [], rest: null } },
  },
  hubspot: {
    "identify-contacts": {
      settings: {},
      mapping: {
        rows: [
          field("email", "email"),
          field("properties.firstname", "user.first_name"),
          field("properties.lastname", "user.last_name"),
        ],
        rest: { target: "properties", from: "user" },
      },
    },
    "custom-behavioral-events": {
      settings: { hub_id: "2519445" },
      mapping: {
        rows: [
          field("eventName", "event_type"),
          field("email", "email"),
          field("occurredAt", "occurred_at"),
          field("properties.page", "properties.page"),
        ],
        rest: null,
      },
    },
    "event-stream": {
      settings: { hub_id: "2519445" },
      mapping: {
        rows: [field("email", "email"), field("eventName", "event_type"), field("occurredAt", "occurred_at")],
        rest: { target: "properties", from: "user" },
      },
    },
  },
};
