export const dynamic = "force-dynamic";
export { editFailedRecordRoute as PUT } from "@/lib/api/v1/failed-records";
