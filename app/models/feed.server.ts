import { Feed } from "feed";
import { escapeXml, withoutXmlForbidden } from "../utils/xml";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { nowIso } from "../utils/time";
import { isPublicAt, publishedArticlesQuery } from "./article/reading.server";
import { listCategoriesForArticles } from "./category.server";
import { DELETED_USER_NAME } from "./user.server";

/** What readers' machines read: RSS 2.0 feeds, the sitemap and robots.txt. Public stories only. */

export const FEED_SIZE = 30;

interface FeedStory {
  id: number;
  slug: string;
  headline: string;
  summary: string;
  bodyHtml: string;
  publishedAt: string;
  updatedAt: string;
  authorName: string;
  categories: { slug: string; name: string }[];
}

export async function listFeedArticles(
  db: Kysely<Database>,
  options: { categoryId?: number; limit?: number; now?: string } = {},
): Promise<FeedStory[]> {
  const now = options.now ?? nowIso();
  const rows = await publishedArticlesQuery(db, { now, categoryId: options.categoryId })
    .select([
      "article.id",
      "article.slug",
      "article.headline",
      "article.summary",
      "article.body_html",
      "article.published_at",
      "article.updated_at",
      "user.display_name as author_name",
      "user.status as author_status",
    ])
    .limit(options.limit ?? FEED_SIZE)
    .execute();
  const categories = await listCategoriesForArticles(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    headline: row.headline,
    summary: row.summary,
    bodyHtml: row.body_html,
    publishedAt: row.published_at ?? row.updated_at,
    updatedAt: row.updated_at,
    authorName: row.author_name && row.author_status !== "deleted" ? row.author_name : DELETED_USER_NAME,
    categories: categories.get(row.id) ?? [],
  }));
}

/**
 * Text as XML can carry it: the characters XML 1.0 forbids dropped (utils/xml.ts), and every "]]>" broken, because the feed library writes titles and content
 * as CDATA and ends the section at the first one it finds. In the HTML fields "]]&gt;" reads as "]]>".
 */
export function xmlSafe(text: string): string {
  return withoutXmlForbidden(text).replaceAll("]]>", "]]&gt;");
}

export function buildRssFeed(input: {
  origin: string;
  title: string;
  description: string;
  /** The page the feed stands for, e.g. "/" or "/categories/council". */
  pagePath: string;
  feedPath: string;
  stories: FeedStory[];
  /** A guid that survives a change of slug: the story's short link. */
  guidFor: (story: FeedStory) => string;
}): string {
  const feed = new Feed({
    title: xmlSafe(input.title),
    description: xmlSafe(input.description),
    id: `${input.origin}${input.pagePath}`,
    link: `${input.origin}${input.pagePath}`,
    language: "en-GB",
    feedLinks: { rss: `${input.origin}${input.feedPath}` },
    updated: input.stories[0] ? new Date(input.stories[0].publishedAt) : new Date(0),
    generator: "Parley",
    copyright: xmlSafe(`© ${input.title}`),
    ttl: 15,
  });
  for (const story of input.stories) {
    feed.addItem({
      title: xmlSafe(story.headline),
      link: `${input.origin}/articles/${story.slug}`,
      guid: input.guidFor(story),
      date: new Date(story.publishedAt),
      description: xmlSafe(story.summary),
      content: xmlSafe(story.bodyHtml),
      category: story.categories.map((c) => ({ name: xmlSafe(c.name), domain: `${input.origin}/categories/${c.slug}` })),
      extensions: [{ name: "dc:creator", objects: { _text: xmlSafe(story.authorName) } }],
    });
  }
  return feed.rss2();
}

// ---------------------------------------------------------------------------------------------

export interface SitemapEntry {
  path: string;
  lastmod: string | null;
}

/** The front page, every public story and every category (with its newest story's date). */
export async function listSitemapEntries(db: Kysely<Database>, now: string = nowIso()): Promise<SitemapEntry[]> {
  const [stories, categories] = await Promise.all([
    publishedArticlesQuery(db, { now })
      .select(["article.slug", "article.published_at", "article.updated_at"])
      .limit(45_000)
      .execute(),
    db
      .selectFrom("category")
      .leftJoin(
        (eb) =>
          eb
            .selectFrom("article_category")
            .innerJoin("article", "article.id", "article_category.article_id")
            .select(["article_category.category_id", (e) => e.fn.max("article.published_at").as("latest")])
            .where(isPublicAt(now))
            .groupBy("article_category.category_id")
            .as("newest"),
        (join) => join.onRef("newest.category_id", "=", "category.id"),
      )
      .select(["category.slug", "newest.latest"])
      .orderBy("category.position")
      .execute(),
  ]);
  // A story's lastmod is its last save, but never before it went live (a story scheduled long after
  // it was written changed, for readers, when it appeared).
  const storyLastmod = (s: { published_at: string | null; updated_at: string }) =>
    s.published_at && s.published_at > s.updated_at ? s.published_at : s.updated_at;
  return [
    { path: "/", lastmod: stories[0]?.published_at ?? null },
    ...categories.map((c) => ({ path: `/categories/${c.slug}`, lastmod: c.latest ?? null })),
    ...stories.map((s) => ({ path: `/articles/${s.slug}`, lastmod: storyLastmod(s) })),
  ];
}


export function buildSitemapXml(origin: string, entries: SitemapEntry[]): string {
  const urls = entries.map((entry) => {
    const loc = `<loc>${escapeXml(`${origin}${entry.path}`)}</loc>`;
    const lastmod = entry.lastmod ? `<lastmod>${escapeXml(entry.lastmod)}</lastmod>` : "";
    return `  <url>${loc}${lastmod}</url>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls,
    "</urlset>",
    "",
  ].join("\n");
}

/** Everything may be crawled except the staff and account pages. */
export const ROBOTS_DISALLOW = ["/editor", "/admin", "/moderation", "/settings"];

export function buildRobotsTxt(origin: string): string {
  return [
    "User-agent: *",
    "Allow: /",
    ...ROBOTS_DISALLOW.map((path) => `Disallow: ${path}`),
    "",
    `Sitemap: ${origin}/sitemap.xml`,
    "",
  ].join("\n");
}
