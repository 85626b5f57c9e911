import type { Kysely } from "kysely";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabase } from "../../db/database";
import { migrateToLatest } from "../../db/migrate";
import type { Database } from "../../db/schema";

export interface TestDatabase {
  db: Kysely<Database>;
  /** The SQLite file, for code that opens its own connection (a CLI, a second handle). */
  databaseUrl: string;
  /** Closes the handle and deletes the file. */
  close(): Promise<void>;
}

/** A fresh SQLite file in a temporary folder, migrated to the latest schema; no build, no server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), "parley-db-test-"));
  const databaseUrl = join(dir, "test.db");
  const db = createDatabase(databaseUrl);
  await migrateToLatest(db);
  return {
    db,
    databaseUrl,
    async close() {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
