/**
 * The fresh database each benchmark run measures: a SQLite file in the run's data folder, or a new
 * database on a PostgreSQL server (BENCH_POSTGRES_URL, else PARLEY_TEST_POSTGRES_URL, else the throwaway
 * cluster that scripts/test-postgres.sh starts). Both are empty here; the run seeds them the same way.
 */
import { join } from "node:path";
import pg from "pg";
import { parseDatabaseUrl, type Dialect } from "../db/database";

export const DIALECTS: readonly Dialect[] = ["sqlite", "postgres"];
export const DIALECT_NAMES: Record<Dialect, string> = { sqlite: "SQLite", postgres: "PostgreSQL" };
const DEFAULT_POSTGRES_SERVER = "postgres://parley@127.0.0.1:54329/postgres";
const NAME_PREFIX = "parley_bench_";

export interface BenchDatabase {
  dialect: Dialect;
  /** The DATABASE_URL the seed, the server and the checks open. */
  url: string;
  /** Which database, for the printed table: the file, or the server's version, address and pool size. */
  description: string;
  /** Deletes the file's folder (the caller's) or drops the database; safe to call more than once. */
  drop(): Promise<void>;
}

export function postgresServerUrl(): string {
  return process.env.BENCH_POSTGRES_URL || process.env.PARLEY_TEST_POSTGRES_URL || DEFAULT_POSTGRES_SERVER;
}

export async function createBenchDatabase(dialect: Dialect, dataDir: string): Promise<BenchDatabase> {
  if (dialect === "sqlite") {
    const url = join(dataDir, "parley.db");
    return { dialect, url, description: `SQLite, the file ${url}`, drop: async () => {} };
  }
  const serverUrl = postgresServerUrl();
  const target = parseDatabaseUrl(serverUrl);
  if (target.dialect !== "postgres") throw new Error(`BENCH_POSTGRES_URL must be a postgres:// URL (it is "${serverUrl}").`);
  const name = `${NAME_PREFIX}${process.pid}_${Date.now().toString(36)}`;
  const version = await withAdmin(serverUrl, async (admin) => {
    await dropLeftovers(admin);
    await admin.query(`create database ${name}`);
    return (await admin.query<{ server_version: string }>("show server_version")).rows[0]!.server_version;
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    dialect,
    url: url.toString(),
    description: `PostgreSQL ${version.split(" ")[0]} at ${target.host}, database ${name}, a pool of ${target.poolSize} connections`,
    async drop() {
      if (dropped) return;
      dropped = true;
      await withAdmin(serverUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`));
    },
  };
}

async function withAdmin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `The PostgreSQL benchmark needs a server where it may create databases; ${postgresServerUrl().replace(/:[^:@/]*@/, ":***@")} ` +
        `did not answer (${(error as Error).message}). Start one with "scripts/test-postgres.sh start" or set BENCH_POSTGRES_URL.`,
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Databases left by runs that were killed before they could drop theirs (their process is gone). */
async function dropLeftovers(admin: pg.Client) {
  const found = await admin.query<{ datname: string }>("select datname from pg_database where datname like $1", [`${NAME_PREFIX}%`]);
  for (const { datname } of found.rows) {
    const pid = Number(datname.slice(NAME_PREFIX.length).split("_")[0]);
    if (pid && !processIsAlive(pid)) await admin.query(`drop database if exists ${datname} with (force)`);
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}
