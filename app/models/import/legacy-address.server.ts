import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { nowIso } from "../../utils/time";
import { isPublicAt } from "../article/reading.server";

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

/** The comment an imported comment's old id now names, on one story (for old #comment-N anchors). */
export async function findCommentForLegacyId(db: Kysely<Database>, articleId: number, oldId: number): Promise<number | null> {
  const row = await db
    .selectFrom("import_link")
    .innerJoin("comment", "comment.id", "import_link.local_id")
    .select("comment.id")
    .where("import_link.kind", "=", "comment")
    .where("import_link.external_id", "=", String(oldId))
    .where("comment.article_id", "=", articleId)
    .executeTakeFirst();
  return row?.id ?? null;
}
