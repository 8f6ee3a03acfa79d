import path from "node:path";
import { prepareDatabase } from "../lib/db/prepare-database";
import { projectRoot, runCli, withDatabase } from "./with-database";

// Applies pending migrations from prisma/migrations (`npm run db:migrate`).
runCli(async () => {
  await withDatabase((databaseUrl) =>
    prepareDatabase(databaseUrl, {
      migrationsDir: path.join(projectRoot, "prisma", "migrations"),
      schemaPath: path.join(projectRoot, "prisma", "schema.prisma"),
      log: console.log,
    }),
  );
});
