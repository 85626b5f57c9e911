import { sql, type Kysely } from "kysely";
import { isPostgres } from "./helpers";

// Landed migrations are never edited: add a new numbered file instead.
//
// A new comment is placed in its thread and counted on its story by the database, in the insert's own
// statement (ADR 17). A comment's thread path ends with its own id, which is known only once the row
// exists; the app used to insert, then set the path, then add one to the story's count: three round
// trips, all while holding the story's locks (its content version and its row), which every writer on
// that story waits for. Now the app inserts the comment with an empty path and these triggers:
//   - set the path: the parent's path, a dot and the id padded to ten digits (the padded id alone for a
//     top-level comment), as app/models/comment/writing.server.ts's pathSegment does;
//   - add one to article.comment_count when the comment is inserted visible.
// Only a row inserted with an empty path is touched: a copied or restored row (db/copy.ts, a backup)
// arrives with its path and its story's count already right, and keeps both.

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    // Before the insert: the identity default has given new.id already, and the row is written once.
    await sql`
      create function parley_place_new_comment() returns trigger language plpgsql as $$
      declare
        segment text := new.id::text;
      begin
        if length(segment) < 10 then
          segment := lpad(segment, 10, '0');
        end if;
        new.path := coalesce((select parent.path || '.' from comment parent where parent.id = new.parent_id), '') || segment;
        if new.status = 'visible' then
          -- The story's content version first, then its row: the order every other write to a story's
          -- comments takes them in (a moderator's decision, an edit), so that two never wait on each other.
          -- The comment's own trigger, after the insert, then finds the version already bumped.
          perform parley_bump_content('article:' || new.article_id);
          update article set comment_count = comment_count + 1 where id = new.article_id;
        end if;
        return new;
      end $$`.execute(db);
    await sql`
      create trigger comment_placement before insert on comment
      for each row when (new.path = '') execute function parley_place_new_comment()`.execute(db);
  } else {
    // SQLite's triggers cannot change the row being inserted: the path is set just after, in the same statement.
    await sql`
      create trigger comment_placement after insert on comment when new.path = '' begin
        update comment set path = coalesce((select parent.path || '.' from comment parent where parent.id = new.parent_id), '')
          || printf('%010d', new.id)
        where id = new.id;
        update article set comment_count = comment_count + 1 where id = new.article_id and new.status = 'visible';
      end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger if exists comment_placement on comment`.execute(db);
    await sql`drop function if exists parley_place_new_comment`.execute(db);
  } else {
    await sql`drop trigger if exists comment_placement`.execute(db);
  }
}
