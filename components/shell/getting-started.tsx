const STEPS = [
  {
    title: "Add a dataset",
    body: "Upload a JSON, NDJSON or CSV file, or post records to the dataset's ingest endpoint. Outflow infers its fields.",
  },
  {
    title: "Create a credential",
    body: "Pick a connector (Hotjar, Hightouch, FullStory, HubSpot or any HTTP API), enter its keys and run Test Connection.",
  },
  {
    title: "Send to Destination",
    body: "From the dataset, choose an endpoint, check the Sample Payload, Send Test Data, then Activate.",
  },
] as const;

/** The path to a first flow, shown while the workspace has nothing in it yet. */
export function GettingStarted() {
  return (
    <ol className="grid gap-4 md:grid-cols-3">
      {STEPS.map((step, index) => (
        <li key={step.title} className="rounded-lg border border-slate-200 bg-white p-5">
          <span className="flex size-7 items-center justify-center rounded-full bg-brand-50 text-sm font-semibold text-brand-700">
            {index + 1}
          </span>
          <h3 className="mt-3 font-semibold text-slate-900">{step.title}</h3>
          <p className="mt-1 text-sm leading-6 text-slate-600">{step.body}</p>
        </li>
      ))}
    </ol>
  );
}
