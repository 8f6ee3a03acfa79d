export const dynamic = "force-dynamic";
export { createDestinationRoute as POST, listDestinationsRoute as GET } from "@/lib/api/v1/destinations";
