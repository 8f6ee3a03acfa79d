export const dynamic = "force-dynamic";
export { destinationConfigRoute as GET } from "@/lib/api/v1/destinations";
