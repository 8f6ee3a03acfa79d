const STEPS = [
  { id: "connector", label: "Connector" },
  { id: "credential", label: "Credential" },
  { id: "endpoint", label: "Endpoint" },
  { id: "review", label: "Review" },
] as const;

export type WizardStep = (typeof STEPS)[number]["id"];

export function WizardSteps({ current }: { current: WizardStep }) {
  const index = STEPS.findIndex((step) => step.id === current);
  return (
    <ol aria-label="Steps" className="mb-6 flex flex-wrap gap-2 text-sm">
      {STEPS.map((step, i) => (
        <li
          key={step.id}
          aria-current={i === index ? "step" : undefined}
          className={`flex items-center gap-2 rounded-full px-3 py-1 ${
            i === index
              ? "bg-brand-600 text-white"
              : i < index
                ? "bg-brand-50 text-brand-700"
                : "bg-slate-100 text-slate-500"
          }`}
        >
          <span className="font-semibold">{i + 1}</span> {step.label}
        </li>
      ))}
    </ol>
  );
}
