export const dynamic = "force-dynamic";
export { versionChangesRoute as GET } from "@/lib/api/v1/destinations";
