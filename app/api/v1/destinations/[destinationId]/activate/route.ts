export const dynamic = "force-dynamic";
export { activateDestinationRoute as POST } from "@/lib/api/v1/destinations";
