import type { DestinationConfig } from "@/lib/destinations/destination-config";

/** The one place destination query keys are made. */
export const destinationKeys = {
  all: ["destinations"] as const,
  /** Every preview of one destination, to refetch after what they depend on changed. */
  previews: (id: string) => ["destinations", id, "preview"] as const,
  preview: (id: string, config: DestinationConfig, count: number) =>
    ["destinations", id, "preview", count, config] as const,
};
