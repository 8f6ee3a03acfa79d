export const dynamic = "force-dynamic";
export { listVersionsRoute as GET } from "@/lib/api/v1/destinations";
