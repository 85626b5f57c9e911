import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { SEARCH_MAX_INPUT, SEARCH_RESULTS_PER_PAGE } from "../../utils/newsroom-limits";
import { dialectOf } from "../../../db/database";
import { pgIndexArticle, pgSearchArticles } from "./postgres.server";
import { ftsIndexArticle, ftsSearchArticles, type ArticleFilter } from "./sqlite.server";

/**
 * Article search, in words that do not depend on the database: turn what a reader typed into terms,
 * keep the index in step with the articles, and find matches with a highlighted snippet. It imports
 * nothing from the other model folders: callers say which articles count. The dialects' specifics
 * live in one module each: sqlite.server.ts (FTS5) and postgres.server.ts (tsvector, ts_rank,
 * ts_headline); this file picks one by the handle it is given.
 */

export { SEARCH_MAX_INPUT, SEARCH_RESULTS_PER_PAGE };
const MAX_TERMS = 12;
const OPERATORS = new Set(["AND", "OR", "NOT", "NEAR"]);

/**
 * The words of a query: letters and digits only (quotes, brackets, stars, colons and emoji are
 * dropped), search operators typed in capitals are ignored, at most twelve words from the first 200
 * characters. An empty list means there is nothing to search for.
 */
export function searchTerms(input: string): string[] {
  const words = input.slice(0, SEARCH_MAX_INPUT).match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.filter((word) => !OPERATORS.has(word)).slice(0, MAX_TERMS);
}

// Private-use characters mark the match in a snippet: they cannot be typed into a story by accident
// (indexing strips them), survive HTML escaping untouched, and are swapped for <mark> afterwards.
export const MATCH_START = "\uE000";
export const MATCH_END = "\uE001";

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** A snippet from the index as safe HTML: everything escaped, then the markers become <mark>. */
export function snippetToHtml(snippet: string): string {
  let open = false;
  let html = "";
  for (const char of escapeHtml(snippet)) {
    if (char === MATCH_START && !open) {
      html += "<mark>";
      open = true;
    } else if (char === MATCH_END && open) {
      html += "</mark>";
      open = false;
    } else if (char !== MATCH_START && char !== MATCH_END) {
      html += char;
    }
  }
  return open ? `${html}</mark>` : html;
}

/** The text of a story body for the index: tags out, entities back to characters, markers removed. */
export function textOfHtml(html: string): string {
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

export interface SearchableArticle {
  id: number;
  headline: string;
  summary: string;
  bodyHtml: string;
}

/** Called by every write of a story's text (create, save, restore), inside the same transaction. */
export async function indexArticleForSearch(db: Kysely<Database>, article: SearchableArticle): Promise<void> {
  const strip = (text: string) => text.replace(/[\uE000\uE001]/g, "");
  await (dialectOf(db) === "postgres" ? pgIndexArticle : ftsIndexArticle)(db, {
    id: article.id,
    headline: strip(article.headline),
    summary: strip(article.summary),
    body: textOfHtml(article.bodyHtml),
  });
}

export interface SearchHit {
  id: number;
  slug: string;
  headline: string;
  summary: string;
  publishedAt: string;
  snippetHtml: string;
}

export interface SearchResults {
  query: string;
  terms: string[];
  hits: SearchHit[];
  page: number;
  hasNextPage: boolean;
}

/**
 * Articles matching every word (the last one as a prefix), best matches first, among those the
 * caller's filter lets through (article/reading.server.ts searchPublicArticles for readers).
 */
export async function searchArticles(
  db: Kysely<Database>,
  query: string,
  options: { where: ArticleFilter; page?: number; perPage?: number },
): Promise<SearchResults> {
  const terms = searchTerms(query);
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const perPage = options.perPage ?? SEARCH_RESULTS_PER_PAGE;
  if (terms.length === 0) return { query, terms, hits: [], page, hasNextPage: false };
  const rows = await (dialectOf(db) === "postgres" ? pgSearchArticles : ftsSearchArticles)(db, {
    terms,
    where: options.where,
    limit: perPage + 1,
    offset: (page - 1) * perPage,
  });
  return {
    query,
    terms,
    page,
    hasNextPage: rows.length > perPage,
    hits: rows.slice(0, perPage).map((row) => ({
      id: row.id,
      slug: row.slug,
      headline: row.headline,
      summary: row.summary,
      publishedAt: row.publishedAt,
      snippetHtml: snippetToHtml(row.snippet),
    })),
  };
}
