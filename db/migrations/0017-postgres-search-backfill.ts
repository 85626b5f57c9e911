import { sql, type Kysely } from "kysely";
import { isPostgres } from "./helpers";

// Landed migrations are never edited: add a new numbered file instead.
//
// Search on PostgreSQL, the stories 0008 indexed. 0008 took the text of a story that was already there
// from its HTML with the tags cut out but its entities left in ("&amp;"), and kept "<", ">" and "&" as
// they are, where the app stores them as stand-ins (app/models/search/postgres.server.ts) so that the
// snippet gives back the text exactly as written: such a story's snippet showed "&amp;amp;". Those rows
// are the only ones with "<", ">" or "&" in them; each is built again here as the app builds it (the
// two helpers below are frozen copies). On SQLite this migration does nothing (FTS5, 0003).
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  const stale = await sql<{ id: number; headline: string; summary: string; body_html: string }>`
    select a.id, a.headline, a.summary, a.body_html
    from article_search s join article a on a.id = s.article_id
    where s.headline ~ '[<>&]' or s.summary ~ '[<>&]' or s.body ~ '[<>&]'
  `.execute(db);
  for (const story of stale.rows) {
    const headline = hideMarkup(story.headline.replace(/[\uE000\uE001]/g, ""));
    const summary = hideMarkup(story.summary.replace(/[\uE000\uE001]/g, ""));
    const body = hideMarkup(textOfHtml(story.body_html));
    await sql`
      update article_search
      set headline = ${headline}, summary = ${summary}, body = ${body},
        document = setweight(to_tsvector('parley_search', ${headline}), 'A') || setweight(to_tsvector('parley_search', ${summary}), 'B') || setweight(to_tsvector('parley_search', ${body}), 'C')
      where article_id = ${story.id}
    `.execute(db);
  }
}

/** A frozen copy of the model's plain-text extraction, as in 0003 (migrations never import app code). */
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

/** A frozen copy of app/models/search/postgres.server.ts's stand-ins for markup characters. */
function hideMarkup(text: string): string {
  return text.replaceAll("<", "\uE002").replaceAll(">", "\uE003").replaceAll("&", "\uE004");
}

export async function down(): Promise<void> {
  // Nothing to undo: the rows hold what the app would have written.
}
