import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifyOfReply } from "../../app/models/notification.server";
import { makeArticle, makeComment, makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";

/** "Replies to you" (issue 29 part 7): each entry says what was said and where; opening one marks it read. */
let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  await app?.close();
});

/** A resident with replies from someone else to one of their comments on a story. */
async function residentWithReplies(bodies: string[]) {
  const article = await makeArticle(app.db, { headline: `The Inchmurran pier repairs ${Date.now()}` });
  const reader = await makeUser(app.db);
  const replier = await makeUser(app.db, { displayName: `Ewan Replier ${Date.now()}` });
  const parent = await makeComment(app.db, { articleId: article.id, authorId: reader.id });
  const replies = [];
  for (const body of bodies) {
    const reply = await makeComment(app.db, { articleId: article.id, authorId: replier.id, parentId: parent.id, bodySource: body });
    await notifyOfReply(app.db, { recipientId: reader.id, actorId: replier.id, commentId: reply.id, at: reply.created_at });
    replies.push(reply);
  }
  const notices = await app.db.selectFrom("notification").select("id").where("user_id", "=", reader.id).orderBy("id").execute();
  return { article, reader, replier, replies, noticeIds: notices.map((n) => n.id) };
}

async function unreadBadge(reader: { id: number }): Promise<string | null> {
  const body = await (await app.request("/notifications", { as: reader })).text();
  return body.match(/Replies to you<span class="badge">(\d+)/)?.[1] ?? null;
}

describe("the list of replies", () => {
  it("shows each reply's first words and the story it is on", async () => {
    const long = `The pier was last repaired in 1998 ${"and the council has known about the cracks for years ".repeat(5)}END`;
    const { article, reader } = await residentWithReplies(["Short and to the point.", long]);
    const body = await (await app.request("/notifications", { as: reader })).text();
    expect(body).toContain("Short and to the point.");
    expect(body).toContain("The pier was last repaired in 1998");
    expect(body).not.toContain("END");
    expect(body).toContain("…");
    expect(body).toContain(`href="/articles/${article.slug}"`);
    expect(body).toContain(article.headline);
  });

  it("offers each reply as a form that posts to its own address, so it works without JavaScript", async () => {
    const { reader, noticeIds } = await residentWithReplies(["One", "Two"]);
    const body = await (await app.request("/notifications", { as: reader })).text();
    for (const id of noticeIds) expect(body).toMatch(new RegExp(`<form method="post" action="/notifications/${id}"`));
  });
});

describe("opening a reply", () => {
  it("marks that one read, goes to the reply's own page, and the header's count follows", async () => {
    const { article, reader, replies, noticeIds } = await residentWithReplies(["First reply", "Second reply"]);
    expect(await unreadBadge(reader)).toBe("2");
    const response = await app.post(`/notifications/${noticeIds[0]}`, {}, { as: reader });
    expect(response.status).toBe(302);
    const reply = replies[0]!;
    expect(response.headers.get("location")).toBe(`/articles/${article.slug}/comments/${reply.id}#comment-${reply.id}`);
    const rows = await app.db.selectFrom("notification").select(["id", "read_at"]).where("user_id", "=", reader.id).orderBy("id").execute();
    expect(rows.map((row) => row.read_at !== null)).toEqual([true, false]);
    expect(await unreadBadge(reader)).toBe("1");
    // Opening it again is harmless and still leads to the reply.
    expect((await app.post(`/notifications/${noticeIds[0]}`, {}, { as: reader })).status).toBe(302);
    expect(await unreadBadge(reader)).toBe("1");
  });

  it("leads back to the list when the reply has been taken down since, and marks it read all the same", async () => {
    const { reader, replies, noticeIds } = await residentWithReplies(["Soon removed"]);
    await app.db.updateTable("comment").set({ status: "removed" }).where("id", "=", replies[0]!.id).execute();
    const response = await app.post(`/notifications/${noticeIds[0]}`, {}, { as: reader });
    expect(response.headers.get("location")).toBe("/notifications");
    expect(await unreadBadge(reader)).toBeNull();
  });

  it("does nothing to someone else's notice, and nothing on a plain GET", async () => {
    const { reader, noticeIds } = await residentWithReplies(["Not yours"]);
    const stranger = await makeUser(app.db);
    expect((await app.post(`/notifications/${noticeIds[0]}`, {}, { as: stranger })).status).toBe(404);
    expect((await app.post("/notifications/abc", {}, { as: reader })).status).toBe(404);
    const get = await app.request(`/notifications/${noticeIds[0]}`, { as: reader, redirect: "manual" });
    expect(get.status).toBe(302);
    expect(get.headers.get("location")).toBe("/notifications");
    expect(await unreadBadge(reader)).toBe("1");
  });

  it("asks a visitor to sign in first", async () => {
    const { noticeIds } = await residentWithReplies(["For a visitor"]);
    const response = await app.post(`/notifications/${noticeIds[0]}`, {});
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/login/);
  });
});
