export const dynamic = "force-dynamic";
export { planFlowsRoute as POST } from "@/lib/api/v1/flows";
