import { type InferredSchema, schemaFields } from "@/lib/datasets/schema/infer-schema";

function exampleText(value: unknown): string {
  if (value === undefined) return "";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

export function SchemaTable({ schema }: { schema: InferredSchema }) {
  const fields = schemaFields(schema);
  if (fields.length === 0)
    return <p className="text-sm text-slate-600">The schema appears once records arrive.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" aria-label="Schema">
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-2 font-medium">Field</th>
            <th className="px-4 py-2 font-medium">Types</th>
            <th className="px-4 py-2 text-right font-medium">Present</th>
            <th className="px-4 py-2 font-medium">Example</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => (
            <tr key={field.path} className="border-t border-slate-100">
              <td className="px-4 py-2 font-mono text-xs">{field.path}</td>
              <td className="px-4 py-2">{field.types.join(", ")}</td>
              <td className="px-4 py-2 text-right tabular-nums">{Math.round(field.presence * 100)}%</td>
              <td className="max-w-xs truncate px-4 py-2 font-mono text-xs text-slate-600">
                {exampleText(field.example)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {schema.truncated ? (
        <p className="px-4 py-2 text-xs text-slate-500">Only the first 1,000 field paths are tracked.</p>
      ) : null}
    </div>
  );
}
