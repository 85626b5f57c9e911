import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { getPublicSlugById } from "~/models/article/address.server";
import { notFound } from "~/utils/http";
import { idFromShortCode } from "~/utils/short-code";

// Public: a story's short link (/s/<id in base 36>) sends readers to its current address for good.
export async function loader({ params }: LoaderFunctionArgs) {
  const id = idFromShortCode(params.code ?? "");
  const slug = id === null ? null : await getPublicSlugById(db, id);
  if (!slug) throw notFound("This short link does not lead to a story.");
  return redirect(`/articles/${encodeURIComponent(slug)}`, 301);
}

// Never rendered (the loader redirects or throws); having a component lets an unknown code show the
// site's own "page not found".
export default function ShortLink() {
  return null;
}
