import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { numberedSlug } from "../../utils/slug";
import { nowIso } from "../../utils/time";
import { isPublicAt } from "./reading.server";

/**
 * Links that last: a story's slug is unique now and for ever (old slugs of stories readers have seen
 * keep answering with a 301), and every public story has a short link by id.
 */
type Db = Kysely<Database> | Transaction<Database>;

/** Whether a slug is free for this story: no other story uses it now or used it before. */
export async function slugTakenBy(
  db: Db,
  slug: string,
  articleId: number | null,
): Promise<{ id: number; headline: string } | null> {
  const current = await db
    .selectFrom("article")
    .select(["id", "headline"])
    .where("slug", "=", slug)
    .$if(articleId !== null, (q) => q.where("id", "!=", articleId as number))
    .executeTakeFirst();
  if (current) return current;
  const old = await db
    .selectFrom("article_slug_redirect")
    .innerJoin("article", "article.id", "article_slug_redirect.article_id")
    .select(["article.id", "article.headline"])
    .where("article_slug_redirect.old_slug", "=", slug)
    .$if(articleId !== null, (q) => q.where("article.id", "!=", articleId as number))
    .executeTakeFirst();
  return old ?? null;
}

/** The first free slug from a base: "ferry", then "ferry-2", "ferry-3" ... */
export async function uniqueSlug(db: Db, base: string, articleId: number | null): Promise<string> {
  const start = base || "story";
  for (let n = 1; n < 10_000; n++) {
    const candidate = numberedSlug(start, n);
    if (!(await slugTakenBy(db, candidate, articleId))) return candidate;
  }
  throw new Error(`No free slug for ${start}`);
}

/** The current slug of a public story that used to live at `oldSlug`. */
export async function findCurrentSlugForOldSlug(
  db: Kysely<Database>,
  oldSlug: string,
  now: string = nowIso(),
): Promise<string | null> {
  const row = await db
    .selectFrom("article_slug_redirect")
    .innerJoin("article", "article.id", "article_slug_redirect.article_id")
    .select("article.slug")
    .where("article_slug_redirect.old_slug", "=", oldSlug)
    .where(isPublicAt(now))
    .executeTakeFirst();
  return row?.slug ?? null;
}

/** The slug of a public story by id (short links). */
export async function getPublicSlugById(db: Kysely<Database>, id: number, now: string = nowIso()): Promise<string | null> {
  const row = await db
    .selectFrom("article")
    .select("article.slug")
    .where("article.id", "=", id)
    .where(isPublicAt(now))
    .executeTakeFirst();
  return row?.slug ?? null;
}
