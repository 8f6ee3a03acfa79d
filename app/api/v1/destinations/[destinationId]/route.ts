export const dynamic = "force-dynamic";
export { getDestinationRoute as GET } from "@/lib/api/v1/destinations";
