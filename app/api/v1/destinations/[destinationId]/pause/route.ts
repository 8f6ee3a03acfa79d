export const dynamic = "force-dynamic";
export { pauseDestinationRoute as POST } from "@/lib/api/v1/destinations";
