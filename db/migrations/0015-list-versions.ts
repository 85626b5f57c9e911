import { sql, type Kysely } from "kysely";
import { isPostgres } from "./helpers";

// Landed migrations are never edited: add a new numbered file instead.
//
// The site's lists (front page, category pages, feeds, sitemap) get a content version of their own,
// "lists" (issue 27, part 4). Until now a page that lists stories depended on every story's key, so a
// like or an edit on one story's comments emptied the cached front page on every app server. What a
// list shows comes from the story rows (headline, summary, time, author, comment count) and their
// categories; so "lists" is bumped by any change to those rows, and by nothing else. A new or removed
// comment still moves it (the story's comment_count changes in the same statement, migration 0013); a
// like or an edit does not. Categories' own names are the site's ("site"), as before.
// PostgreSQL: once per statement, after the row triggers, so every writer takes a story's key before
// "lists" (the order a moderator's decision, an edit and a post all take them in: no deadlock).

const TABLES = ["article", "article_category"];

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`
      create function parley_lists_changed() returns trigger language plpgsql as $$
      begin
        perform parley_bump_content('lists');
        return null;
      end $$`.execute(db);
    for (const table of TABLES) {
      await sql
        .raw(`create trigger ${table}_lists after insert or update or delete on "${table}" for each statement execute function parley_lists_changed()`)
        .execute(db);
    }
  } else {
    const bump =
      "insert into content_version (key, version) values ('lists', (select coalesce(max(version), 0) + 1 from content_version)) on conflict (key) do update set version = excluded.version;";
    for (const table of TABLES) {
      for (const event of ["insert", "update", "delete"]) {
        await sql.raw(`create trigger ${table}_lists_${event} after ${event} on "${table}" begin ${bump} end`).execute(db);
      }
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const table of TABLES) await sql.raw(`drop trigger if exists ${table}_lists on "${table}"`).execute(db);
    await sql`drop function if exists parley_lists_changed`.execute(db);
  } else {
    for (const table of TABLES) {
      for (const event of ["insert", "update", "delete"]) await sql.raw(`drop trigger if exists ${table}_lists_${event}`).execute(db);
    }
  }
  await sql`delete from content_version where key = 'lists'`.execute(db);
}
