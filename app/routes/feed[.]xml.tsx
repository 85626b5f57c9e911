import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { listPageHeaders } from "~/utils/http";
import { buildRssFeed, listFeedArticles } from "~/models/feed.server";
import { getSiteSettings } from "~/models/setting.server";
import { shortCodeForId } from "~/utils/short-code";
import { siteOrigin } from "~/utils/site-origin.server";

// Public: the latest 30 published stories as RSS 2.0.
export async function loader({ request }: LoaderFunctionArgs) {
  const origin = siteOrigin(request);
  const [settings, stories] = await Promise.all([getSiteSettings(db), listFeedArticles(db)]);
  const xml = buildRssFeed({
    origin,
    title: settings.siteName,
    description: settings.tagline,
    pagePath: "/",
    feedPath: "/feed.xml",
    stories,
    guidFor: (story) => `${origin}/s/${shortCodeForId(story.id)}`,
  });
  return new Response(xml, {
    headers: { "Content-Type": "application/rss+xml; charset=utf-8", "Cache-Control": "public, max-age=300", ...listPageHeaders() },
  });
}
