import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { shortCodeForId } from "../../utils/short-code";
import { listArticleCorrections, type CorrectionNote } from "./correction.server";

/**
 * What the story page shows besides the story and its comments: the canonical and short links, the
 * correction notes, and the start time the "Report an error" form carries. Costs no query unless the
 * story has correction notes (the story query counts them).
 */
export interface ArticleExtrasData {
  origin: string;
  canonicalUrl: string;
  shortUrl: string;
  corrections: CorrectionNote[];
}

export async function getArticleExtras(
  db: Kysely<Database>,
  article: { id: number; slug: string; correctionCount: number },
  /** The site's public origin (utils/site-origin.server.ts), for the canonical and short links. */
  origin: string,
): Promise<ArticleExtrasData> {
  return {
    origin,
    canonicalUrl: `${origin}/articles/${article.slug}`,
    shortUrl: `${origin}/s/${shortCodeForId(article.id)}`,
    corrections: article.correctionCount > 0 ? await listArticleCorrections(db, article.id) : [],
  };
}
