import { sql, type Kysely } from "kysely";
import { isPostgres } from "./helpers";

// Landed migrations are never edited: add a new numbered file instead.
//
// Search on PostgreSQL: the counterpart of SQLite's FTS5 table from 0003. A table keyed by article
// with the indexed text (for the highlighted snippet) and a weighted tsvector (headline A, summary B,
// body C) under a GIN index. The text search configuration folds accents (unaccent) and does no
// stemming, as FTS5's unicode61 tokenizer with remove_diacritics does. On SQLite this migration does
// nothing: 0003 made the FTS5 table.
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create extension if not exists unaccent`.execute(db);
  await sql`create text search configuration parley_search (copy = simple)`.execute(db);
  await sql`alter text search configuration parley_search alter mapping for hword, hword_part, word with unaccent, simple`.execute(db);
  await db.schema
    .createTable("article_search")
    .addColumn("article_id", "integer", (col) => col.primaryKey().references("article.id").onDelete("cascade"))
    .addColumn("headline", "text", (col) => col.notNull())
    .addColumn("summary", "text", (col) => col.notNull())
    .addColumn("body", "text", (col) => col.notNull())
    .addColumn("document", sql`tsvector`, (col) => col.notNull())
    .execute();
  await sql`create index article_search_document_idx on article_search using gin (document)`.execute(db);
  // Stories already there (a database migrated before this one) are indexed from their stored HTML.
  await sql`
    insert into article_search (article_id, headline, summary, body, document)
    select id, headline, summary, body_text, ${documentOf(sql.ref("headline"), sql.ref("summary"), sql.ref("body_text"))}
    from (
      select id, headline, summary,
        trim(regexp_replace(regexp_replace(body_html, '<[^>]*>', ' ', 'g'), '\\s+', ' ', 'g')) as body_text
      from article
    ) as source
  `.execute(db);
}

/** The weighted document, as app/models/search/postgres.server.ts builds it (frozen here). */
function documentOf(headline: unknown, summary: unknown, body: unknown) {
  return sql`setweight(to_tsvector('parley_search', ${headline}), 'A') || setweight(to_tsvector('parley_search', ${summary}), 'B') || setweight(to_tsvector('parley_search', ${body}), 'C')`;
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await db.schema.dropTable("article_search").execute();
  await sql`drop text search configuration parley_search`.execute(db);
}
