import { sql, type Kysely } from "kysely";
import { isPostgres, notNullDefault, withId } from "./helpers";

// Landed migrations are never edited: add a new numbered file instead.
export async function up(db: Kysely<any>): Promise<void> {
  // Who saved a story's current text; the version list shows it for the newest state.
  await db.schema
    .alterTable("article")
    .addColumn("updated_by", "integer", (col) => col.references("user.id").onDelete("set null"))
    .execute();

  // Every save keeps the state it replaces (who saved that state, and when).
  await withId(db, db.schema.createTable("article_version"))
    .addColumn("article_id", "integer", (col) => col.notNull().references("article.id").onDelete("cascade"))
    .addColumn("headline", "text", (col) => col.notNull())
    .addColumn("summary", "text", notNullDefault(""))
    .addColumn("body_source", "text", notNullDefault(""))
    .addColumn("slug", "text", (col) => col.notNull())
    .addColumn("categories", "text", notNullDefault("[]"))
    .addColumn("saved_by", "integer", (col) => col.references("user.id").onDelete("set null"))
    .addColumn("created_at", "text", (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex("article_version_article_idx")
    .on("article_version")
    .columns(["article_id", "created_at"])
    .execute();

  // Old addresses of published stories answer with a 301 to the current one.
  await db.schema
    .createTable("article_slug_redirect")
    .addColumn("old_slug", "text", (col) => col.primaryKey())
    .addColumn("article_id", "integer", (col) => col.notNull().references("article.id").onDelete("cascade"))
    .addColumn("created_at", "text", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("article_slug_redirect_article_idx").on("article_slug_redirect").column("article_id").execute();

  // "Report an error": readers' corrections and tips, for the newsroom (not the moderators).
  await withId(db, db.schema.createTable("correction_report"))
    .addColumn("article_id", "integer", (col) => col.notNull().references("article.id").onDelete("cascade"))
    .addColumn("body", "text", (col) => col.notNull())
    .addColumn("email", "text", notNullDefault(""))
    .addColumn("reporter_id", "integer", (col) => col.references("user.id").onDelete("set null"))
    .addColumn("rate_key", "text", notNullDefault(""))
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("handled_at", "text")
    .addColumn("handled_by", "integer", (col) => col.references("user.id").onDelete("set null"))
    .execute();
  await db.schema
    .createIndex("correction_report_open_idx")
    .on("correction_report")
    .columns(["handled_at", "created_at"])
    .execute();
  await db.schema
    .createIndex("correction_report_rate_idx")
    .on("correction_report")
    .columns(["article_id", "rate_key", "created_at"])
    .execute();

  // Dated correction notes at the foot of a story.
  await withId(db, db.schema.createTable("article_correction"))
    .addColumn("article_id", "integer", (col) => col.notNull().references("article.id").onDelete("cascade"))
    .addColumn("body", "text", (col) => col.notNull())
    .addColumn("created_by", "integer", (col) => col.references("user.id").onDelete("set null"))
    .addColumn("created_at", "text", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("article_correction_article_idx").on("article_correction").columns(["article_id", "created_at"]).execute();

  // Search. SQLite: an FTS5 table whose rowid is the article id, kept in step by the model code
  // (app/models/search-sqlite.server.ts), not by triggers, so that PostgreSQL can do the same job
  // with a tsvector column and a GIN index in its own migration when that dialect arrives; on
  // PostgreSQL this migration creates nothing for search.
  if (!isPostgres(db)) {
    await sql`create virtual table article_search using fts5(headline, summary, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
    const articles = await db.selectFrom("article").select(["id", "headline", "summary", "body_html"]).execute();
    for (const article of articles as { id: number; headline: string; summary: string; body_html: string }[]) {
      await sql`insert into article_search (rowid, headline, summary, body) values (${article.id}, ${article.headline}, ${article.summary}, ${textOfHtml(article.body_html)})`.execute(db);
    }
  }
}

/** A frozen copy of the model's plain-text extraction (migrations never import app code). */
function textOfHtml(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/[\uE000\uE001]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) await sql`drop table article_search`.execute(db);
  for (const table of ["article_correction", "correction_report", "article_slug_redirect", "article_version"]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable("article").dropColumn("updated_by").execute();
}
