import type { DestinationConfig } from "@/lib/destinations/destination-config";

/** The one place destination query keys are made. */
export const destinationKeys = {
  all: ["destinations"] as const,
  preview: (id: string, config: DestinationConfig, count: number) =>
    ["destinations", id, "preview", count, config] as const,
};
