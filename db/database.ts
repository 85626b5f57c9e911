import SQLite from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import {
  Kysely,
  sql,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  type DatabaseConnection,
  type Driver,
  type LogEvent,
  type SqliteDatabase,
} from "kysely";
import pg from "pg";
import type { Database } from "./schema";

/**
 * The connection: the one module that knows how to open each kind of database. DATABASE_URL is a file
 * path (or ":memory:") for the embedded SQLite file, or a postgres:// URL for a PostgreSQL server that
 * several app servers can share. Everything above this module sees one Kysely<Database>.
 */
export const DEFAULT_DATABASE_URL = "./data/parley.db";
export const DEFAULT_POOL_SIZE = 10;

export type DatabaseTarget =
  | { dialect: "sqlite"; filename: string }
  | { dialect: "postgres"; url: string; poolSize: number; host: string; database: string };

/** DATABASE_URL is not one of the accepted forms, or the pool size is not a number. */
export class DatabaseUrlError extends Error {
  override name = "DatabaseUrlError";
}

const ACCEPTED_FORMS =
  'a file path such as ./data/parley.db (SQLite), ":memory:", or postgres://user:password@host:5432/name (PostgreSQL)';

/** Reads DATABASE_URL (and DATABASE_POOL_SIZE for PostgreSQL); throws DatabaseUrlError naming the accepted forms. */
export function parseDatabaseUrl(url = process.env.DATABASE_URL, poolSize = process.env.DATABASE_POOL_SIZE): DatabaseTarget {
  const value = url?.trim() || DEFAULT_DATABASE_URL;
  if (value === ":memory:") return { dialect: "sqlite", filename: value };
  if (/^postgres(ql)?:\/\//i.test(value)) {
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      throw new DatabaseUrlError(`DATABASE_URL is not a valid PostgreSQL URL. Accepted forms: ${ACCEPTED_FORMS}.`);
    }
    const size = poolSize?.trim() ? Number(poolSize) : DEFAULT_POOL_SIZE;
    if (!Number.isInteger(size) || size < 1 || size > 1000) {
      throw new DatabaseUrlError(`DATABASE_POOL_SIZE must be a whole number from 1 to 1000 (it is "${poolSize}").`);
    }
    return {
      dialect: "postgres",
      url: value,
      poolSize: size,
      host: `${parsed.hostname || "localhost"}:${parsed.port || "5432"}`,
      database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "(the user's default database)",
    };
  }
  if (value.startsWith("file:")) return { dialect: "sqlite", filename: resolve(value.slice("file:".length)) };
  // Any other scheme (mysql://, sqlite://, http://...) is a mistake, not a file name.
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) && !/^[a-z]:[\\/]/i.test(value)) {
    throw new DatabaseUrlError(`DATABASE_URL "${redact(value)}" is not a database Parley can use. Accepted forms: ${ACCEPTED_FORMS}.`);
  }
  return { dialect: "sqlite", filename: resolve(value) };
}

/** The SQLite file (or ":memory:"), or the PostgreSQL URL without its password: for messages and logs. */
export function resolveDatabaseUrl(url?: string): string {
  const target = parseDatabaseUrl(url);
  return target.dialect === "sqlite" ? target.filename : redact(target.url);
}

export function describeDatabase(target: DatabaseTarget): string {
  return target.dialect === "sqlite"
    ? `the SQLite file ${target.filename}`
    : `PostgreSQL database "${target.database}" at ${target.host}`;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");
}

/**
 * SQLite runs DDL inside transactions perfectly well; Kysely's adapter just does not claim it.
 * Claiming it lets the migrator wrap each run in one transaction, so a failed migration leaves the
 * database exactly as it was.
 */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl() {
    return true;
  }
}

class ParleySqliteDialect extends SqliteDialect {
  override createAdapter() {
    return new TransactionalSqliteAdapter();
  }
  override createDriver(): Driver {
    return reportingUnavailable(super.createDriver());
  }
}

class ParleyPostgresDialect extends PostgresDialect {
  override createDriver(): Driver {
    return reportingUnavailable(super.createDriver());
  }
}

export type QueryListener = (event: LogEvent) => void;

export interface DatabaseOptions {
  onQuery?: QueryListener;
  /** PostgreSQL only: the most connections this handle opens (default DATABASE_POOL_SIZE, else 10). */
  poolSize?: number;
}

export function openSqlite(url?: string): SQLite.Database {
  const target = parseDatabaseUrl(url);
  if (target.dialect !== "sqlite") throw new DatabaseUrlError("This command works on a SQLite file only.");
  const filename = target.filename;
  if (filename !== ":memory:") mkdirSync(dirname(filename), { recursive: true });
  const sqlite = new SQLite(filename);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return sqlite;
}

/**
 * Kysely asks better-sqlite3 to prepare every statement it runs, which costs tens of microseconds each
 * time; a story page or a post runs a dozen. Keeping the most recently used statements prepared saves
 * that. Safe because Kysely runs one statement at a time on this connection.
 */
function withStatementCache(sqlite: SQLite.Database, size = 500): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql); // most recently used goes to the back
      } else {
        statement = sqlite.prepare(sql);
        if (statements.size >= size) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}

// PostgreSQL's 64-bit integers (count(*), sums, identity values) and numerics arrive as strings by
// default; every count Parley makes fits a JavaScript number, as it does on SQLite.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number.parseFloat(value));

/** The names given to the statements built once (db/prepared-query.ts), by their SQL. */
const statementNames = new Map<string, string>();

/**
 * PostgreSQL: runs `text` as a named prepared statement from now on, so that each connection parses
 * and plans it once rather than on every run (the statement a post decides on spends five times as
 * long being planned as being run). For the few statements built once and run on every post or page;
 * SQLite keeps its own prepared statements (withStatementCache).
 */
export function nameStatement(text: string): void {
  if (!statementNames.has(text)) statementNames.set(text, `parley_${statementNames.size + 1}`);
}

type QueryMethod = (text: unknown, values?: unknown, callback?: unknown) => unknown;

const noValues = (values: unknown) => values === undefined || (Array.isArray(values) && values.length === 0);

/**
 * PostgreSQL: what Kysely sends on a pooled connection, in fewer round trips where it can:
 * - a statement built once (nameStatement) goes as a named prepared statement;
 * - `begin` waits for the transaction's first statement and travels with it in one message when that
 *   statement has no parameters, as the advisory lock that begins most transactions that take one
 *   (lockForTransaction): one round trip instead of two. Otherwise it goes first, as before.
 */
function sendingLess(client: pg.PoolClient) {
  const query = client.query.bind(client) as QueryMethod;
  let beginWaits = false;
  (client as { query: QueryMethod }).query = (text, values, callback) => {
    if (typeof text === "string" && callback === undefined && noValues(values)) {
      if (text === "begin") {
        beginWaits = true;
        return Promise.resolve({ command: "BEGIN", rowCount: null, rows: [] });
      }
      if (beginWaits) {
        beginWaits = false;
        // Nothing was sent: there is nothing to end.
        if (text === "commit" || text === "rollback") return Promise.resolve({ command: text.toUpperCase(), rowCount: null, rows: [] });
        if (!statementNames.has(text)) {
          return (query(`begin; ${text}`) as Promise<pg.QueryResult[]>).then((results) => results[results.length - 1]);
        }
      }
    }
    if (beginWaits) {
      beginWaits = false;
      // Queued ahead of the statement; should it fail, so does the statement, which the caller hears.
      (query("begin") as Promise<unknown>).catch(() => {});
    }
    const name = typeof text === "string" ? statementNames.get(text) : undefined;
    return name ? query({ name, text, values }, callback) : query(text, values, callback);
  };
}

export function createPostgresPool(url: string, poolSize: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 });
  // An idle connection dropped by the server (a restart, a failover) is reported here; without a
  // listener Node would end the process. The pool opens a new connection on the next query.
  pool.on("error", () => noteUnavailable());
  pool.on("connect", (client) => {
    // A connection lost while lent out reports here too (its query fails on its own); without a
    // listener the client's error event would end the process.
    client.on("error", () => noteUnavailable());
    sendingLess(client);
  });
  return pool;
}

export function createDatabase(url?: string, options: DatabaseOptions = {}): Kysely<Database> {
  const target = parseDatabaseUrl(url);
  const log = options.onQuery ? (event: LogEvent) => options.onQuery?.(event) : undefined;
  if (target.dialect === "postgres") {
    const pool = createPostgresPool(target.url, options.poolSize ?? target.poolSize);
    return new Kysely<Database>({ dialect: new ParleyPostgresDialect({ pool }), log });
  }
  const sqlite = openSqlite(target.filename);
  return new Kysely<Database>({
    dialect: new ParleySqliteDialect({ database: withStatementCache(sqlite) }),
    log,
  });
}

export type Dialect = "sqlite" | "postgres";

/** Which database a handle (or a transaction on it) talks to. */
export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter.constructor.name.toLowerCase().includes("postgres") ? "postgres" : "sqlite";
}

/**
 * Opens the database and runs one query, so that start-up fails with one line naming the database and
 * what went wrong (no stack trace) when the URL is wrong or the server is not there.
 */
export async function checkDatabaseReachable(db: Kysely<Database>, url?: string): Promise<void> {
  const target = parseDatabaseUrl(url);
  try {
    await db.selectNoFrom((eb) => eb.lit(1).as("one")).execute();
  } catch (error) {
    throw new DatabaseUrlError(`Could not open ${describeDatabase(target)}: ${explainConnectionError(error)}.`);
  }
}

function explainConnectionError(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  const unwrapped = error instanceof DatabaseUnavailableError ? (error.cause as { code?: string; message?: string }) : undefined;
  const c = unwrapped?.code ?? code;
  const m = unwrapped?.message ?? message ?? String(error);
  if (c === "ECONNREFUSED") return "nothing is listening there (connection refused): is the server running";
  if (c === "ENOTFOUND" || c === "EAI_AGAIN") return "that host name does not resolve";
  if (c === "28P01" || c === "28000") return "the server refused the user name or password";
  if (c === "3D000") return "that database does not exist on the server (create it first)";
  if (c === "ETIMEDOUT" || /timeout/i.test(m)) return "the server did not answer in time";
  return m.split("\n")[0]!;
}

/**
 * The database could not be reached (refused, dropped, shut down, locked for too long). The server
 * answers 503 with a retry hint instead of 500, and the next query tries a fresh connection.
 */
export class DatabaseUnavailableError extends Error {
  override name = "DatabaseUnavailableError";
  constructor(override readonly cause: unknown) {
    super(`The database is not available: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "57P01", "57P02", "57P03", "SQLITE_BUSY"]);

export function isConnectionError(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === "string" && (CONNECTION_CODES.has(code) || code.startsWith("08"))) return true;
  return typeof message === "string" && /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(message);
}

// Kept on globalThis: the Remix build and the HTTP server are bundled apart, each with its own copy of
// this module, and the server must see the faults the app's handle met.
const faults = globalThis as typeof globalThis & { __parleyDatabaseFaults?: number };

function noteUnavailable() {
  faults.__parleyDatabaseFaults = (faults.__parleyDatabaseFaults ?? 0) + 1;
}

/** How many times any handle in this process has failed to reach its database; the server compares it around a request. */
export function databaseUnavailableCount(): number {
  return faults.__parleyDatabaseFaults ?? 0;
}

function reportingUnavailable(driver: Driver): Driver {
  const translate = (error: unknown): never => {
    if (isConnectionError(error)) {
      noteUnavailable();
      throw error instanceof DatabaseUnavailableError ? error : new DatabaseUnavailableError(error);
    }
    throw error;
  };
  const wrapConnection = (connection: DatabaseConnection): DatabaseConnection => ({
    executeQuery: <R>(query: Parameters<DatabaseConnection["executeQuery"]>[0]) => connection.executeQuery<R>(query).catch(translate),
    streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
  });
  const wrapped = new WeakMap<DatabaseConnection, DatabaseConnection>();
  const originals = new WeakMap<DatabaseConnection, DatabaseConnection>();
  return {
    init: () => driver.init().catch(translate),
    acquireConnection: async () => {
      const connection = await driver.acquireConnection().catch(translate);
      let outer = wrapped.get(connection);
      if (!outer) {
        outer = wrapConnection(connection);
        wrapped.set(connection, outer);
        originals.set(outer, connection);
      }
      return outer;
    },
    beginTransaction: (connection, settings) => driver.beginTransaction(originals.get(connection) ?? connection, settings).catch(translate),
    commitTransaction: (connection) => driver.commitTransaction(originals.get(connection) ?? connection).catch(translate),
    rollbackTransaction: (connection) => driver.rollbackTransaction(originals.get(connection) ?? connection).catch(translate),
    releaseConnection: (connection) => driver.releaseConnection(originals.get(connection) ?? connection),
    destroy: () => driver.destroy(),
    // Kysely 0.28 drivers may have savepoint methods; pass them through when present.
    ...("savepoint" in driver
      ? {
          savepoint: (connection: DatabaseConnection, name: string, compile: any) =>
            (driver as any).savepoint(originals.get(connection) ?? connection, name, compile),
          rollbackToSavepoint: (connection: DatabaseConnection, name: string, compile: any) =>
            (driver as any).rollbackToSavepoint(originals.get(connection) ?? connection, name, compile),
          releaseSavepoint: (connection: DatabaseConnection, name: string, compile: any) =>
            (driver as any).releaseSavepoint(originals.get(connection) ?? connection, name, compile),
        }
      : {}),
  } as Driver;
}

/**
 * Serialises a read-check-write on one key (an account's flood limit, a headline's slug) until the
 * transaction ends. PostgreSQL: a transaction-scoped advisory lock, so two app servers wait for each
 * other. SQLite: nothing to do, because a database file has one writer and this process runs its
 * transactions one at a time on its one connection.
 */
export async function lockForTransaction(trx: Kysely<any>, key: string): Promise<void> {
  if (dialectOf(trx) !== "postgres") return;
  // A key of plain characters is written into the statement, which then has no parameters and so goes
  // in one message with the transaction's `begin` (sendingLess); any other key is sent as a parameter.
  const value = SAFE_LOCK_KEY.test(key) ? sql.lit(key) : sql`${key}`;
  await sql`select pg_advisory_xact_lock(hashtextextended(${value}, 0))`.execute(trx);
}

const SAFE_LOCK_KEY = /^[\w:.-]+$/;

/**
 * Whether an error is a unique violation of `table`'s unique `column`. PostgreSQL: SQLSTATE 23505 and
 * the constraint's name (PostgreSQL names a column's unique constraint table_column_key). SQLite gives
 * its extended result code and, as the only structured account of the columns, its fixed
 * "UNIQUE constraint failed: table.column" detail.
 */
export function isUniqueViolation(error: unknown, table: string, column: string): boolean {
  const e = (error ?? {}) as { code?: unknown; constraint?: unknown; table?: unknown; message?: unknown };
  if (e.code === "23505") return e.table === table && e.constraint === `${table}_${column}_key`;
  if (e.code === "SQLITE_CONSTRAINT_UNIQUE" && typeof e.message === "string") {
    const columns = e.message.replace(/^UNIQUE constraint failed: /, "").split(", ");
    return columns.length === 1 && columns[0] === `${table}.${column}`;
  }
  return false;
}

/**
 * Holds a lock for the length of `work` across every app server (PostgreSQL: a session advisory lock on
 * a connection of its own). Used so that two servers starting together migrate and seed once.
 */
export async function withStartupLock<T>(db: Kysely<any>, work: () => Promise<T>): Promise<T> {
  if (dialectOf(db) !== "postgres") return work();
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(hashtextextended('parley:start-up', 0))`.execute(connection);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(hashtextextended('parley:start-up', 0))`.execute(connection);
    }
  });
}
