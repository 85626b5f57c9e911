import { createComment } from "../../app/models/comment/writing.server";
import { createUser } from "../../app/models/user.server";
import { e2eDb } from "./support";

/** Data a browser test writes into the demo database of the server under test, its own each time. */

/** A mark that makes a test's names and texts its own. */
export function uniqueMark(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

/** A confirmed resident of this test alone; trusted ones are published straight away. */
export async function newResident(label: string, options: { trusted?: boolean } = {}): Promise<{ id: number; email: string; name: string }> {
  const db = e2eDb();
  try {
    const mark = uniqueMark();
    const email = `${label.toLowerCase()}-${mark}@skerrin.example`;
    const name = `${label} ${mark}`;
    const user = await createUser(db, { email, displayName: name, passwordHash: null, emailVerified: true, termsVersion: 1 });
    if (options.trusted) await db.updateTable("user").set({ trusted: 1 }).where("id", "=", user.id).execute();
    return { id: user.id, email, name };
  } finally {
    await db.destroy();
  }
}

/** A comment on the story, as posting would leave it: published, or held with a reason. */
export async function writeComment(
  storySlug: string,
  authorId: number,
  text: string,
  options: { parentId?: number; status?: "visible" | "pending" } = {},
): Promise<{ id: number; createdAt: string }> {
  const db = e2eDb();
  try {
    const article = await db.selectFrom("article").select("id").where("slug", "=", storySlug).executeTakeFirstOrThrow();
    const comment = await createComment(db, {
      articleId: article.id,
      authorId,
      parentId: options.parentId ?? null,
      bodySource: text,
      status: options.status ?? "visible",
      ...(options.status === "pending" ? { heldReason: "First comment from a new account" } : {}),
    });
    return { id: comment.id, createdAt: comment.created_at };
  } finally {
    await db.destroy();
  }
}
