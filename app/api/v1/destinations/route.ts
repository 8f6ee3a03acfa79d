export const dynamic = "force-dynamic";
export { listDestinationsRoute as GET } from "@/lib/api/v1/destinations";
