import { describe, expect, it } from "vitest";
import { findTemplate } from "@/lib/connectors/templates/find-template";
import { eventTargets, userTargets } from "@/lib/connectors/templates/fullstory-targets";
import type { SchemaField } from "@/lib/datasets/schema/infer-schema";
import { matchScore, normaliseName, rankFields, suggestMapping } from "./suggest-mapping";
import type { TargetField } from "./types";

const field = (path: string, types: SchemaField["types"] = ["string"], presence = 1): SchemaField => ({
  path,
  types,
  present: Math.round(presence * 100),
  presence,
});
const target = (path: string, type: TargetField["type"] = "string"): TargetField => ({
  path,
  type,
  required: false,
  description: "x",
});

describe("suggestion ranking", () => {
  it("normalises case and separators", () => {
    expect(normaliseName("Event_Type")).toBe("eventtype");
    expect(normaliseName("event-type")).toBe("eventtype");
    expect(normaliseName("eventType")).toBe("eventtype");
  });

  it("ranks exact over case-insensitive over the last segment over synonyms", () => {
    const email = target("email");
    const ranked = rankFields(email, [
      field("contact_email_address"),
      field("data_subject_email"),
      field("user.email"),
      field("EMAIL"),
      field("email"),
    ]);
    expect(ranked.map((f) => f.path)).toEqual(["email", "EMAIL", "user.email", "data_subject_email"]);
  });

  it("prefers the field more records have among equal names", () => {
    const ranked = rankFields(target("uid"), [
      field("a.uid", ["string"], 0.2),
      field("b.uid", ["string"], 0.9),
    ]);
    expect(ranked[0]?.path).toBe("b.uid");
  });

  it("never suggests a field of an incompatible type or inside a list", () => {
    expect(matchScore(target("email"), field("email", ["object"]))).toBe(0);
    expect(matchScore(target("email"), field("emails[]"))).toBe(0);
    expect(matchScore(target("timestamp", "datetime"), field("timestamp", ["integer"]))).toBeGreaterThan(0);
  });

  it("knows the synonyms of the APIs' names", () => {
    expect(rankFields(target("data_subject_email"), [field("email")])[0]?.path).toBe("email");
    expect(rankFields(target("name"), [field("event_type")])[0]?.path).toBe("event_type");
    expect(rankFields(target("eventName"), [field("event_type")])[0]?.path).toBe("event_type");
    expect(rankFields(target("user.uid"), [field("user_id")])[0]?.path).toBe("user_id");
    expect(rankFields(target("occurredAt", "datetime"), [field("created_at")])[0]?.path).toBe("created_at");
  });
});

describe("suggestMapping", () => {
  const sample = [
    field("uid"),
    field("email"),
    field("event_type"),
    field("occurred_at"),
    field("user", ["object"]),
    field("user.first_name"),
    field("properties", ["object"]),
    field("properties.page"),
  ];

  it("maps the sample dataset to FullStory Create Event, marked as suggested, the rest into properties", () => {
    expect(suggestMapping(eventTargets, sample)).toEqual({
      rows: [
        { target: "name", source: { kind: "field", path: "event_type" }, transforms: [], suggested: true },
        {
          target: "timestamp",
          source: { kind: "field", path: "occurred_at" },
          transforms: [],
          suggested: true,
        },
        { target: "user.uid", source: { kind: "field", path: "uid" }, transforms: [], suggested: true },
      ],
      rest: { target: "properties" },
    });
  });

  it("suggests one target of a group only: the better match", () => {
    const mapping = suggestMapping(eventTargets, [field("name"), field("user.id"), field("user_id")]);
    const identity = mapping.rows.filter((row) => ["user.uid", "user.id", "session.id"].includes(row.target));
    expect(identity).toEqual([
      { target: "user.id", source: { kind: "field", path: "user.id" }, transforms: [], suggested: true },
    ]);
  });

  it("maps user fields by name", () => {
    const rows = suggestMapping(userTargets, [field("uid"), field("email"), field("full_name")]).rows;
    expect(rows.map((row) => [row.target, row.source.kind === "field" ? row.source.path : ""])).toEqual([
      ["uid", "uid"],
      ["display_name", "full_name"],
      ["email", "email"],
    ]);
  });

  it("sends the rest of a person's fields to HubSpot contact properties, and none to event properties", () => {
    const contacts = findTemplate("hubspot", "identify-contacts")?.targets ?? [];
    expect(suggestMapping(contacts, sample)).toEqual({
      rows: [{ target: "email", source: { kind: "field", path: "email" }, transforms: [], suggested: true }],
      rest: { target: "properties", from: "user" },
    });
    const events = findTemplate("hubspot", "custom-behavioral-events")?.targets ?? [];
    const suggested = suggestMapping(events, sample);
    expect(suggested.rest).toBeNull();
    expect(suggested.rows.map((row) => row.target)).toEqual(["eventName", "occurredAt", "email"]);
  });
});
