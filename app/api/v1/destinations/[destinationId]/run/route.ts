export const dynamic = "force-dynamic";
export { runDestinationRoute as POST } from "@/lib/api/v1/destinations";
