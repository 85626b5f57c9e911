import SQLite from "better-sqlite3";
import { existsSync } from "node:fs";
import { sql, type Kysely, type Transaction } from "kysely";
import { indexArticleForSearch } from "../app/models/search/search.server";
import { checkDatabaseReachable, createDatabase, DatabaseUrlError, describeDatabase, parseDatabaseUrl, type DatabaseTarget } from "./database";
import { migrateToLatest, migrations } from "./migrate";
import type { Database } from "./schema";

/**
 * Moving a site (npm run db:copy): a SQLite Parley database copied into an empty PostgreSQL one, ids
 * kept, identity counters moved past them, search rebuilt. This module is about both dialects by
 * nature, so it is one of the few places with SQL of each (SQLite's pragma tables; PostgreSQL's
 * catalogs, sequences and unnest), beside the connection, the migration helpers and search.
 *
 * What is copied is read from the two databases, not listed here: every table both have, and in it
 * every column both have, so a new migration's tables come along by themselves. Left out: SQLite's
 * virtual tables and their shadow tables (the FTS5 search index, which each dialect builds its own
 * way and which is rebuilt through the search API afterwards), SQLite's own tables, and Kysely's
 * migration tables (the target gets those by migrating itself).
 *
 * Foreign keys: tables are inserted parents first, in the order the target's own foreign keys give;
 * a table's references to itself (a reply's parent_id and root_id) are inserted empty and filled in
 * by a second pass once all its rows are there (PostgreSQL checks a reference at the end of each
 * insert, so a reply stored batches before its parent would fail). That works for any database user
 * and keeps every constraint checked. (`session_replication_role = replica` would need a superuser,
 * which hosted PostgreSQL seldom gives, and would skip checks; Parley's foreign keys are not deferrable.)
 *
 * The whole copy is one transaction on the target: a failure leaves it empty, ready for another try.
 * The source is read inside one read transaction, so the copy is one moment's database even if the
 * site is still serving (whatever it writes after that moment is not in the copy: stop it first).
 */

const BATCH_ROWS = 1_000;
// One transaction does the copy; a second connection is only for checks made outside it.
const TARGET_POOL_SIZE = 2;
const SEARCH_BATCH = 200;
// Kysely's bookkeeping, which the target's own migration run writes; and the content versions and the
// comment event log, which belong to one database (its triggers fill them on the target as the rows arrive).
const KYSELY_TABLES = new Set(["kysely_migration", "kysely_migration_lock", "content_version", "comment_event"]);

/** Why a copy will not start (a wrong source or target, a non-empty target); nothing was changed. */
export class CopyRefusedError extends Error {
  override name = "CopyRefusedError";
}

export interface CopyProgress {
  /** The table being copied, or "search" while the index is rebuilt. */
  step: string;
  /** Rows copied (and articles indexed) so far, out of total, across the whole copy. */
  done: number;
  total: number;
}

export interface CopyResult {
  source: string;
  target: string;
  /** Every copied table and its row count, in the order they were copied. */
  tables: { table: string; rows: number }[];
  articlesIndexed: number;
  /** Source tables and columns ("table.column") the target has no place for, so not copied. */
  leftOut: string[];
}

export interface CopyOptions {
  onProgress?: (progress: CopyProgress) => void;
}

interface TablePlan {
  table: string;
  columns: string[];
  /** The target's type of each column, for casting the arrays unnest reads. */
  types: string[];
  /** Columns referring to this same table: inserted empty, filled by the second pass. */
  selfReferences: string[];
  primaryKey: string[];
  rows: number;
}

export async function copySqliteToPostgres(sourceUrl: string, targetUrl: string, options: CopyOptions = {}): Promise<CopyResult> {
  const from = sqliteSource(sourceUrl);
  const to = postgresTarget(targetUrl);
  const source = new SQLite(from.filename, { readonly: true, fileMustExist: true });
  const target = createDatabase(to.url, { poolSize: TARGET_POOL_SIZE });
  try {
    // One read transaction for every read of the source: a consistent moment.
    source.exec("begin");
    checkSourceMigrations(source, from);
    await checkDatabaseReachable(target, to.url);
    const sourceTables = listSourceTables(source);
    // Before migrating, so that a refusal changes nothing at all.
    await refuseNonEmptyTarget(target, sourceTables, to);
    await migrateToLatest(target);

    const { plans, leftOut } = await planCopy(source, target, sourceTables);
    const articles = plans.find((plan) => plan.table === "article")?.rows ?? 0;
    const total = plans.reduce((sum, plan) => sum + plan.rows, 0) + articles;
    let done = 0;
    const advance = (step: string, by: number) => {
      done += by;
      options.onProgress?.({ step, done, total });
    };

    const articlesIndexed = await target.transaction().execute(async (trx) => {
      for (const plan of plans) {
        try {
          await copyTable(source, trx, plan, (by) => advance(plan.table, by));
          if (plan.selfReferences.length) await fillSelfReferences(source, trx, plan);
          await moveIdentityCounters(trx, plan.table);
        } catch (error) {
          throw new Error(`Copying table ${plan.table} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
      }
      return rebuildSearch(trx, (by) => advance("search", by));
    });
    // Fresh tables have no planner statistics until autovacuum comes round; the first pages should not wait.
    await sql`analyze ${sql.join(plans.map((plan) => sql.id(plan.table)))}`.execute(target);
    return {
      source: describeDatabase(from),
      target: describeDatabase(to),
      tables: plans.map(({ table, rows }) => ({ table, rows })),
      articlesIndexed,
      leftOut,
    };
  } finally {
    if (source.inTransaction) source.exec("rollback");
    source.close();
    await target.destroy();
  }
}

function sqliteSource(url: string): Extract<DatabaseTarget, { dialect: "sqlite" }> {
  const from = parse(url, "The source (--from FILE, else DATABASE_URL) must be a SQLite file.");
  if (from.dialect !== "sqlite") {
    throw new CopyRefusedError(`The source must be a SQLite file, but it is ${describeDatabase(from)} (give the file with --from FILE).`);
  }
  if (from.filename === ":memory:") throw new CopyRefusedError("The source is :memory:, which holds nothing to copy (give the file with --from FILE).");
  if (!existsSync(from.filename)) throw new CopyRefusedError(`There is no SQLite file at ${from.filename}.`);
  return from;
}

function postgresTarget(url: string): Extract<DatabaseTarget, { dialect: "postgres" }> {
  const expected = "The target (--to) must be a PostgreSQL URL such as postgres://user:password@host:5432/name";
  const to = parse(url, `${expected}.`);
  if (to.dialect !== "postgres") throw new CopyRefusedError(`${expected}, but it names ${describeDatabase(to)}.`);
  return to;
}

/** parseDatabaseUrl's messages speak of DATABASE_URL; here the URLs come from the command line. */
function parse(url: string, refusal: string): DatabaseTarget {
  try {
    return parseDatabaseUrl(url, String(TARGET_POOL_SIZE));
  } catch (error) {
    if (error instanceof DatabaseUrlError) throw new CopyRefusedError(refusal);
    throw error;
  }
}

/** The source must be at exactly this code's migrations: older would miss columns, newer would lose some. */
function checkSourceMigrations(source: SQLite.Database, from: Extract<DatabaseTarget, { dialect: "sqlite" }>): void {
  let hasTable: unknown;
  try {
    hasTable = source.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
  } catch (error) {
    if ((error as { code?: string }).code === "SQLITE_NOTADB") throw new CopyRefusedError(`The source, ${from.filename}, is not a SQLite database.`);
    throw error;
  }
  if (!hasTable) throw new CopyRefusedError(`The source, ${describeDatabase(from)}, is not a Parley database (it has no migrations table).`);
  const applied = new Set((source.prepare("select name from kysely_migration").all() as { name: string }[]).map((row) => row.name));
  const missing = Object.keys(migrations).filter((name) => !applied.has(name));
  if (missing.length) {
    throw new CopyRefusedError(
      `The source, ${describeDatabase(from)}, is missing migration ${missing.join(", ")}: run "DATABASE_URL=${from.filename} npm run db:migrate" first, then copy.`,
    );
  }
  const unknown = [...applied].filter((name) => !(name in migrations));
  if (unknown.length) {
    throw new CopyRefusedError(`The source, ${describeDatabase(from)}, has migration ${unknown.join(", ")}, which this copy of Parley does not know: update Parley first.`);
  }
}

function listSourceTables(source: SQLite.Database): string[] {
  // pragma_table_list calls virtual tables "virtual" and their storage "shadow"; only real tables count.
  const rows = source.prepare("select name from pragma_table_list where schema = 'main' and type = 'table' order by name").all() as { name: string }[];
  return rows.map((row) => row.name).filter((name) => !name.startsWith("sqlite_") && !KYSELY_TABLES.has(name));
}

async function refuseNonEmptyTarget(target: Kysely<Database>, tables: string[], to: DatabaseTarget): Promise<void> {
  const existing = new Set(await listTargetTables(target));
  for (const table of tables.filter((name) => existing.has(name))) {
    const { rows } = await sql<{ found: boolean }>`select exists (select 1 from ${sql.id(table)}) as "found"`.execute(target);
    if (rows[0]?.found) {
      throw new CopyRefusedError(
        `${describeDatabase(to)} is not empty (table ${table} has rows), so nothing was copied: copy into a new, empty database (createdb), ` +
          "and start Parley on it only after the copy, or it seeds the demo.",
      );
    }
  }
}

async function listTargetTables(target: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select table_name as "name" from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(target);
  return rows.map((row) => row.name);
}

async function planCopy(source: SQLite.Database, target: Kysely<any>, sourceTables: string[]): Promise<{ plans: TablePlan[]; leftOut: string[] }> {
  const targetTables = new Set(await listTargetTables(target));
  const { rows: targetColumns } = await sql<{ table: string; column: string; type: string }>`
    select c.relname as "table", a.attname as "column", format_type(a.atttypid, a.atttypmod) as "type"
    from pg_attribute a join pg_class c on c.oid = a.attrelid
    where c.relnamespace = current_schema()::text::regnamespace and c.relkind = 'r'
      and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''`.execute(target);
  const { rows: constraints } = await sql<{ table: string; kind: "f" | "p"; references: string | null; columns: string[] }>`
    select child.relname as "table", con.contype as "kind", parent.relname as "references",
      array(select a.attname::text from unnest(con.conkey) as k(n) join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n) as "columns"
    from pg_constraint con
    join pg_class child on child.oid = con.conrelid
    left join pg_class parent on parent.oid = con.confrelid
    where child.relnamespace = current_schema()::text::regnamespace and con.contype in ('f', 'p')`.execute(target);

  const leftOut: string[] = [];
  const plans = new Map<string, TablePlan>();
  for (const table of sourceTables) {
    if (!targetTables.has(table)) {
      leftOut.push(table);
      continue;
    }
    const types = new Map(targetColumns.filter((c) => c.table === table).map((c) => [c.column, c.type]));
    const sourceColumns = (source.prepare("select name from pragma_table_info(?)").all(table) as { name: string }[]).map((row) => row.name);
    const columns = sourceColumns.filter((column) => types.has(column));
    leftOut.push(...sourceColumns.filter((column) => !types.has(column)).map((column) => `${table}.${column}`));
    const own = constraints.filter((c) => c.table === table);
    const plan: TablePlan = {
      table,
      columns,
      types: columns.map((column) => types.get(column)!),
      selfReferences: own.filter((c) => c.kind === "f" && c.references === table).flatMap((c) => c.columns),
      primaryKey: own.find((c) => c.kind === "p")?.columns ?? [],
      rows: (source.prepare(`select count(*) as n from ${quoteSqlite(table)}`).get() as { n: number }).n,
    };
    if (plan.selfReferences.length && !plan.primaryKey.length) {
      throw new CopyRefusedError(`Table ${table} refers to itself but has no primary key in the target, so db:copy cannot fill those references in.`);
    }
    plans.set(table, plan);
  }
  const parents = new Map([...plans.keys()].map((table) => [table, new Set<string>()]));
  for (const c of constraints) {
    if (c.kind === "f" && c.references && c.references !== c.table && plans.has(c.references)) parents.get(c.table)?.add(c.references);
  }
  return { plans: parentsFirst(parents).map((table) => plans.get(table)!), leftOut };
}

/** Tables in an order where every table comes after the tables it refers to (alphabetical among equals). */
function parentsFirst(parents: Map<string, Set<string>>): string[] {
  const order: string[] = [];
  const placed = new Set<string>();
  while (placed.size < parents.size) {
    const ready = [...parents].filter(([table, refs]) => !placed.has(table) && [...refs].every((ref) => placed.has(ref))).map(([table]) => table);
    if (!ready.length) {
      const stuck = [...parents.keys()].filter((table) => !placed.has(table));
      throw new CopyRefusedError(`The tables ${stuck.join(", ")} refer to each other in a circle, so db:copy cannot order them.`);
    }
    for (const table of ready.sort()) {
      order.push(table);
      placed.add(table);
    }
  }
  return order;
}

function quoteSqlite(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Rows go in a batch at a time as one array per column (insert ... select from unnest): one parameter
 * per column whatever the batch size, far from PostgreSQL's limit of 65,535 parameters a statement.
 * `overriding system value` keeps the source's ids in identity columns.
 */
async function copyTable(source: SQLite.Database, trx: Transaction<Database>, plan: TablePlan, advance: (by: number) => void): Promise<void> {
  const select = source.prepare(`select ${plan.columns.map(quoteSqlite).join(", ")} from ${quoteSqlite(plan.table)}`).raw();
  const emptied = plan.columns.map((column) => plan.selfReferences.includes(column));
  let batch: unknown[][] = [];
  const flush = async () => {
    const arrays = plan.columns.map((_, i) => batch.map((row) => (emptied[i] ? null : row[i])));
    await sql`
      insert into ${sql.id(plan.table)} (${sql.join(plan.columns.map((column) => sql.id(column)))}) overriding system value
      select * from unnest(${sql.join(arrays.map((values, i) => sql`${values}::${sql.raw(`${plan.types[i]}[]`)}`))})`.execute(trx);
    advance(batch.length);
    batch = [];
  };
  for (const row of select.iterate() as IterableIterator<unknown[]>) {
    batch.push(row);
    if (batch.length === BATCH_ROWS) await flush();
  }
  if (batch.length) await flush();
}

/** The second pass for references within a table: every row exists now, so any order holds. */
async function fillSelfReferences(source: SQLite.Database, trx: Transaction<Database>, plan: TablePlan): Promise<void> {
  const columns = [...plan.primaryKey, ...plan.selfReferences];
  const typeOf = (column: string) => plan.types[plan.columns.indexOf(column)];
  const select = source
    .prepare(
      `select ${columns.map(quoteSqlite).join(", ")} from ${quoteSqlite(plan.table)} ` +
        `where ${plan.selfReferences.map((column) => `${quoteSqlite(column)} is not null`).join(" or ")}`,
    )
    .raw();
  let batch: unknown[][] = [];
  const flush = async () => {
    const arrays = columns.map((column, i) => sql`${batch.map((row) => row[i])}::${sql.raw(`${typeOf(column)}[]`)}`);
    await sql`
      update ${sql.id(plan.table)} as t set ${sql.join(plan.selfReferences.map((column) => sql`${sql.id(column)} = v.${sql.id(column)}`))}
      from unnest(${sql.join(arrays)}) as v(${sql.join(columns.map((column) => sql.id(column)))})
      where ${sql.join(
        plan.primaryKey.map((column) => sql`t.${sql.id(column)} = v.${sql.id(column)}`),
        sql` and `,
      )}`.execute(trx);
    batch = [];
  };
  for (const row of select.iterate() as IterableIterator<unknown[]>) {
    batch.push(row);
    if (batch.length === BATCH_ROWS) await flush();
  }
  if (batch.length) await flush();
}

/** Each identity (or serial) column's next value becomes max + 1, so the next insert gets a fresh id. */
async function moveIdentityCounters(trx: Transaction<Database>, table: string): Promise<void> {
  const { rows } = await sql<{ column: string }>`
    select column_name as "column" from information_schema.columns
    where table_schema = current_schema() and table_name = ${table}
      and (is_identity = 'YES' or column_default like 'nextval(%')`.execute(trx);
  for (const { column } of rows) {
    const quotedTable = `"${table.replace(/"/g, '""')}"`;
    await sql`
      select setval(pg_get_serial_sequence(${quotedTable}, ${column}), coalesce(max(${sql.id(column)}), 0) + 1, false)
      from ${sql.id(table)}`.execute(trx);
  }
}

/** The search index is never copied: each dialect keeps its own, built through the one search API. */
async function rebuildSearch(trx: Transaction<Database>, advance: (by: number) => void): Promise<number> {
  let indexed = 0;
  let after = 0;
  for (;;) {
    const articles = await trx
      .selectFrom("article")
      .select(["id", "headline", "summary", "body_html"])
      .where("id", ">", after)
      .orderBy("id")
      .limit(SEARCH_BATCH)
      .execute();
    if (!articles.length) return indexed;
    for (const article of articles) {
      await indexArticleForSearch(trx, { id: article.id, headline: article.headline, summary: article.summary, bodyHtml: article.body_html });
    }
    indexed += articles.length;
    after = articles.at(-1)!.id;
    advance(articles.length);
  }
}
