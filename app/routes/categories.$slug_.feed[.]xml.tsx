import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { listPageHeaders } from "~/utils/http";
import { getCategoryBySlug } from "~/models/category.server";
import { buildRssFeed, listFeedArticles } from "~/models/feed.server";
import { getSiteSettings } from "~/models/setting.server";
import { notFound } from "~/utils/http";
import { shortCodeForId } from "~/utils/short-code";
import { siteOrigin } from "~/utils/site-origin.server";

// Public: one category's latest 30 published stories as RSS 2.0.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const category = await getCategoryBySlug(db, params.slug ?? "");
  if (!category) throw notFound("There is no such category.");
  const origin = siteOrigin(request);
  const [settings, stories] = await Promise.all([getSiteSettings(db), listFeedArticles(db, { categoryId: category.id })]);
  const xml = buildRssFeed({
    origin,
    title: `${settings.siteName}: ${category.name}`,
    description: category.description || `${category.name} stories from ${settings.siteName}`,
    pagePath: `/categories/${category.slug}`,
    feedPath: `/categories/${category.slug}/feed.xml`,
    stories,
    guidFor: (story) => `${origin}/s/${shortCodeForId(story.id)}`,
  });
  return new Response(xml, {
    headers: { "Content-Type": "application/rss+xml; charset=utf-8", "Cache-Control": "public, max-age=300", ...listPageHeaders() },
  });
}
