export const dynamic = "force-dynamic";
export { listRunsRoute as GET } from "@/lib/api/v1/destinations";
