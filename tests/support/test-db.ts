import type { Kysely } from "kysely";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll } from "vitest";
import { createDatabase, type Dialect } from "../../db/database";
import { migrateToLatest, migrations } from "../../db/migrate";
import type { Database } from "../../db/schema";

/**
 * Which database the tests run on. PARLEY_TEST_DATABASE=postgres (with PARLEY_TEST_POSTGRES_URL naming
 * a server where the user may create databases; scripts/test-postgres.sh starts a throwaway one) runs
 * every database and HTTP test against PostgreSQL; anything else runs them on SQLite files.
 */
export function testDialect(): Dialect {
  return process.env.PARLEY_TEST_DATABASE === "postgres" ? "postgres" : "sqlite";
}

export interface TestDatabase {
  db: Kysely<Database>;
  /** The SQLite file or the PostgreSQL URL, for code that opens its own connection (a CLI, a second handle). */
  databaseUrl: string;
  dialect: Dialect;
  /** Closes the handle and deletes the file or drops the database. */
  close(): Promise<void>;
}

export interface EmptyTestDatabase {
  databaseUrl: string;
  dialect: Dialect;
  drop(): Promise<void>;
}

/** A fresh database of the test dialect, migrated to the latest schema; no build, no server. */
export async function createTestDatabase(options: { poolSize?: number } = {}): Promise<TestDatabase> {
  const fresh = await createTestDatabaseUrl();
  const db = createDatabase(fresh.databaseUrl, { poolSize: options.poolSize });
  if (fresh.dialect === "sqlite") await migrateToLatest(db);
  return {
    db,
    databaseUrl: fresh.databaseUrl,
    dialect: fresh.dialect,
    async close() {
      await db.destroy();
      await fresh.drop();
    },
  };
}

/**
 * For a file that needs several databases: each call of the function returned gives a fresh migrated
 * database of the test dialect, and all of them are closed (deleted or dropped) after the file's tests.
 */
export function freshDatabases(): () => Promise<Kysely<Database>> {
  const opened: TestDatabase[] = [];
  afterAll(async () => {
    for (const database of opened.splice(0)) await database.close();
  });
  return async () => {
    const database = await createTestDatabase();
    opened.push(database);
    return database.db;
  };
}

/**
 * The URL of a new, migrated database of the test dialect that nothing has opened yet. On PostgreSQL it
 * is a copy of a template migrated once per set of migrations, so each test file starts in milliseconds.
 * `migrated: false` gives an empty database instead.
 */
export async function createTestDatabaseUrl(options: { migrated?: boolean } = {}): Promise<EmptyTestDatabase> {
  const migrated = options.migrated ?? true;
  if (testDialect() === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "parley-db-test-"));
    const databaseUrl = join(dir, "test.db");
    return {
      databaseUrl,
      dialect: "sqlite",
      async drop() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  return createPostgresTestDatabaseUrl(postgresServerUrl(), { migrated });
}

/**
 * Whether a test that needs PostgreSQL whatever the test dialect (npm run db:copy reads SQLite and
 * writes PostgreSQL) can run: PARLEY_TEST_POSTGRES_URL names the server. Without it such a test is
 * skipped, unless PARLEY_REQUIRE_POSTGRES=1 (CI), which makes the missing server an error.
 */
export function postgresServerForAnyDialect(): string | undefined {
  const url = process.env.PARLEY_TEST_POSTGRES_URL;
  if (!url && process.env.PARLEY_REQUIRE_POSTGRES === "1") {
    throw new Error("PARLEY_REQUIRE_POSTGRES=1 but PARLEY_TEST_POSTGRES_URL is not set (start a throwaway server with: scripts/test-postgres.sh start).");
  }
  return url;
}

/** A new PostgreSQL database on `serverUrl`, migrated from the template or (migrated: false) empty. */
export async function createPostgresTestDatabaseUrl(serverUrl: string, options: { migrated?: boolean } = {}): Promise<EmptyTestDatabase> {
  const name = `parley_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await withAdmin(serverUrl, async (admin) => {
    if (options.migrated ?? true) {
      const template = await ensureTemplate(admin, serverUrl);
      await admin.query(`create database ${name} template ${template}`);
    } else {
      await admin.query(`create database ${name}`);
    }
  });
  return {
    databaseUrl: databaseUrlFor(serverUrl, name),
    dialect: "postgres",
    async drop() {
      await withAdmin(serverUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`));
    },
  };
}

function postgresServerUrl(): string {
  const url = process.env.PARLEY_TEST_POSTGRES_URL;
  if (!url) {
    throw new Error(
      "PARLEY_TEST_DATABASE=postgres needs PARLEY_TEST_POSTGRES_URL (start a throwaway server with: scripts/test-postgres.sh start).",
    );
  }
  return url;
}

function databaseUrlFor(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** One template per set of migrations, built once across all test processes (an advisory lock). */
async function ensureTemplate(admin: pg.Client, serverUrl: string): Promise<string> {
  const hash = createHash("sha256").update(Object.keys(migrations).join("\n")).digest("hex").slice(0, 12);
  const template = `parley_template_${hash}`;
  await admin.query("select pg_advisory_lock(4242)");
  try {
    // Databases left by test processes that ended without cleaning up (a crash, a killed run).
    const leftovers = await admin.query<{ datname: string }>("select datname from pg_database where datname like 'parley_test_%'");
    for (const { datname } of leftovers.rows) {
      const pid = Number(/^parley_test_(\d+)_/.exec(datname)?.[1]);
      if (pid && !isAlive(pid)) await admin.query(`drop database if exists ${datname} with (force)`);
    }
    const found = await admin.query("select 1 from pg_database where datname = $1", [template]);
    if (found.rowCount === 0) {
      const building = `${template}_building`;
      await admin.query(`drop database if exists ${building} with (force)`);
      await admin.query(`create database ${building}`);
      const db = createDatabase(databaseUrlFor(serverUrl, building), { poolSize: 1 });
      try {
        await migrateToLatest(db);
      } finally {
        await db.destroy();
      }
      await admin.query(`alter database ${building} rename to ${template}`);
    }
  } finally {
    await admin.query("select pg_advisory_unlock(4242)");
  }
  return template;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}
