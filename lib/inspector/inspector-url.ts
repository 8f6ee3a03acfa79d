import { getConfig } from "@/lib/config";

/** The public URL that records requests for one inspector. */
export function inspectorUrl(binId: string): string {
  return `${getConfig().publicUrl}/api/inspect/${binId}`;
}
