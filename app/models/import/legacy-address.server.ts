import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { nowIso } from "../../utils/time";
import { getPublishedArticleBySlug, isPublicAt } from "../article/reading.server";

/**
 * Addresses stories had on the site they were imported from. WordPress paths are kept without the
 * origin and without a trailing slash ("/2013/03/26/ferry-timetable"); plain permalinks as "?p=123".
 * A page of a post's comments (WordPress's "/2013/03/26/ferry-timetable/comment-page-2/", often
 * followed by "#comment-N", which the browser keeps across the redirect) is the post's own address.
 */
export function legacyPathOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url, "http://old.invalid");
  } catch {
    return null;
  }
  const p = parsed.searchParams.get("p");
  if (p && /^\d+$/.test(p) && (parsed.pathname === "/" || parsed.pathname === "/index.php")) return `?p=${p}`;
  const path = decodeURIComponent(parsed.pathname)
    .replace(/\/+$/, "")
    .replace(/\/comment-page-\d+$/i, "")
    .toLowerCase();
  if (!path || path.startsWith("/articles/")) return null;
  return path;
}

export async function addLegacyAddresses(db: Kysely<Database>, articleId: number, addresses: string[]): Promise<void> {
  const values = [...new Set(addresses)].map((address) => ({ address, article_id: articleId, created_at: nowIso() }));
  if (values.length === 0) return;
  await db
    .insertInto("legacy_address")
    .values(values)
    .onConflict((oc) => oc.column("address").doNothing())
    .execute();
}

/** The current slug of the public story that had this old address (a request's path, or "?p=123"). */
export async function findSlugForLegacyAddress(db: Kysely<Database>, pathOrQuery: string, now: string = nowIso()): Promise<string | null> {
  const address = legacyPathOf(pathOrQuery);
  if (!address) return null;
  const row = await db
    .selectFrom("legacy_address")
    .innerJoin("article", "article.id", "legacy_address.article_id")
    .select("article.slug")
    .where("legacy_address.address", "=", address)
    .where(isPublicAt(now))
    .executeTakeFirst();
  return row?.slug ?? null;
}

/**
 * Where a link from the old site lands before its story: the address of a story a post became, with
 * the browser's "#comment-N" still on it, is sent here (the server never sees the fragment), and the
 * page sends the reader on to the comment N named on the old site, through the import mapping (ADR 21).
 */
export function oldSiteLandingPath(slug: string): string {
  return `/articles/${encodeURIComponent(slug)}/from-old-site`;
}

/** The old site's "#comment-N" (or "?replytocom=N") id, as the import mapping keeps it; null if it is none. */
export function oldCommentIdOf(value: string | null | undefined): string | null {
  const match = /^(?:#?comment-)?(\d{1,20})$/.exec(value?.trim() ?? "");
  return match ? BigInt(match[1]!).toString() : null;
}

/**
 * The comment that the old site's comment `oldId` became, on one story. Old ids live in the import
 * mapping alone, per site they came from, and never as Parley's ids (ADR 21). On the rare story that
 * two sites' comments share with the same old number (a WordPress site and its Disqus forum), the
 * WordPress site's comment is the one its old pages' #comment-N named; then the first one imported.
 */
export async function findCommentForLegacyId(db: Kysely<Database>, articleId: number, oldId: string): Promise<number | null> {
  const external = oldCommentIdOf(oldId);
  if (external === null) return null;
  const rows = await db
    .selectFrom("import_link")
    .innerJoin("comment", "comment.id", "import_link.local_id")
    .select(["comment.id", "import_link.source", "import_link.created_at"])
    .where("import_link.kind", "=", "comment")
    .where("import_link.external_id", "=", external)
    .where("comment.article_id", "=", articleId)
    .execute();
  const rank = (source: string) => (source.startsWith("wordpress:") ? 0 : 1);
  rows.sort((a, b) => rank(a.source) - rank(b.source) || a.created_at.localeCompare(b.created_at) || a.id - b.id);
  return rows[0]?.id ?? null;
}

/** A comment's own page, at its place: where an old link to an imported comment lands. */
function commentPagePath(slug: string, commentId: number): string {
  return `/articles/${encodeURIComponent(slug)}/comments/${commentId}#comment-${commentId}`;
}

/**
 * Where a link to the old site's comment `oldId` on this public story lands: the comment's own page
 * when the comment was imported (`found`), else the story's page. Null when there is no such public story.
 */
export async function findLandingForOldComment(
  db: Kysely<Database>,
  input: { slug: string; oldId: string | null; now?: string },
): Promise<{ path: string; found: boolean } | null> {
  const article = await getPublishedArticleBySlug(db, input.slug, input.now);
  if (!article) return null;
  const commentId = input.oldId === null ? null : await findCommentForLegacyId(db, article.id, input.oldId);
  if (commentId === null) return { path: `/articles/${encodeURIComponent(article.slug)}`, found: false };
  return { path: commentPagePath(article.slug, commentId), found: true };
}

/**
 * Where an imported story's old address sends its reader (ADR 21): WordPress's ?replytocom=N straight
 * to the comment it became, anything else to the story's landing for old links, where the browser
 * brings the #comment-N it kept. One answer for the old paths and for WordPress's plain /?p=ID.
 */
export async function redirectForOldAddress(db: Kysely<Database>, slug: string, url: URL): Promise<{ path: string; status: 301 | 302 }> {
  const replyTo = oldCommentIdOf(url.searchParams.get("replytocom"));
  if (replyTo) {
    const target = await findLandingForOldComment(db, { slug, oldId: replyTo });
    if (target) return { path: target.path, status: target.found ? 301 : 302 };
  }
  return { path: oldSiteLandingPath(slug), status: 301 };
}
