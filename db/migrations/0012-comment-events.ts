import { sql, type Kysely } from "kysely";
import { isPostgres } from "./helpers";

// Landed migrations are never edited: add a new numbered file instead.
//
// Comment events (ADR 15): a durable, ordered log of what a reader of a story can see change in its
// discussion, for the live-update streams. One row per change, written by triggers in the transaction
// of the change (whatever code path writes), so an event exists exactly when its change committed.
// Only changes a reader may see are logged: a comment held for a moderator is not "posted" until it is
// approved; a visible comment leaving view is "deleted" (by its author) or "removed" (by a moderator).
// The id is the stream's event id: per story, ids follow commit order (PostgreSQL takes a
// transaction-scoped advisory lock on the story before drawing one), so "everything after id N" never
// skips a late commit. Old rows are pruned by the servers (server/live-updates.ts).
//
// The moderation queue gets a content version of its own, "moderation", bumped whenever what the queue
// counts may have moved (a report filed or resolved, a comment held, decided or gone), so moderators'
// open queue pages learn of it the way story pages do. No page cache depends on that key.

/** The advisory lock class for comment events (lockForTransaction uses the one-argument form). */
export const COMMENT_EVENT_LOCK_CLASS = 1_701_000;

export async function up(db: Kysely<any>): Promise<void> {
  const table = db.schema.createTable("comment_event");
  await (isPostgres(db)
    ? table.addColumn("id", "bigint", (col) => col.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn("id", "integer", (col) => col.primaryKey().autoIncrement()))
    .addColumn("article_id", "integer", (col) => col.notNull())
    .addColumn("comment_id", "integer", (col) => col.notNull())
    .addColumn("parent_id", "integer")
    .addColumn("kind", "text", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("comment_event_article_idx").on("comment_event").columns(["article_id", "id"]).execute();
  await db.schema.createIndex("comment_event_created_idx").on("comment_event").column("created_at").execute();
  if (isPostgres(db)) await postgresTriggers(db);
  else await sqliteTriggers(db);
  if (isPostgres(db)) await postgresQueueTriggers(db);
  else await sqliteQueueTriggers(db);
}

/** What the queue counts moves with: every report, and a comment's arrival, status or removal. */
const QUEUE_TRIGGERS: { table: string; events: ("insert" | "update" | "delete")[]; updateOf?: string }[] = [
  { table: "comment_report", events: ["insert", "update", "delete"] },
  { table: "comment", events: ["insert", "update", "delete"], updateOf: "status" },
];

async function sqliteQueueTriggers(db: Kysely<any>) {
  const bump = `insert into content_version (key, version) values ('moderation', (select coalesce(max(version), 0) + 1 from content_version)) on conflict (key) do update set version = excluded.version;`;
  for (const { table, events, updateOf } of QUEUE_TRIGGERS) {
    for (const event of events) {
      const on = event === "update" && updateOf ? `update of ${updateOf}` : event;
      await sql.raw(`create trigger ${table}_queue_${event} after ${on} on "${table}" begin ${bump} end`).execute(db);
    }
  }
}

async function postgresQueueTriggers(db: Kysely<any>) {
  await sql`
    create function parley_queue_changed() returns trigger language plpgsql as $$
    begin
      perform parley_bump_content('moderation');
      return null;
    end $$`.execute(db);
  for (const { table, updateOf } of QUEUE_TRIGGERS) {
    const events = `insert or ${updateOf ? `update of ${updateOf}` : "update"} or delete`;
    // Once per statement: a bulk decision is one change to the queue.
    await sql
      .raw(`create trigger ${table}_queue after ${events} on "${table}" for each statement execute function parley_queue_changed()`)
      .execute(db);
  }
}

/** What kind of event an update is, as SQL over old and new (null: nothing a reader sees changed). */
const UPDATE_KIND = `case
    when old.status <> 'visible' and new.status = 'visible' then
      case when old.status in ('removed', 'deleted', 'rejected') then 'restored' else 'posted' end
    when old.status = 'visible' and new.status = 'deleted' then 'deleted'
    when old.status = 'visible' and new.status <> 'visible' then 'removed'
    when old.status = 'visible' and new.status = 'visible' and old.body_html <> new.body_html then 'edited'
    else null
  end`;

async function sqliteTriggers(db: Kysely<any>) {
  const now = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;
  await sql
    .raw(
      `create trigger comment_event_insert after insert on comment when new.status = 'visible' begin
        insert into comment_event (article_id, comment_id, parent_id, kind, created_at)
        values (new.article_id, new.id, new.parent_id, 'posted', ${now}); end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger comment_event_update after update of status, body_html on comment when (${UPDATE_KIND}) is not null begin
        insert into comment_event (article_id, comment_id, parent_id, kind, created_at)
        values (new.article_id, new.id, new.parent_id, ${UPDATE_KIND}, ${now}); end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger comment_event_delete after delete on comment when old.status = 'visible' begin
        insert into comment_event (article_id, comment_id, parent_id, kind, created_at)
        values (old.article_id, old.id, old.parent_id, 'deleted', ${now}); end`,
    )
    .execute(db);
}

async function postgresTriggers(db: Kysely<any>) {
  await sql
    .raw(
      `create function parley_comment_event() returns trigger language plpgsql as $$
    declare
      kind text;
      row_article integer;
      row_comment integer;
      row_parent integer;
    begin
      if tg_op = 'INSERT' then
        kind := case when new.status = 'visible' then 'posted' else null end;
      elsif tg_op = 'UPDATE' then
        kind := ${UPDATE_KIND};
      else
        kind := case when old.status = 'visible' then 'deleted' else null end;
      end if;
      if kind is null then
        return null;
      end if;
      if tg_op = 'DELETE' then
        row_article := old.article_id; row_comment := old.id; row_parent := old.parent_id;
      else
        row_article := new.article_id; row_comment := new.id; row_parent := new.parent_id;
      end if;
      -- Identity values are drawn before commit: without this lock a later id could commit first and a
      -- stream reading "after N" would pass over the earlier one. Held to commit, per story.
      perform pg_advisory_xact_lock(${COMMENT_EVENT_LOCK_CLASS}, row_article);
      insert into comment_event (article_id, comment_id, parent_id, kind, created_at)
      values (row_article, row_comment, row_parent, kind, to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'));
      return null;
    end $$`,
    )
    .execute(db);
  await sql`create trigger comment_event after insert or update or delete on comment for each row execute function parley_comment_event()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const { table } of QUEUE_TRIGGERS) await sql.raw(`drop trigger if exists ${table}_queue on "${table}"`).execute(db);
    await sql`drop function parley_queue_changed`.execute(db);
    await sql`drop trigger if exists comment_event on comment`.execute(db);
    await sql`drop function parley_comment_event`.execute(db);
  } else {
    for (const event of ["insert", "update", "delete"]) await sql.raw(`drop trigger if exists comment_event_${event}`).execute(db);
    for (const { table, events } of QUEUE_TRIGGERS) {
      for (const event of events) await sql.raw(`drop trigger if exists ${table}_queue_${event}`).execute(db);
    }
  }
  await db.schema.dropTable("comment_event").execute();
}
