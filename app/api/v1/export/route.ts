export const dynamic = "force-dynamic";
export { exportFlowsRoute as GET } from "@/lib/api/v1/flows";
