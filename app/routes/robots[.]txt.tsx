import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildRobotsTxt } from "~/models/feed.server";
import { siteOrigin } from "~/utils/site-origin.server";

// Public: crawl everything but staff and account pages; where the sitemap is.
export async function loader({ request }: LoaderFunctionArgs) {
  return new Response(buildRobotsTxt(siteOrigin(request)), {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
