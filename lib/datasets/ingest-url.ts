import { getConfig } from "@/lib/config";

export function ingestUrl(datasetId: string): string {
  return `${getConfig().publicUrl}/api/v1/datasets/${datasetId}/records`;
}
