export const dynamic = "force-dynamic";
export { deleteInspectorRoute as DELETE } from "@/lib/api/v1/inspectors";
