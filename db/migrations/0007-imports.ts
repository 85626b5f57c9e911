import type { Kysely } from "kysely";

// Landed migrations are never edited: add a new numbered file instead.
export async function up(db: Kysely<any>): Promise<void> {
  // What each record of an imported site became here (issue 14): a WordPress post is a story, a
  // comment a comment, an author or commenter an account. Keyed by the site it came from, so that
  // importing the same export again, or a newer one, finds what it made last time and adds only the rest.
  await db.schema
    .createTable("import_link")
    .addColumn("source", "text", (col) => col.notNull()) // "wordpress:https://old.example", "disqus:forum"
    .addColumn("kind", "text", (col) => col.notNull()) // "story", "comment", "account", "guest"
    .addColumn("external_id", "text", (col) => col.notNull())
    .addColumn("local_id", "integer", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("import_link_pk", ["source", "kind", "external_id"])
    .execute();
  await db.schema.createIndex("import_link_local_idx").on("import_link").columns(["kind", "local_id"]).execute();

  // Addresses a story had on the old site ("/2013/03/26/ferry-timetable", "?p=123"): each answers 301.
  await db.schema
    .createTable("legacy_address")
    .addColumn("address", "text", (col) => col.primaryKey())
    .addColumn("article_id", "integer", (col) => col.notNull().references("article.id").onDelete("cascade"))
    .addColumn("created_at", "text", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("legacy_address_article_idx").on("legacy_address").column("article_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("legacy_address").execute();
  await db.schema.dropTable("import_link").execute();
}
