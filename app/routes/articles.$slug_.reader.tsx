import type { LoaderFunctionArgs } from "@remix-run/node";
import { getOptionalUser, sessionHeaders } from "~/auth/guards.server";
import { db } from "~/db.server";
import { findPublishedArticleId } from "~/models/article/reading.server";
import { ANONYMOUS_LAYER, loadReaderHeader, loadReaderLayer } from "~/models/comment/reader-layer.server";

/**
 * A story page's personal layer (ADR 18): the page is the same for everyone, and after hydration it
 * reads this to show the reader who they are, what they liked or reported, their own comments' controls
 * and pending comments, and what they may do. Private: never stored by the server's caches or any other.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  // Anyone may ask; a visitor learns only that they are not signed in.
  const [user, headers] = await Promise.all([getOptionalUser(request), sessionHeaders(request)]);
  headers.set("Cache-Control", "private, no-store");
  if (!user) return Response.json(ANONYMOUS_LAYER, { headers });
  const articleId = await findPublishedArticleId(db, params.slug ?? "");
  // No story here (any more): still who the reader is, for the header.
  if (articleId === undefined) return Response.json({ ...ANONYMOUS_LAYER, user: await loadReaderHeader(db, user) }, { headers });
  return Response.json(await loadReaderLayer(db, { user, articleId }), { headers });
}
