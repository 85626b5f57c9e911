import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDateTime } from "../../app/utils/time";
import { EDIT_WINDOW_MINUTES } from "../../app/utils/comment-rules";
import { makeArticle, makeComment, makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";

// Issue 29 part 9: the edit form says until when the comment can be edited; an edit sent after the
// window keeps its text and offers to post it as a new comment (or reply) in the same place.

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  await app?.close();
});

async function trustedResident() {
  const user = await makeUser(app.db, { createdAt: new Date(Date.now() - 30 * 86_400_000).toISOString() });
  await app.db.updateTable("user").set({ trusted: 1 }).where("id", "=", user.id).execute();
  return user;
}

describe("the edit window", () => {
  it("shows on the edit form when it ends", async () => {
    const article = await makeArticle(app.db);
    const author = await trustedResident();
    const comment = await makeComment(app.db, { articleId: article.id, authorId: author.id, bodySource: "Ferry at nine" });
    const ends = new Date(Date.parse(comment.created_at) + EDIT_WINDOW_MINUTES * 60_000).toISOString();
    const page = await (await app.request(`/articles/${article.slug}/comments/${comment.id}?edit=${comment.id}`, { as: author })).text();
    expect(page).toContain(`You can edit this comment until <time dateTime="${ends}">${formatDateTime(ends)}</time>`);
  });

  it("keeps a late edit's text and posts it as a new reply under the same parent when asked", async () => {
    const article = await makeArticle(app.db);
    const author = await trustedResident();
    const other = await trustedResident();
    const parent = await makeComment(app.db, { articleId: article.id, authorId: other.id, bodySource: "When is the ferry?" });
    const reply = await makeComment(app.db, { articleId: article.id, authorId: author.id, parentId: parent.id, bodySource: "At nine" });
    const old = new Date(Date.now() - (EDIT_WINDOW_MINUTES + 1) * 60_000).toISOString();
    await app.db.updateTable("comment").set({ created_at: old }).where("id", "=", reply.id).execute();

    // Without JavaScript the form posts to the story's page rendered for its reader (?write), as the page's forms do.
    const late = await app.post(`/articles/${article.slug}?write=1`, { intent: "edit", commentId: String(reply.id), body: "At half past nine, sorry" }, { as: author });
    expect(late.status).toBe(400);
    const page = await late.text();
    expect(page).toContain("that time has passed");
    // The text is kept in the edit form, and a form offers to post it as a new reply under the same parent.
    expect(page).toContain(">At half past nine, sorry</textarea>");
    const repost = page.slice(page.indexOf('class="comment-form__repost"'));
    expect(repost).toContain('name="intent" value="reply"');
    expect(repost).toContain(`name="parentId" value="${parent.id}"`);
    expect(repost).toContain('name="body" value="At half past nine, sorry"');
    expect(repost).toContain("Post it as a new reply");
    // The old comment is unchanged.
    expect((await app.db.selectFrom("comment").select("body_source").where("id", "=", reply.id).executeTakeFirstOrThrow()).body_source).toBe("At nine");

    const posted = await app.post(`/articles/${article.slug}`, { intent: "reply", parentId: String(parent.id), body: "At half past nine, sorry" }, { as: author });
    expect(posted.status).toBe(302);
    const fresh = await app.db.selectFrom("comment").select(["parent_id", "body_source"]).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(fresh).toEqual({ parent_id: parent.id, body_source: "At half past nine, sorry" });
  });

  it("offers a new top-level comment for a late edit of a top-level comment", async () => {
    const article = await makeArticle(app.db);
    const author = await trustedResident();
    const comment = await makeComment(app.db, { articleId: article.id, authorId: author.id, bodySource: "First thought" });
    await app.db
      .updateTable("comment")
      .set({ created_at: new Date(Date.now() - 3600_000).toISOString() })
      .where("id", "=", comment.id)
      .execute();
    const late = await app.post(`/articles/${article.slug}?write=1`, { intent: "edit", commentId: String(comment.id), body: "Second thought" }, { as: author });
    expect(late.status).toBe(400);
    const page = await late.text();
    const repost = page.slice(page.indexOf('class="comment-form__repost"'));
    expect(repost).toContain('name="intent" value="comment"');
    expect(repost.slice(0, repost.indexOf("</form>"))).not.toContain('name="parentId"');
    expect(repost).toContain("Post it as a new comment");
  });
});
