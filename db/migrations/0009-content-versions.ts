import { sql, type Kysely } from "kysely";
import { isPostgres } from "./helpers";

// Landed migrations are never edited: add a new numbered file instead.
//
// Content versions (ADR 13): one row per thing readers see that can change, "site" (what every page
// may show: names, roles, settings, terms, categories) and "article:<id>" (one story's pages), bumped
// by triggers in the same transaction as the write that changes it, whatever code path writes (the
// app, an import, the seed). Tables readers never see (sessions, throttles, notifications, tokens,
// reports, the audit log) have no trigger, so a failed sign-in or a session touch bumps nothing.
// Version numbers are unique across the table. PostgreSQL draws them from a sequence and sends each
// bump as NOTIFY on channel parley_content ("<key> <version>"), delivered at commit to every app
// server; SQLite, with one writer at a time, takes the highest plus one.

/** Which writes bump which key: the key is an SQL expression over the changed row. */
const ARTICLE_TRIGGERS: { table: string; articleId: string; columns?: string[] }[] = [
  { table: "article", articleId: "id" },
  { table: "comment", articleId: "article_id" },
  { table: "article_category", articleId: "article_id" },
  { table: "article_correction", articleId: "article_id" },
];
const SITE_TRIGGERS: { table: string; columns?: string[] }[] = [
  { table: "category" },
  { table: "setting" },
  { table: "terms_rule" },
  // A name, a role or a profile shows on every page the person has written on; their other columns
  // (sign-in times, settings, status) change nothing a reader sees.
  { table: "user", columns: ["display_name", "role", "bio"] },
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("content_version")
    .addColumn("key", "text", (col) => col.primaryKey())
    .addColumn("version", "bigint", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("content_version_version_idx").on("content_version").column("version").execute();
  if (isPostgres(db)) await postgresTriggers(db);
  else await sqliteTriggers(db);
  // Every page starts at a known version of the site.
  await sql`insert into content_version (key, version) values ('site', 1)`.execute(db);
  if (isPostgres(db)) await sql`select setval('content_version_seq', 1)`.execute(db);
}

async function sqliteTriggers(db: Kysely<any>) {
  const bump = (key: string) =>
    `insert into content_version (key, version) values (${key}, (select coalesce(max(version), 0) + 1 from content_version)) on conflict (key) do update set version = excluded.version;`;
  for (const { table, articleId } of ARTICLE_TRIGGERS) {
    for (const [event, row] of [
      ["insert", "new"],
      ["update", "new"],
      ["delete", "old"],
    ] as const) {
      await sql
        .raw(`create trigger ${table}_content_${event} after ${event} on "${table}" begin ${bump(`'article:' || ${row}.${articleId}`)} end`)
        .execute(db);
    }
  }
  for (const { table, columns } of SITE_TRIGGERS) {
    for (const event of ["insert", "update", "delete"] as const) {
      if (columns && event !== "update") continue;
      const on = event === "update" && columns ? `update of ${columns.join(", ")}` : event;
      await sql.raw(`create trigger ${table}_content_${event} after ${on} on "${table}" begin ${bump("'site'")} end`).execute(db);
    }
  }
}

async function postgresTriggers(db: Kysely<any>) {
  await sql`create sequence content_version_seq as bigint`.execute(db);
  await sql`
    create function parley_bump_content(changed text) returns void language plpgsql as $$
    declare
      bumped bigint;
      done text := coalesce(current_setting('parley.bumped', true), '');
    begin
      -- Once per key per transaction: its commit shows every change at once. (A post inserts the
      -- comment, sets its path and counts it on the story: one bump, one NOTIFY.)
      if position(' ' || changed || ' ' in done) > 0 then
        return;
      end if;
      perform set_config('parley.bumped', done || ' ' || changed || ' ', true);
      insert into content_version (key, version) values (changed, nextval('content_version_seq'))
      -- Sequence values are drawn before the row is locked, so a transaction that waited may hold a
      -- smaller one than the commit it waited for: a key's version still only ever grows.
      on conflict (key) do update set version = greatest(excluded.version, content_version.version + 1)
      returning version into bumped;
      perform pg_notify('parley_content', changed || ' ' || bumped);
    end $$`.execute(db);
  await sql`
    create function parley_article_changed() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        perform parley_bump_content('article:' || (to_jsonb(old) ->> tg_argv[0]));
      else
        perform parley_bump_content('article:' || (to_jsonb(new) ->> tg_argv[0]));
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create function parley_site_changed() returns trigger language plpgsql as $$
    begin
      perform parley_bump_content('site');
      return null;
    end $$`.execute(db);
  for (const { table, articleId } of ARTICLE_TRIGGERS) {
    await sql
      .raw(
        `create trigger ${table}_content after insert or update or delete on "${table}" for each row execute function parley_article_changed('${articleId}')`,
      )
      .execute(db);
  }
  for (const { table, columns } of SITE_TRIGGERS) {
    const events = columns ? `update of ${columns.join(", ")}` : "insert or update or delete";
    // Once per statement is enough for "site": a whole batch of settings is one change.
    await sql.raw(`create trigger ${table}_content after ${events} on "${table}" for each statement execute function parley_site_changed()`).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const tables = [...ARTICLE_TRIGGERS, ...SITE_TRIGGERS].map((t) => t.table);
  if (isPostgres(db)) {
    for (const table of tables) await sql.raw(`drop trigger if exists ${table}_content on "${table}"`).execute(db);
    await sql`drop function parley_article_changed, parley_site_changed, parley_bump_content`.execute(db);
    await sql`drop sequence content_version_seq`.execute(db);
  } else {
    for (const table of tables) {
      for (const event of ["insert", "update", "delete"]) await sql.raw(`drop trigger if exists ${table}_content_${event}`).execute(db);
    }
  }
  await db.schema.dropTable("content_version").execute();
}
