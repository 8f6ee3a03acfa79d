export const dynamic = "force-dynamic";
export { listCapturedRequestsRoute as GET } from "@/lib/api/v1/inspectors";
