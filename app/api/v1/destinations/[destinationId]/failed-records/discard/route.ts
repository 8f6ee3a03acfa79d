export const dynamic = "force-dynamic";
export { discardFailedRecordsRoute as POST } from "@/lib/api/v1/failed-records";
