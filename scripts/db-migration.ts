import path from "node:path";
import { createMigration } from "../lib/db/migrate";
import { projectRoot, runCli, withDatabase } from "./with-database";

// Creates a migration from the changes in prisma/schema.prisma (`npm run db:migration -- <name>`).
runCli(async () => {
  const name = process.argv[2];
  if (!name || name.startsWith("-")) {
    throw new Error(
      "Usage: npm run db:migration -- <name>   (e.g. npm run db:migration -- add_datasets)\n" +
        "The name describes the change; it becomes prisma/migrations/<timestamp>_<name>.",
    );
  }
  await withDatabase((databaseUrl) =>
    createMigration(databaseUrl, name, {
      migrationsDir: path.join(projectRoot, "prisma", "migrations"),
      schemaPath: path.join(projectRoot, "prisma", "schema.prisma"),
      log: console.log,
    }),
  );
});
