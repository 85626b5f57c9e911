import type { LoaderFunctionArgs } from "@remix-run/node";
import { Feed } from "feed";
import { db } from "~/db.server";
import { getPublishedArticleBySlug } from "~/models/article/reading.server";
import { listLatestVisibleComments } from "~/models/comment/thread-page.server";
import { getSiteSettings } from "~/models/setting.server";
import { siteOrigin } from "~/utils/site-origin.server";
import { notFound, storyPageHeaders } from "~/utils/http";
import { xmlSafe } from "~/models/feed.server";

/** RSS 2.0 of a story's latest visible comments. Public, like the comments themselves. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const article = await getPublishedArticleBySlug(db, params.slug ?? "");
  if (!article) throw notFound("There is no story at this address.");
  const [comments, settings] = await Promise.all([listLatestVisibleComments(db, article.id, 50), getSiteSettings(db)]);
  const origin = siteOrigin(request);
  const storyUrl = `${origin}/articles/${article.slug}`;
  const feed = new Feed({
    title: xmlSafe(`Comments on “${article.headline}” · ${settings.siteName}`),
    description: xmlSafe(`The latest comments on “${article.headline}”.`),
    id: `${storyUrl}#comments`,
    link: `${storyUrl}#comments`,
    language: "en-GB",
    copyright: "Comments are the views of their authors.",
    updated: new Date(comments[0]?.createdAt ?? article.publishedAt),
    feedLinks: { rss: `${storyUrl}/comments.xml` },
  });
  for (const comment of comments) {
    feed.addItem({
      title: xmlSafe(`${comment.authorName} on “${article.headline}”`),
      id: `${storyUrl}#comment-${comment.id}`,
      link: `${storyUrl}#comment-${comment.id}`,
      content: xmlSafe(comment.bodyHtml),
      author: [{ name: xmlSafe(comment.authorName) }],
      date: new Date(comment.createdAt),
    });
  }
  return new Response(feed.rss2(), {
    headers: { "Content-Type": "application/rss+xml; charset=utf-8", "Cache-Control": "public, max-age=60", ...storyPageHeaders(article.id) },
  });
}
