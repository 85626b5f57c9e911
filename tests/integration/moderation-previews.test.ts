import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeArticle, makeComment, makeStaff } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";

// Issue 29 part 10: moderators' previews are whole comments or whole lines with a clear "Show all",
// every reply on request; a scheduled story that is live says so; closing comments keeps its reason.

let app: TestServer;
let staff: Awaited<ReturnType<typeof makeStaff>>;
beforeAll(async () => {
  app = await startTestServer();
  staff = await makeStaff(app.db);
});
afterAll(async () => {
  await app?.close();
});

const LONG = "The harbour board met on Tuesday and heard from the ferry operator, the fishermen's association and the lifeboat crew about the new berth. ".repeat(4);

describe("moderators' previews", () => {
  it("show a short reply whole and a long one in whole lines with Show all, and every reply on request", async () => {
    const article = await makeArticle(app.db);
    const held = await makeComment(app.db, { articleId: article.id, authorId: staff.resident.id, status: "pending", bodySource: "Held words" });
    await makeComment(app.db, { articleId: article.id, authorId: staff.resident.id, parentId: held.id, bodySource: "Short reply" });
    await makeComment(app.db, { articleId: article.id, authorId: staff.resident.id, parentId: held.id, bodySource: LONG });
    for (let i = 3; i <= 5; i++) {
      await makeComment(app.db, { articleId: article.id, authorId: staff.resident.id, parentId: held.id, bodySource: `Reply number ${i}` });
    }
    const page = await (await app.request(`/moderation/comments/${held.id}`, { as: staff.moderator })).text();
    const replies = page.slice(page.indexOf(`id="replies-${held.id}"`));
    expect(replies).toContain("First 3 of 5 replies");
    // The short reply stands whole; the long one has its whole text behind a Show all that works without scripts.
    expect(replies).toMatch(/<div class="prose"><p>Short reply<\/p>/);
    expect(replies).toMatch(/<details class="clamped__more"><summary>Show all<span class="visually-hidden"> of [^<]+’s reply<\/span><\/summary><div class="prose"><p>The harbour board/);
    expect(replies).not.toContain("moderation-item__clamp");
    expect(replies).not.toContain("Reply number 5");
    expect(replies).toContain(`href="/moderation/comments/${held.id}?replies=all#replies-${held.id}"`);
    const all = await (await app.request(`/moderation/comments/${held.id}?replies=all`, { as: staff.moderator })).text();
    expect(all).toContain("Reply number 5");
    expect(all).toContain("5 replies:");
  });
});

describe("a story's moderation page", () => {
  it("says published once a scheduled story's time has come, and keeps the reason for closing comments in the log", async () => {
    const past = new Date(Date.now() - 60_000).toISOString();
    const article = await makeArticle(app.db, { status: "scheduled", publishedAt: past });
    const page = await (await app.request(`/moderation/stories/${article.id}`, { as: staff.moderator })).text();
    expect(page).not.toContain("readers cannot see it yet");
    const later = await makeArticle(app.db, { status: "scheduled", publishedAt: new Date(Date.now() + 3600_000).toISOString() });
    expect(await (await app.request(`/moderation/stories/${later.id}`, { as: staff.moderator })).text()).toContain("scheduled: readers cannot see it yet");

    const closed = await app.post(`/moderation/stories/${article.id}`, { intent: "close", note: "Court case under way" }, { as: staff.moderator });
    expect(closed.status).toBeLessThan(400);
    const entry = await app.db
      .selectFrom("moderation_action")
      .select(["action", "note", "moderator_id"])
      .where("article_id", "=", article.id)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ action: "close_comments", note: "Court case under way", moderator_id: staff.moderator.id });
    const log = await (await app.request(`/moderation/log?story=${article.id}`, { as: staff.moderator })).text();
    expect(log).toContain("Court case under way");
  });
});
