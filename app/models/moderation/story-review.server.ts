import { type Kysely } from "kysely";
import { nowIso } from "../../utils/time";
import type { Database } from "../../../db/schema";
import type { AfterHoursMode } from "../../utils/staffed-hours";

/** A story as its moderation page shows it: the discussion's state and what waits in it. */

export interface ArticleForModeration {
  id: number;
  slug: string;
  headline: string;
  status: string;
  publishedAt: string | null;
  commentsOpen: boolean;
  premoderate: boolean;
  afterHours: AfterHoursMode;
  slowModeMinutes: number;
  visibleCount: number;
  heldCount: number;
  removedCount: number;
}

/** One story's discussion switches and counts, for /moderation/stories/:id. */
export async function getArticleForModeration(db: Kysely<Database>, articleId: number, now = nowIso()): Promise<ArticleForModeration | null> {
  const article = await db
    .selectFrom("article")
    .select(["id", "slug", "headline", "status", "published_at", "comments_open", "premoderate", "after_hours", "slow_mode_minutes"])
    .select((eb) => [
      eb
        .selectFrom("comment")
        .select((c) => c.fn.countAll<number>().as("n"))
        .whereRef("comment.article_id", "=", "article.id")
        .where("comment.status", "=", "visible")
        .as("visible_count"),
      eb
        .selectFrom("comment")
        .select((c) => c.fn.countAll<number>().as("n"))
        .whereRef("comment.article_id", "=", "article.id")
        .where("comment.status", "=", "pending")
        .as("held_count"),
      eb
        .selectFrom("comment")
        .select((c) => c.fn.countAll<number>().as("n"))
        .whereRef("comment.article_id", "=", "article.id")
        .where("comment.status", "in", ["rejected", "removed"])
        .as("removed_count"),
    ])
    .where("id", "=", articleId)
    .executeTakeFirst();
  if (!article) return null;
  return {
    id: article.id,
    slug: article.slug,
    headline: article.headline,
    // A scheduled story is published from its time on, whether or not the publisher has run yet.
    status: article.status === "scheduled" && article.published_at !== null && article.published_at <= now ? "published" : article.status,
    publishedAt: article.published_at,
    commentsOpen: article.comments_open === 1,
    premoderate: article.premoderate === 1,
    afterHours: article.after_hours,
    slowModeMinutes: Number(article.slow_mode_minutes),
    visibleCount: Number(article.visible_count ?? 0),
    heldCount: Number(article.held_count ?? 0),
    removedCount: Number(article.removed_count ?? 0),
  };
}
