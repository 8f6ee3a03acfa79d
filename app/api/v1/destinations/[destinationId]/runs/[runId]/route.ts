export const dynamic = "force-dynamic";
export { getRunRoute as GET } from "@/lib/api/v1/destinations";
