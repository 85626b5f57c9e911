import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { getArticleImageFile } from "~/models/article/image.server";
import { notFound, parseId } from "~/utils/http";

// Public: a story's image. A stored image never changes (a new upload gets a new address), so browsers
// and caches may keep it for a year without asking again.
export async function loader({ params }: LoaderFunctionArgs) {
  const id = parseId(params.id);
  const image = id === null ? undefined : await getArticleImageFile(db, id);
  if (!image) throw notFound("There is no image with that number.");
  return new Response(new Uint8Array(image.data), {
    headers: {
      "Content-Type": image.contentType,
      "Content-Length": String(image.data.byteLength),
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
