import type { LoaderFunctionArgs } from "@remix-run/node";
import { getOptionalUser, sessionHeaders } from "~/auth/guards.server";
import { db } from "~/db.server";
import { loadReaderLayerForSlug } from "~/models/comment/reader-layer.server";

/**
 * A story page's personal layer (ADR 18): the page is the same for everyone, and after hydration it
 * reads this to show the reader who they are, what they liked or reported, their own comments' controls
 * and pending comments, and what they may do. Private: never stored by the server's caches or any other.
 * The server answers it before Remix for visitors and valid sessions (server/reader-layer.ts); this
 * route answers the rest (a cookie naming no session, which it clears) and any server without caches.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  // Anyone may ask; a visitor learns only that they are not signed in.
  const [user, headers] = await Promise.all([getOptionalUser(request), sessionHeaders(request)]);
  headers.set("Cache-Control", "private, no-store");
  return Response.json(await loadReaderLayerForSlug(db, { user, slug: params.slug ?? "" }), { headers });
}
