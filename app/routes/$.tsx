import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { findSlugForLegacyAddress } from "~/models/import/legacy-address.server";
import { notFound } from "~/utils/http";

// Any address no other route claims: an imported story's old address (WordPress's
// /2013/03/26/some-story/) answers 301 to the story; the browser keeps any #comment-N on the way.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const slug = await findSlugForLegacyAddress(db, url.pathname + url.search);
  if (slug) return redirect(`/articles/${encodeURIComponent(slug)}`, 301);
  throw notFound();
}

export default function NotFound() {
  return null;
}
