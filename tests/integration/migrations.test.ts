import { sql, type Kysely } from "kysely";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDatabase, openSqlite } from "../../db/database";
import { migrateToLatest, MigrationError, migrations } from "../../db/migrate";

const dirs: string[] = [];
function freshFile() {
  const dir = mkdtempSync(join(tmpdir(), "parley-migrate-"));
  dirs.push(dir);
  return join(dir, "nested", "folder", "parley.db");
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function tableNames(db: Kysely<any>): Promise<string[]> {
  const result = await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(db);
  return result.rows.map((r) => r.name);
}

describe("migrations", () => {
  it("build the whole schema on a fresh file, creating its folder", async () => {
    const file = freshFile();
    const db = createDatabase(file);
    const applied = await migrateToLatest(db);
    expect(applied).toEqual(Object.keys(migrations).map((name) => `${name}: Success`));
    expect(existsSync(file)).toBe(true);
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
    const db = createDatabase(freshFile());
    await migrateToLatest(db);
    expect(await migrateToLatest(db)).toEqual([]);
    await db.destroy();
  });

  it("open the file in WAL mode with foreign keys enforced", () => {
    const sqlite = openSqlite(freshFile());
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(sqlite.pragma("busy_timeout", { simple: true })).toBe(5000);
    expect(sqlite.pragma("synchronous", { simple: true })).toBe(1); // NORMAL
    sqlite.close();
  });

  it("leave the database as it was when a migration fails, and say which one", async () => {
    const db = createDatabase(freshFile());
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
