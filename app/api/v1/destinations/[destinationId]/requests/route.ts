export const dynamic = "force-dynamic";
export { listRequestsRoute as GET } from "@/lib/api/v1/requests";
