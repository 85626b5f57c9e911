import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeArticle, makeComment, makeResident, makeStaff, makeStoryWithComment } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";
import { html, useTestRules } from "./moderation-support";

/** The moderators' log and its filters; the public log of removals, which names nobody. */
let app: TestServer;
let staff: Awaited<ReturnType<typeof makeStaff>>;

beforeAll(async () => {
  app = await startTestServer();
  await useTestRules(app.db);
  staff = await makeStaff(app.db);
});
afterAll(async () => {
  await app?.close();
});

describe("the moderators' log", () => {
  it("lists every action with who did it, to what, under which rule, newest first", async () => {
    const { comment, author } = await makeStoryWithComment(app.db, { status: "pending", headline: "Pier lights switched off" });
    await app.post("/moderation?index", { intent: "reject", commentId: String(comment.id), ruleNumber: "3", note: "Name-calling" }, { as: staff.moderator });
    const page = await html(await app.request("/moderation/log", { as: staff.moderator }));
    expect(page).toContain("<h1>Moderation log</h1>");
    const row = page.slice(page.indexOf("Rejected a held comment"));
    expect(row).toContain(staff.moderator.display_name);
    expect(row).toContain(`href="/moderation/comments/${comment.id}"`);
    expect(row).toContain(author.display_name);
    expect(row).toContain("Pier lights switched off");
    expect(row).toContain("3. No personal attacks");
    expect(row).toContain("Name-calling");
  });

  it("filters by action, by moderator, by account, by story and by date", async () => {
    const first = await makeStoryWithComment(app.db, { status: "pending", headline: "Filter story one" });
    const second = await makeStoryWithComment(app.db, { status: "visible", headline: "Filter story two" });
    await app.post("/moderation?index", { intent: "approve", commentId: String(first.comment.id) }, { as: staff.moderator });
    await app.post("/moderation?index", { intent: "reject", commentId: String(second.comment.id), ruleNumber: "1" }, { as: staff.admin });

    const byAction = await html(await app.request("/moderation/log?action=remove_comment", { as: staff.moderator }));
    expect(byAction).toContain("Filter story two");
    expect(byAction).not.toContain("Filter story one");

    const byModerator = await html(await app.request(`/moderation/log?moderator=${staff.moderator.id}`, { as: staff.moderator }));
    expect(byModerator).toContain("Filter story one");
    expect(byModerator).not.toContain("Filter story two");

    const byAccount = await html(await app.request(`/moderation/log?user=${second.author.id}`, { as: staff.moderator }));
    expect(byAccount).toContain("Filter story two");
    expect(byAccount).not.toContain("Filter story one");
    expect(byAccount).toMatch(new RegExp(`Account: <a [^>]*href="/moderation/users/${second.author.id}"`));

    const byStory = await html(await app.request(`/moderation/log?story=${first.article.id}`, { as: staff.moderator }));
    expect(byStory).toContain("Filter story one");
    expect(byStory).not.toContain("Filter story two");

    const today = new Date().toISOString().slice(0, 10);
    const inRange = await html(await app.request(`/moderation/log?from=2000-01-01&to=2999-12-31`, { as: staff.moderator }));
    expect(inRange).toContain("Filter story one");
    const before = await html(await app.request(`/moderation/log?to=2000-01-01`, { as: staff.moderator }));
    expect(before).toContain("Nothing in the log matches.");
    const bad = await html(await app.request(`/moderation/log?from=yesterday&to=${today}`, { as: staff.moderator }));
    expect(bad).toContain('id="filter-from-error"');
  });

  it("shows automatic actions as automatic", async () => {
    const { article, comment } = await makeStoryWithComment(app.db, { status: "visible", headline: "Reported by three" });
    for (let i = 0; i < 3; i++) {
      const reporter = await makeResident(app.db, 300);
      const fields = { intent: "report", commentId: String(comment.id), reason: "abuse", note: "" };
      expect((await app.post(`/articles/${article.slug}`, fields, { as: reporter })).status).toBeLessThan(400);
    }
    const status = await app.db.selectFrom("comment").select("status").where("id", "=", comment.id).executeTakeFirstOrThrow();
    expect(status.status).toBe("pending");
    const page = await html(await app.request("/moderation/log?moderator=automatic", { as: staff.moderator }));
    expect(page).toContain("Hid a reported comment until a moderator decides");
    expect(page).toContain("Automatic");
  });
});

describe("the public moderation log", () => {
  it("lists each removal with date, story, rule and the decider's role, never names or the removed text", async () => {
    const article = await makeArticle(app.db, { headline: "Lifeboat station appeal" });
    const author = await makeResident(app.db, 30, "Secretive Commenter");
    const removed = await makeComment(app.db, { articleId: article.id, authorId: author.id, bodySource: "Unrepeatable words about the coxswain" });
    const rejected = await makeComment(app.db, { articleId: article.id, authorId: author.id, status: "pending", bodySource: "Held words never shown" });
    await app.post("/moderation?index", { intent: "reject", commentId: String(removed.id), ruleNumber: "3", note: "Private note for the author" }, { as: staff.moderator });
    await app.post("/moderation?index", { intent: "reject", commentId: String(rejected.id), ruleNumber: "1" }, { as: staff.admin });

    const page = await html(await app.request("/moderation-log"));
    expect(page).toContain("<h1>Moderation log</h1>");
    expect(page).toContain(`href="/articles/${article.slug}"`);
    expect(page).toContain("Lifeboat station appeal");
    expect(page).toContain("Rule 3: No personal attacks");
    expect(page).toContain("Rule 1: Be civil");
    expect(page).toContain("Removed by a moderator");
    expect(page).toContain("Not published by an admin");
    expect(page).toMatch(/<time dateTime="\d{4}-\d\d-\d\dT/);
    for (const secret of [
      staff.moderator.display_name,
      staff.admin.display_name,
      "Secretive Commenter",
      "Unrepeatable words",
      "Held words never shown",
      "Private note for the author",
    ]) {
      expect(page, secret).not.toContain(secret);
    }
  });

  it("leaves out approvals and other actions, and stories readers cannot see", async () => {
    const draft = await makeArticle(app.db, { headline: "Unpublished draft story", status: "draft" });
    const author = await makeResident(app.db);
    const onDraft = await makeComment(app.db, { articleId: draft.id, authorId: author.id, status: "pending" });
    await app.post("/moderation?index", { intent: "reject", commentId: String(onDraft.id), ruleNumber: "1" }, { as: staff.moderator });
    const { comment } = await makeStoryWithComment(app.db, { status: "pending", headline: "Approved only story" });
    await app.post("/moderation?index", { intent: "approve", commentId: String(comment.id) }, { as: staff.moderator });
    const page = await html(await app.request("/moderation-log"));
    expect(page).not.toContain("Unpublished draft story");
    expect(page).not.toContain("Approved only story");
  });
});
