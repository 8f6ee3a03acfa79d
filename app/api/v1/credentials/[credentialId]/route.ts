export const dynamic = "force-dynamic";
export { getCredentialRoute as GET, updateCredentialRoute as PUT } from "@/lib/api/v1/credentials";
