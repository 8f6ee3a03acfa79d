export const dynamic = "force-dynamic";
export { listFailedRecordsRoute as GET } from "@/lib/api/v1/failed-records";
