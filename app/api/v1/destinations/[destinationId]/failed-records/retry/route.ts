export const dynamic = "force-dynamic";
export { retryFailedRecordsRoute as POST } from "@/lib/api/v1/failed-records";
