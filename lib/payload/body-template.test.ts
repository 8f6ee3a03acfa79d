import { describe, expect, it } from "vitest";
import { compileJsonTemplate, renderTextTemplate } from "./body-template";

const record = { n: 42, name: 'Ann "the" <dev>', tags: ["x"], user: { email: "a@x.io" }, flag: false };

describe("compileJsonTemplate", () => {
  it("inserts bare and whole-string placeholders as typed values; missing becomes null", () => {
    const template = compileJsonTemplate(
      '{"n": {{record.n}}, "quoted": "{{record.n}}", "tags": {{ record.tags }}, "flag": {{record.flag}}, "gone": {{record.missing}}, "who": {{record.user}}}',
    );
    expect(JSON.stringify(template.render(record))).toBe(
      '{"n":42,"quoted":42,"tags":["x"],"flag":false,"gone":null,"who":{"email":"a@x.io"}}',
    );
  });

  it("pastes placeholders inside longer strings as text, escaped by JSON", () => {
    const template = compileJsonTemplate(
      '{"greeting": "Hi {{record.name}} ({{record.n}}){{record.missing}}"}',
    );
    expect(JSON.stringify(template.render(record))).toBe('{"greeting":"Hi Ann \\"the\\" <dev> (42)"}');
  });

  it("supports the whole record, nested paths and arrays of placeholders", () => {
    const template = compileJsonTemplate('{"data": {{record}}, "list": [{{record.user.email}}, 1]}');
    expect(template.render({ user: { email: "e" } })).toEqual({
      data: { user: { email: "e" } },
      list: ["e", 1],
    });
  });

  it("throws on a template that is not JSON", () => {
    expect(() => compileJsonTemplate('{"a": {{record.a}')).toThrow(SyntaxError);
  });
});

describe("renderTextTemplate", () => {
  it("pastes strings as they are and other values as JSON", () => {
    expect(renderTextTemplate("{{record.name}} has {{record.tags}} and {{record.nope}}!", record)).toBe(
      'Ann "the" <dev> has ["x"] and !',
    );
  });
});
