export const dynamic = "force-dynamic";
export { datasetRecordsRoute as GET } from "@/lib/api/v1/datasets";
