import { createDatabase, resolveDatabaseUrl } from "./database";
import { migrateToLatest, MigrationError } from "./migrate";

const db = createDatabase();
try {
  const applied = await migrateToLatest(db);
  console.log(
    applied.length
      ? `Applied ${applied.length} migration(s) to ${resolveDatabaseUrl()}:\n  ${applied.join("\n  ")}`
      : `${resolveDatabaseUrl()} is up to date.`,
  );
} catch (error) {
  console.error(error instanceof MigrationError ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
