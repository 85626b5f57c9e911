import { sql, type Kysely } from "kysely";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copySqliteToPostgres, type CopyResult } from "../../db/copy";
import { createDatabase } from "../../db/database";
import { migrateToLatest, migrations } from "../../db/migrate";
import type { Database } from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { searchArticles } from "../../app/models/search/search.server";
import { makeComment } from "../factories";
import { createPostgresTestDatabaseUrl, postgresServerForAnyDialect, type EmptyTestDatabase } from "../support/test-db";

// npm run db:copy reads a SQLite file and writes PostgreSQL, whichever dialect the other tests use.
const server = postgresServerForAnyDialect();
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "parley-copy-"));
const dropped: EmptyTestDatabase[] = [];
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  for (const database of dropped) await database.drop();
});

let files = 0;
/** A SQLite file migrated to `upTo` migrations (all by default), with whatever `fill` writes. */
async function sqliteSource(fill: (db: Kysely<Database>) => Promise<void> = async () => {}, upTo = Object.keys(migrations).length) {
  const file = join(dir, `source-${++files}.db`);
  const db = createDatabase(file);
  try {
    await migrateToLatest(db, Object.fromEntries(Object.entries(migrations).slice(0, upTo)));
    await fill(db);
  } finally {
    await db.destroy();
  }
  return file;
}

async function emptyPostgres(): Promise<string> {
  const database = await createPostgresTestDatabaseUrl(server!, { migrated: false });
  dropped.push(database);
  return database.databaseUrl;
}

async function copyCli(...args: string[]) {
  const tsx = resolve("node_modules/.bin/tsx");
  try {
    const { stdout, stderr } = await run(tsx, ["db/copy-cli.ts", ...args], { env: { ...process.env, DATABASE_URL: "" } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/**
 * Every table a Parley SQLite file holds rows in: not SQLite's own, Kysely's, the FTS5 index and its
 * storage, the content versions or the comment events (each database keeps its own: the target's triggers fill them).
 */
async function parleyTables(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and sql not like 'CREATE VIRTUAL TABLE%'
      and name not like 'sqlite\\_%' escape '\\' and name not like 'kysely\\_%' escape '\\' and name not like 'article\\_search\\_%' escape '\\' and name not in ('content_version', 'comment_event')`.execute(db);
  return rows.map((row) => row.name).sort();
}

/** A table's rows with the given columns, in a fixed order that does not depend on either database's collation. */
async function rowsOf(db: Kysely<any>, table: string, columns: string[]): Promise<unknown[]> {
  const { rows } = await sql<Record<string, unknown>>`select ${sql.join(columns.map((c) => sql.id(c)))} from ${sql.id(table)}`.execute(db);
  return rows.map((row) => JSON.stringify(columns.map((c) => row[c]))).sort();
}

async function rowCounts(db: Kysely<any>, tables: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.id(table)}`.execute(db);
    counts[table] = Number(rows[0]!.n);
  }
  return counts;
}

const AWKWARD_TEXT = 'She said "hello", {braces}, a back\\slash, NULL, \'quotes\'\nand a new line: Ünïcødé 🎉';

/**
 * The demo seed; a reply stored long before its parent (an imported thread can be like that): the
 * first comment becomes a reply to a new one with a far larger id, so the two are in different
 * batches; and text that is hard to quote.
 */
async function demoSite(db: Kysely<Database>) {
  await seedDemo(db, { now: new Date("2026-11-22T12:00:00.000Z") });
  const model = await db.selectFrom("comment").selectAll().where("parent_id", "is", null).orderBy("id").executeTakeFirstOrThrow();
  await db.insertInto("comment").values({ ...model, id: 90_002, path: "90002" }).execute();
  await db.updateTable("comment").set({ parent_id: 90_002, root_id: 90_002, depth: 1, path: `90002.${model.id}` }).where("id", "=", model.id).execute();
  await db.updateTable("user").set({ bio: AWKWARD_TEXT }).where("id", "=", 1).execute();
  await db.updateTable("user").set({ bio: "NULL" }).where("id", "=", 2).execute();
  const at = "2026-11-22T11:00:00.000Z";
  await db.insertInto("throttle").values({ key: "login:ip:203.0.113.9", count: 3, window_started_at: at, blocked_until: null, updated_at: at }).execute();
  await db
    .insertInto("session")
    .values({ id: "ab".repeat(32), user_id: 1, created_at: at, expires_at: at, last_used_at: at, user_agent: "Firefox", ip_address: "203.0.113.9" })
    .execute();
}

describe.skipIf(!server)(server ? "npm run db:copy" : "npm run db:copy (SKIPPED: set PARLEY_TEST_POSTGRES_URL; scripts/test-postgres.sh start gives one)", () => {
  let sourceFile: string;
  let targetUrl: string;
  let result: CopyResult;
  let source: Kysely<Database>;
  let target: Kysely<Database>;

  beforeAll(async () => {
    sourceFile = await sqliteSource(demoSite);
    targetUrl = await emptyPostgres();
    result = await copySqliteToPostgres(sourceFile, targetUrl);
    source = createDatabase(sourceFile);
    target = createDatabase(targetUrl, { poolSize: 2 });
  });
  afterAll(async () => {
    await source?.destroy();
    await target?.destroy();
  });

  it("copies every table of the SQLite file, row for row with the same ids, and says how many rows each had", async () => {
    const tables = await parleyTables(source);
    expect(tables).toEqual(expect.arrayContaining(["user", "article", "comment", "comment_like", "setting", "session", "throttle"]));
    expect(result.tables.map(({ table }) => table).sort()).toEqual(tables);
    expect(result.leftOut).toEqual([]);
    const counts = await rowCounts(source, tables);
    expect(await rowCounts(target, tables)).toEqual(counts);
    expect(Object.fromEntries(result.tables.map(({ table, rows }) => [table, rows]))).toEqual(counts);
    expect(counts.comment).toBeGreaterThan(2_000);
    for (const table of tables) {
      const { rows: columns } = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(source);
      const names = columns.map((column) => column.name);
      expect(await rowsOf(target, table, names), table).toEqual(await rowsOf(source, table, names));
    }
  });

  it("keeps a reply whose parent has a larger id, and text with quotes, braces, backslashes and new lines", async () => {
    const moved = await source.selectFrom("comment").select("id").where("parent_id", "=", 90_002).executeTakeFirstOrThrow();
    expect(moved.id).toBeLessThan(1_000); // in the first batch, long before its parent's
    const reply = await target.selectFrom("comment").select(["parent_id", "root_id", "depth"]).where("id", "=", moved.id).executeTakeFirstOrThrow();
    expect(reply).toEqual({ parent_id: 90_002, root_id: 90_002, depth: 1 });
    const bios = await target.selectFrom("user").select(["id", "bio"]).where("id", "in", [1, 2]).orderBy("id").execute();
    expect(bios).toEqual([
      { id: 1, bio: AWKWARD_TEXT },
      { id: 2, bio: "NULL" },
    ]);
  });

  it("moves every identity counter past the largest copied id, so a new row gets a fresh id", async () => {
    const story = await target.selectFrom("article").select(["id"]).orderBy("id").executeTakeFirstOrThrow();
    const comment = await makeComment(target, { articleId: story.id, authorId: 1, bodySource: "Posted after the move." });
    expect(comment.id).toBe(90_003);
    const category = await target
      .insertInto("category")
      .values({ slug: "after-the-move", name: "After the move", description: "", position: 99 })
      .returning("id")
      .executeTakeFirstOrThrow();
    const { rows } = await sql<{ max: number }>`select max(id) as max from category where slug <> 'after-the-move'`.execute(target);
    expect(category.id).toBe(rows[0]!.max + 1);
  });

  it("rebuilds the search index on PostgreSQL from the copied stories", async () => {
    const stories = await target.selectFrom("article").select(["id", "headline", "status"]).orderBy("id").execute();
    expect(result.articlesIndexed).toBe(stories.length);
    const { rows } = await sql<{ n: number }>`select count(*) as n from article_search`.execute(target);
    expect(rows[0]!.n).toBe(stories.length);
    const story = stories.find((s) => s.status === "published")!;
    const word = story.headline.split(/\s+/).sort((a, b) => b.length - a.length)[0]!;
    const found = await searchArticles(target, word, { where: (eb) => eb("article.status", "=", "published") });
    expect(found.hits.map((hit) => hit.id)).toContain(story.id);
  });

  it("refuses to copy into a database that has rows, naming the table, and changes nothing", async () => {
    const tables = await parleyTables(source);
    const before = await rowCounts(target, tables);
    const answer = await copyCli("--from", sourceFile, "--to", targetUrl);
    expect(answer.code).toBe(1);
    expect(answer.stdout).toBe("");
    expect(answer.stderr.trim()).toMatch(/^PostgreSQL database "parley_test_\w+" at 127\.0\.0\.1:\d+ is not empty \(table \w+ has rows\), so nothing was copied/);
    expect(answer.stderr.trim().split("\n")).toHaveLength(1);
    expect(await rowCounts(target, tables)).toEqual(before);
  });
});

describe.skipIf(!server)("npm run db:copy refusing and failing", () => {
  it("answers a target that is not PostgreSQL, or not there, with one line and no stack trace", async () => {
    const sourceFile = await sqliteSource();
    const [notPostgres, unreachable] = await Promise.all([
      copyCli("--from", sourceFile, "--to", join(dir, "other.db")),
      copyCli("--from", sourceFile, "--to", "postgres://parley@127.0.0.1:1/parley"),
    ]);
    expect(notPostgres.code).toBe(1);
    expect(notPostgres.stderr.trim()).toMatch(/^The target \(--to\) must be a PostgreSQL URL such as postgres:\/\/.*, but it names the SQLite file .*other\.db\.$/);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr.trim()).toMatch(/^Could not open PostgreSQL database "parley" at 127\.0\.0\.1:1: nothing is listening there \(connection refused\)/);
    for (const answer of [notPostgres, unreachable]) {
      expect(answer.stderr.trim().split("\n")).toHaveLength(1);
      expect(answer.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("refuses a source that is not a Parley SQLite file before it opens the target", async () => {
    const notADatabase = join(dir, "notes.db");
    writeFileSync(notADatabase, "shopping list: bread, milk\n");
    const unreachable = "postgres://parley@127.0.0.1:1/parley";
    await expect(copySqliteToPostgres(notADatabase, unreachable)).rejects.toThrow(`The source, ${notADatabase}, is not a SQLite database.`);
    await expect(copySqliteToPostgres(join(dir, "missing.db"), unreachable)).rejects.toThrow(/^There is no SQLite file at /);
    const plainSqlite = join(dir, "plain.db");
    const db = createDatabase(plainSqlite);
    await sql`create table note (id integer primary key, body text)`.execute(db);
    await db.destroy();
    await expect(copySqliteToPostgres(plainSqlite, unreachable)).rejects.toThrow(/is not a Parley database \(it has no migrations table\)/);
  });

  it("refuses a source whose migrations are not all applied, and leaves the target untouched", async () => {
    const behind = await sqliteSource(undefined, Object.keys(migrations).length - 1);
    const targetUrl = await emptyPostgres();
    const answer = await copyCli("--from", behind, "--to", targetUrl);
    expect(answer.code).toBe(1);
    const last = Object.keys(migrations).at(-1)!;
    expect(answer.stderr.trim()).toBe(`The source, the SQLite file ${behind}, is missing migration ${last}: run "DATABASE_URL=${behind} npm run db:migrate" first, then copy.`);
    const target = createDatabase(targetUrl, { poolSize: 1 });
    const { rows } = await sql<{ n: number }>`select count(*) as n from information_schema.tables where table_schema = current_schema()`.execute(target);
    await target.destroy();
    expect(rows[0]!.n).toBe(0);
  });

  it("leaves the target empty when a row cannot be copied (the copy is one transaction)", async () => {
    const sourceFile = await sqliteSource(async (db) => {
      await seedDemo(db, { now: new Date("2026-11-22T12:00:00.000Z") });
      // SQLite keeps text that does not look like a number in an integer column; PostgreSQL will not take it.
      await sql`update comment set like_count = 'many' where id = (select max(id) from comment)`.execute(db);
    });
    const targetUrl = await emptyPostgres();
    await expect(copySqliteToPostgres(sourceFile, targetUrl)).rejects.toThrow(/^Copying table comment failed: invalid input syntax for type integer: "many"/);
    const target = createDatabase(targetUrl, { poolSize: 1 });
    const source = createDatabase(sourceFile);
    const tables = await parleyTables(source);
    await source.destroy();
    const counts = await rowCounts(target, tables);
    await target.destroy();
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
  });
});
