export const dynamic = "force-dynamic";
export { datasetSchemaRoute as GET } from "@/lib/api/v1/datasets";
