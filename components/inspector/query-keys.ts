/** The one place the Request Inspector's query keys are written. */
export const inspectorKeys = {
  all: ["inspector"] as const,
  requests: (binId: string) => [...inspectorKeys.all, "requests", binId] as const,
};
