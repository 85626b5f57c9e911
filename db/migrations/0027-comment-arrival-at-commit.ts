import { sql, type Kysely } from "kysely";
import { isPostgres } from "./helpers";
import { COMMENT_EVENT_LOCK_CLASS } from "./0012-comment-events";

// Landed migrations are never edited: add a new numbered file instead.
//
// PostgreSQL only: what a new comment changes beyond its own row is written when its transaction
// commits, not when the row is inserted (ADR 25). A new comment bumps rows that every post shares: its
// story's content version and row (the comment count), the "lists" and "moderation" versions, and the
// story's comment-event lock (migrations 0009, 0012, 0013, 0015). Taken by the insert, those locks were
// held until the app, on its next turn of the event loop, sent `commit`: a round trip and whatever else
// the app server was busy with, during which every other writer on the site waited. Eight writers
// posted one after another. Now the insert takes none of them:
//   - the placement trigger (0013) only sets the path, and notes in a transaction-local setting how many
//     visible comments it placed on the story (what used to be added to the count at once);
//   - a constraint trigger, deferred to the commit, does for each new comment what the insert's
//     triggers did: the story's version, the "posted" event (under the story's lock, so event ids still
//     follow commit order), the "moderation" version, then the story's count (which bumps "lists").
//     That is the order a moderator's decision, an edit and a deletion take the same locks in.
// The locks are held from the start of `commit` to its end, inside the database. Updates and deletions
// of comments keep their triggers as they were. SQLite: nothing changes (one writer, in process).

/**
 * The placement trigger's function (0013's path, unchanged) doing `whenVisible` for a visible comment:
 * noting it for the count at commit (this migration), or counting it at once (0013, on the way down).
 */
function placementFunction(whenVisible: string) {
  return sql.raw(`
    create or replace function parley_place_new_comment() returns trigger language plpgsql as $$
    declare
      segment text := new.id::text;
      placed text := 'parley.placed_on_' || new.article_id;
    begin
      if length(segment) < 10 then
        segment := lpad(segment, 10, '0');
      end if;
      new.path := coalesce((select parent.path || '.' from comment parent where parent.id = new.parent_id), '') || segment;
      if new.status = 'visible' then
        ${whenVisible}
      end if;
      return new;
    end $$`);
}

// Counted at commit by parley_comment_arrived; a savepoint rolled back takes its note back too.
const NOTE_FOR_COUNT = "perform set_config(placed, (coalesce(nullif(current_setting(placed, true), ''), '0')::integer + 1)::text, true);";
const COUNT_AT_ONCE = `perform parley_bump_content('article:' || new.article_id);
        update article set comment_count = comment_count + 1 where id = new.article_id;`;

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await placementFunction(NOTE_FOR_COUNT).execute(db);
  await sql
    .raw(
      `create function parley_comment_arrived() returns trigger language plpgsql as $$
    declare
      placed text := 'parley.placed_on_' || new.article_id;
      counted integer := coalesce(nullif(current_setting(placed, true), ''), '0')::integer;
    begin
      perform parley_bump_content('article:' || new.article_id);
      if new.status = 'visible' then
        perform pg_advisory_xact_lock(${COMMENT_EVENT_LOCK_CLASS}, new.article_id);
        insert into comment_event (article_id, comment_id, parent_id, kind, created_at)
        values (new.article_id, new.id, new.parent_id, 'posted', to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'));
      end if;
      perform parley_bump_content('moderation');
      if counted > 0 then
        -- Every comment this transaction placed on the story, counted once, by whichever arrives first.
        perform set_config(placed, '', true);
        update article set comment_count = comment_count + counted where id = new.article_id;
      end if;
      return null;
    end $$`,
    )
    .execute(db);
  await sql`drop trigger comment_content on comment`.execute(db);
  await sql`create trigger comment_content after update or delete on comment for each row execute function parley_article_changed('article_id')`.execute(db);
  await sql`drop trigger comment_event on comment`.execute(db);
  await sql`create trigger comment_event after update or delete on comment for each row execute function parley_comment_event()`.execute(db);
  await sql`drop trigger comment_queue on comment`.execute(db);
  await sql`create trigger comment_queue after update of status or delete on comment for each statement execute function parley_queue_changed()`.execute(db);
  await sql`
    create constraint trigger comment_arrival after insert on comment deferrable initially deferred
    for each row execute function parley_comment_arrived()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`drop trigger comment_arrival on comment`.execute(db);
  await sql`drop function parley_comment_arrived`.execute(db);
  await sql`drop trigger comment_content on comment`.execute(db);
  await sql`create trigger comment_content after insert or update or delete on comment for each row execute function parley_article_changed('article_id')`.execute(db);
  await sql`drop trigger comment_event on comment`.execute(db);
  await sql`create trigger comment_event after insert or update or delete on comment for each row execute function parley_comment_event()`.execute(db);
  await sql`drop trigger comment_queue on comment`.execute(db);
  await sql`create trigger comment_queue after insert or update of status or delete on comment for each statement execute function parley_queue_changed()`.execute(db);
  await placementFunction(COUNT_AT_ONCE).execute(db);
}
