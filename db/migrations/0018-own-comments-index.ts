import type { Kysely } from "kysely";

// Landed migrations are never edited: add a new numbered file instead.
export async function up(db: Kysely<any>): Promise<void> {
  // Every page view of a signed-in reader asks for their own comments on the story (their layer): by
  // story and author, without reading the story's whole discussion (1,600 comments on a big one).
  await db.schema.createIndex("comment_article_author_idx").on("comment").columns(["article_id", "author_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("comment_article_author_idx").execute();
}
