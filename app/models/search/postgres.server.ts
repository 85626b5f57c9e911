import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { RESULT_COLUMNS, toFtsRow, type ArticleFilter, type FtsRow } from "./sqlite.server";

/**
 * The only PostgreSQL-specific search code: the table `article_search(article_id, headline, summary,
 * body, document)` of migration 0008, whose tsvector `document` weighs the headline (A) over the
 * summary (B) over the body (C), under a GIN index; the `parley_search` configuration folds accents.
 * Same contract as sqlite.server.ts: every term must match, the last one as a prefix, best first.
 */
type SearchTable = {
  article_search: { article_id: number; headline: string; summary: string; body: string; document: unknown };
};

const CONFIG = sql.lit("parley_search");

// PostgreSQL's parser reads "<b>" or "&amp;" in plain text as markup, which ts_headline then drops from
// the snippet; stored with stand-ins (private-use characters, like the match markers), the text comes
// back exactly as written.
const STAND_INS: [string, string][] = [
  ["<", "\uE002"],
  [">", "\uE003"],
  ["&", "\uE004"],
];

function hideMarkup(text: string): string {
  return STAND_INS.reduce((out, [char, standIn]) => out.replaceAll(char, standIn), text);
}

function restoreMarkup(text: string): string {
  return STAND_INS.reduce((out, [char, standIn]) => out.replaceAll(standIn, char), text);
}

export async function pgIndexArticle(
  db: Kysely<Database>,
  plain: { id: number; headline: string; summary: string; body: string },
): Promise<void> {
  const row = { ...plain, headline: hideMarkup(plain.headline), summary: hideMarkup(plain.summary), body: hideMarkup(plain.body) };
  const document = sql`setweight(to_tsvector(${CONFIG}, ${row.headline}), 'A') || setweight(to_tsvector(${CONFIG}, ${row.summary}), 'B') || setweight(to_tsvector(${CONFIG}, ${row.body}), 'C')`;
  await db
    .withTables<SearchTable>()
    .insertInto("article_search")
    .values({ article_id: row.id, headline: row.headline, summary: row.summary, body: row.body, document })
    .onConflict((oc) =>
      oc.column("article_id").doUpdateSet({
        headline: (eb) => eb.ref("excluded.headline"),
        summary: (eb) => eb.ref("excluded.summary"),
        body: (eb) => eb.ref("excluded.body"),
        document: sql`excluded.document`,
      }),
    )
    .execute();
}

/**
 * Every term as a quoted lexeme joined by AND, the last one a prefix: nothing a reader types is read as
 * tsquery syntax (terms are letters and digits already, and quoting keeps them single lexemes).
 */
export function toTsQuery(terms: string[]): string {
  return terms.map((term, i) => `'${term.replace(/'/g, "''")}'${i === terms.length - 1 ? ":*" : ""}`).join(" & ");
}

// ts_rank weights are given as {D, C, B, A}: body 1, summary 4, headline 10, as FTS5's bm25 weights.
const WEIGHTS = sql.lit("{0.01, 0.1, 0.4, 1.0}");
const HEADLINE_OPTIONS = sql.lit(
  "StartSel=\uE000, StopSel=\uE001, MaxWords=24, MinWords=8, ShortWord=0, MaxFragments=1, FragmentDelimiter=…",
);

export async function pgSearchArticles(
  db: Kysely<Database>,
  options: { terms: string[]; where: ArticleFilter; limit: number; offset: number },
): Promise<FtsRow[]> {
  const query = sql`to_tsquery(${CONFIG}, ${toTsQuery(options.terms)})`;
  const rows = await db
    .withTables<SearchTable>()
    .selectFrom("article_search")
    .innerJoin("article", "article.id", "article_search.article_id")
    .select([
      ...RESULT_COLUMNS,
      sql<string>`ts_headline(${CONFIG}, article_search.headline || ' ' || article_search.summary || ' ' || article_search.body, ${query}, ${HEADLINE_OPTIONS})`.as(
        "snippet",
      ),
    ])
    .where(sql<boolean>`article_search.document @@ ${query}`)
    .where(options.where)
    .orderBy(sql`ts_rank(${WEIGHTS}, article_search.document, ${query})`, "desc")
    .orderBy("article.published_at", "desc")
    .orderBy("article.id", "desc")
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  return rows.map((row) => toFtsRow({ ...row, snippet: restoreMarkup(row.snippet ?? "") }));
}
