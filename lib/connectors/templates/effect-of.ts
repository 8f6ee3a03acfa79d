import type { EndpointTemplate, TemplateEffect } from "./types";

/** What a send does with these settings: a template may delete only when a setting says so. */
export function effectOf(
  template: Pick<EndpointTemplate, "effect" | "deletesWhen">,
  settings: Record<string, unknown>,
): TemplateEffect {
  const flag = template.deletesWhen ? settings[template.deletesWhen] : undefined;
  return flag === true || flag === "true" ? "deletes" : template.effect;
}
