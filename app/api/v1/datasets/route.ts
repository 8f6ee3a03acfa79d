// Token-authenticated (lib/api/route.ts); every call is answered afresh.
export const dynamic = "force-dynamic";
export { createDatasetRoute as POST, listDatasetsRoute as GET } from "@/lib/api/v1/datasets";
