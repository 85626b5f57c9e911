import { sql, type Kysely } from "kysely";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDatabase, dialectOf, openSqlite } from "../../db/database";
import { migrateToLatest, MigrationError, migrations } from "../../db/migrate";
import { createTestDatabaseUrl, testDialect, type EmptyTestDatabase } from "../support/test-db";

const dirs: string[] = [];
const databases: EmptyTestDatabase[] = [];
/** An empty database of the test dialect; on SQLite a file in a folder that does not exist yet. */
async function freshDatabase(): Promise<string> {
  if (testDialect() === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "parley-migrate-"));
    dirs.push(dir);
    return join(dir, "nested", "folder", "parley.db");
  }
  const database = await createTestDatabaseUrl({ migrated: false });
  databases.push(database);
  return database.databaseUrl;
}
afterEach(async () => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  for (const database of databases.splice(0)) await database.drop();
});

async function tableNames(db: Kysely<any>): Promise<string[]> {
  const result =
    dialectOf(db) === "postgres"
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(db);
  return result.rows.map((r) => r.name);
}

describe(`migrations (${testDialect()})`, () => {
  it("build the whole schema on a fresh database (on SQLite a file, creating its folder)", async () => {
    const url = await freshDatabase();
    const db = createDatabase(url);
    const applied = await migrateToLatest(db);
    expect(applied).toEqual(Object.keys(migrations).map((name) => `${name}: Success`));
    if (testDialect() === "sqlite") expect(existsSync(url)).toBe(true);
    expect(await tableNames(db)).toEqual(
      expect.arrayContaining([
        "user",
        "session",
        "category",
        "article",
        "article_category",
        "comment",
        "comment_like",
        "comment_report",
        "moderation_action",
        "terms_rule",
        "notification",
        "setting",
      ]),
    );
    await db.destroy();
  });

  it("do nothing the second time", async () => {
    const db = createDatabase(await freshDatabase());
    await migrateToLatest(db);
    expect(await migrateToLatest(db)).toEqual([]);
    await db.destroy();
  });

  it.skipIf(testDialect() !== "sqlite")("open a SQLite file in WAL mode with foreign keys enforced (SQLite file pragmas only)", async () => {
    const sqlite = openSqlite(await freshDatabase());
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(sqlite.pragma("busy_timeout", { simple: true })).toBe(5000);
    expect(sqlite.pragma("synchronous", { simple: true })).toBe(1); // NORMAL
    sqlite.close();
  });

  it("leave the database as it was when a migration fails, and say which one", async () => {
    const db = createDatabase(await freshDatabase());
    const broken = {
      ...migrations,
      "9999-broken": {
        async up(trx: Kysely<any>) {
          await trx.schema.createTable("half_done").addColumn("id", "integer").execute();
          await sql`select * from a_table_that_does_not_exist`.execute(trx);
        },
      },
    };
    const failure = await migrateToLatest(db, broken).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as MigrationError).message).toMatch(/9999-broken failed: .*a_table_that_does_not_exist/);
    expect((failure as MigrationError).message).toMatch(/left as it was/);
    // nothing of the failed run stays: not the earlier migrations of the same run, not the half-made table
    expect(await tableNames(db)).not.toContain("half_done");
    expect(await tableNames(db)).not.toContain("article");
    await db.destroy();
  });
});
