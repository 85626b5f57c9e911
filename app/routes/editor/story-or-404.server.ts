import { db } from "~/db.server";
import { getArticleForEditing } from "~/models/article/newsroom.server";
import { notFound, parseId } from "~/utils/http";

/** The story a newsroom page's `:id` names, as editors see it; a 404 for a number that names none. */
export async function storyForEditingOr404(raw: string | undefined) {
  const id = parseId(raw);
  const article = id === null ? undefined : await getArticleForEditing(db, id);
  if (!article) throw notFound("There is no story with that number.");
  return article;
}
