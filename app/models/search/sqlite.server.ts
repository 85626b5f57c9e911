import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from "kysely";
import type { Database } from "../../../db/schema";

/**
 * The only SQLite-specific search code: the FTS5 table `article_search(headline, summary, body)`
 * (migration 0003), whose rowid is the article id. postgres.server.ts is its PostgreSQL counterpart.
 */
type SearchTable = {
  article_search: { rowid: number; headline: string; summary: string; body: string };
};

export async function ftsIndexArticle(
  db: Kysely<Database>,
  row: { id: number; headline: string; summary: string; body: string },
): Promise<void> {
  const fts = db.withTables<SearchTable>();
  await fts.deleteFrom("article_search").where("rowid", "=", row.id).execute();
  await fts
    .insertInto("article_search")
    .values({ rowid: row.id, headline: row.headline, summary: row.summary, body: row.body })
    .execute();
}

/**
 * Each term is quoted, so nothing a reader types is read as FTS5 syntax (terms are letters and digits
 * already); the last one matches as a prefix, so results come while a word is half typed.
 */
export function toFtsQuery(terms: string[]): string {
  return terms.map((term, i) => `"${term.replace(/"/g, '""')}"${i === terms.length - 1 ? "*" : ""}`).join(" ");
}

// bm25 weights per column: a word in the headline counts most, then the summary, then the body.
const RANK = sql<number>`bm25(article_search, 10.0, 4.0, 1.0)`;
const SNIPPET = sql<string>`snippet(article_search, -1, ${"\uE000"}, ${"\uE001"}, '…', 24)`;

export interface FtsRow {
  id: number;
  slug: string;
  headline: string;
  summary: string;
  publishedAt: string;
  snippet: string;
}

/** The article columns each dialect's search returns beside its snippet. */
export const RESULT_COLUMNS = ["article.id", "article.slug", "article.headline", "article.summary", "article.published_at"] as const;

/** A result row, as both dialects return it, in the shape the search API reads. */
export function toFtsRow(row: { id: number; slug: string; headline: string; summary: string; published_at: string | null; snippet: string | null }): FtsRow {
  return { id: row.id, slug: row.slug, headline: row.headline, summary: row.summary, publishedAt: row.published_at ?? "", snippet: row.snippet ?? "" };
}

/** Which articles a search may return; the caller decides (readers: public ones only). */
export type ArticleFilter = (eb: ExpressionBuilder<Database, "article">) => Expression<SqlBool>;

export async function ftsSearchArticles(
  db: Kysely<Database>,
  options: { terms: string[]; where: ArticleFilter; limit: number; offset: number },
): Promise<FtsRow[]> {
  const rows = await db
    .withTables<SearchTable>()
    .selectFrom("article_search")
    .innerJoin("article", "article.id", "article_search.rowid")
    .select([...RESULT_COLUMNS, SNIPPET.as("snippet")])
    .where(sql<boolean>`article_search match ${toFtsQuery(options.terms)}`)
    .where(options.where)
    .orderBy(RANK)
    .orderBy("article.published_at", "desc")
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  return rows.map(toFtsRow);
}
