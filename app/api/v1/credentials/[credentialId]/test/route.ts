export const dynamic = "force-dynamic";
export { testCredentialRoute as POST } from "@/lib/api/v1/credentials";
