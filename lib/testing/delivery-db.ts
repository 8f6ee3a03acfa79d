export { requireDatabaseUrl as requireDatabaseUrlForTests } from "@/lib/config";
export { db, disconnectDb } from "@/lib/db/client";
