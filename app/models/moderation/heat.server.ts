import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { HEAT_HOURS, HEAT_SORTS, type HeatSort } from "../../utils/heat";

/**
 * How heated each discussion is (issue 15, parts 6 and 7): per story, comments an hour over the last
 * hours, distinct commenters, the share held or taken down, and open reports. One grouped query over the
 * window's comments (the `(article_id, created_at)` reads stay within the window), one for reports.
 */

export { HEAT_HOURS, HEAT_SORTS, type HeatSort };

export interface StoryHeat {
  articleId: number;
  slug: string;
  headline: string;
  /** Comments posted in each of the last HEAT_HOURS hours, oldest first; the last is the hour under way. */
  perHour: number[];
  /** Comments in the last 60 minutes. */
  lastHour: number;
  total: number;
  commenters: number;
  held: number;
  takenDown: number;
  openReports: number;
}

/** "2026-12-07T21": an ISO time's hour, as its first 13 characters (stored times are ISO text in both databases). */
function hourOf(iso: string): string {
  return iso.slice(0, 13);
}

export async function listStoryHeat(db: Kysely<Database>, input: { now?: Date; hours?: number } = {}): Promise<StoryHeat[]> {
  const now = input.now ?? new Date();
  const hours = input.hours ?? HEAT_HOURS;
  const hourStarts = Array.from({ length: hours }, (_, i) => new Date(now.getTime() - (hours - 1 - i) * 3_600_000).toISOString());
  const since = `${hourOf(hourStarts[0]!)}:00:00.000Z`;
  const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
  const nowIso = now.toISOString();
  const rows = await db
    .selectFrom("comment")
    .innerJoin("article", "article.id", "comment.article_id")
    .select((eb) => [
      "comment.article_id",
      "article.slug",
      "article.headline",
      sql<string>`substr(comment.created_at, 1, 13)`.as("hour"),
      eb.fn.countAll<number>().as("n"),
      eb.fn.sum<number>(eb.case().when("comment.status", "=", "pending").then(1).else(0).end()).as("held"),
      eb.fn.sum<number>(eb.case().when("comment.status", "in", ["rejected", "removed"]).then(1).else(0).end()).as("taken_down"),
      eb.fn.sum<number>(eb.case().when("comment.created_at", ">", hourAgo).then(1).else(0).end()).as("last_hour"),
    ])
    .where("comment.created_at", ">=", since)
    .where("comment.created_at", "<=", nowIso)
    .groupBy(["comment.article_id", "article.slug", "article.headline", sql`substr(comment.created_at, 1, 13)`])
    .execute();
  if (rows.length === 0) return [];
  const articleIds = [...new Set(rows.map((row) => row.article_id))];
  const [commenters, reports] = await Promise.all([
    db
      .selectFrom("comment")
      .select((eb) => ["comment.article_id", eb.fn.count<number>("comment.author_id").distinct().as("n")])
      .where("comment.article_id", "in", articleIds)
      .where("comment.created_at", ">=", since)
      .where("comment.created_at", "<=", nowIso)
      .groupBy("comment.article_id")
      .execute(),
    db
      .selectFrom("comment_report")
      .innerJoin("comment", "comment.id", "comment_report.comment_id")
      .select((eb) => ["comment.article_id", eb.fn.countAll<number>().as("n")])
      .where("comment.article_id", "in", articleIds)
      .where("comment_report.resolved_at", "is", null)
      .groupBy("comment.article_id")
      .execute(),
  ]);
  const commentersOf = new Map(commenters.map((row) => [row.article_id, Number(row.n)]));
  const reportsOf = new Map(reports.map((row) => [row.article_id, Number(row.n)]));
  const index = new Map(hourStarts.map((iso, i) => [hourOf(iso), i]));
  const stories = new Map<number, StoryHeat>();
  for (const row of rows) {
    let story = stories.get(row.article_id);
    if (!story) {
      story = {
        articleId: row.article_id,
        slug: row.slug,
        headline: row.headline,
        perHour: new Array<number>(hours).fill(0),
        lastHour: 0,
        total: 0,
        commenters: commentersOf.get(row.article_id) ?? 0,
        held: 0,
        takenDown: 0,
        openReports: reportsOf.get(row.article_id) ?? 0,
      };
      stories.set(row.article_id, story);
    }
    const slot = index.get(row.hour);
    if (slot !== undefined) story.perHour[slot]! += Number(row.n);
    story.total += Number(row.n);
    story.held += Number(row.held ?? 0);
    story.takenDown += Number(row.taken_down ?? 0);
    story.lastHour += Number(row.last_hour ?? 0);
  }
  return [...stories.values()];
}

export function sortStoryHeat(stories: StoryHeat[], sort: HeatSort): StoryHeat[] {
  const key: Record<HeatSort, (s: StoryHeat) => number> = {
    "last-hour": (s) => s.lastHour,
    total: (s) => s.total,
    commenters: (s) => s.commenters,
    held: (s) => (s.total ? (s.held + s.takenDown) / s.total : 0),
    reports: (s) => s.openReports,
  };
  return [...stories].sort((a, b) => key[sort](b) - key[sort](a) || b.total - a.total || a.articleId - b.articleId);
}
