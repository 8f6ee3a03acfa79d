export const dynamic = "force-dynamic";
export { getRequestRoute as GET } from "@/lib/api/v1/requests";
