export const dynamic = "force-dynamic";
export { createInspectorRoute as POST, listInspectorsRoute as GET } from "@/lib/api/v1/inspectors";
