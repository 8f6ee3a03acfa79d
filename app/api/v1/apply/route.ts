export const dynamic = "force-dynamic";
export { applyFlowsRoute as POST } from "@/lib/api/v1/flows";
