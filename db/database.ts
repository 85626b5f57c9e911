import SQLite from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Kysely, SqliteAdapter, SqliteDialect, type LogEvent, type SqliteDatabase } from "kysely";
import type { Database } from "./schema";

export const DEFAULT_DATABASE_URL = "./data/parley.db";

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
}

export type QueryListener = (event: LogEvent) => void;

export interface DatabaseOptions {
  onQuery?: QueryListener;
}

/** Resolves DATABASE_URL: a file path (relative to the working directory) or ":memory:". */
export function resolveDatabaseUrl(url = process.env.DATABASE_URL): string {
  const value = url?.trim() || DEFAULT_DATABASE_URL;
  if (value === ":memory:") return value;
  const path = value.startsWith("file:") ? value.slice("file:".length) : value;
  return resolve(path);
}

export function openSqlite(url?: string): SQLite.Database {
  const filename = resolveDatabaseUrl(url);
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

export function createDatabase(url?: string, options: DatabaseOptions = {}): Kysely<Database> {
  const sqlite = openSqlite(url);
  return new Kysely<Database>({
    dialect: new ParleySqliteDialect({ database: withStatementCache(sqlite) }),
    log: options.onQuery ? (event) => options.onQuery?.(event) : undefined,
  });
}
