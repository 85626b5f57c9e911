import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { listPageHeaders } from "~/utils/http";
import { buildSitemapXml, listSitemapEntries } from "~/models/feed.server";
import { siteOrigin } from "~/utils/site-origin.server";

// Public: the front page, categories and every published story, for search engines.
export async function loader({ request }: LoaderFunctionArgs) {
  const xml = buildSitemapXml(siteOrigin(request), await listSitemapEntries(db));
  return new Response(xml, {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=300", ...listPageHeaders() },
  });
}
