/**
 * application/x-www-form-urlencoded bodies, one record per request. Nested values use the bracket
 * convention most form parsers read (Rack, PHP, qs): `user[email]=…`, arrays `tags[0]=…`; null is
 * an empty value. Encoding is URLSearchParams' (spaces as `+`), as browsers encode forms.
 */
import { isPlainObject } from "./record-path";

export function serializeForm(item: unknown): string {
  const form = new URLSearchParams();
  const walk = (value: unknown, name: string): void => {
    if (Array.isArray(value)) {
      value.forEach((child, index) => {
        walk(child, `${name}[${index}]`);
      });
    } else if (isPlainObject(value)) {
      for (const [key, child] of Object.entries(value)) walk(child, `${name}[${key}]`);
    } else {
      form.append(name, value === null || value === undefined ? "" : String(value));
    }
  };
  if (isPlainObject(item)) for (const [key, value] of Object.entries(item)) walk(value, key);
  else walk(item, "value");
  return form.toString();
}
