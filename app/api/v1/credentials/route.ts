export const dynamic = "force-dynamic";
export { createCredentialRoute as POST, listCredentialsRoute as GET } from "@/lib/api/v1/credentials";
