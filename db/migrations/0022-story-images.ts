import type { Kysely } from "kysely";
import { isPostgres, withId } from "./helpers";

// Landed migrations are never edited: add a new numbered file instead.
//
// Images for stories (issue 29, part 12). An editor uploads one on a story's page; it is resized and
// kept here, in the database, so that every app server can serve it without a shared disk
// (docs/decisions/0023-story-images.md). Each row is one finished image: it never changes, so it is
// served with a cache lifetime of a year. Deleting the story deletes its images.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("article_image"))
    .addColumn("article_id", "integer", (col) => col.notNull().references("article.id").onDelete("cascade"))
    .addColumn("content_type", "text", (col) => col.notNull())
    .addColumn("width", "integer", (col) => col.notNull())
    .addColumn("height", "integer", (col) => col.notNull())
    .addColumn("alt", "text", (col) => col.notNull())
    .addColumn("data", isPostgres(db) ? "bytea" : "blob", (col) => col.notNull())
    .addColumn("uploaded_by", "integer", (col) => col.references("user.id").onDelete("set null"))
    .addColumn("created_at", "text", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("article_image_article_idx").on("article_image").columns(["article_id", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("article_image").execute();
}
