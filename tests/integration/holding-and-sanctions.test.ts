import { sql } from "kysely";
import { testDialect } from "../support/test-db";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rejectComment, approveComment, ModerationError, setArticleDiscussion } from "../../app/models/moderation/decision.server";
import { DEFAULT_MODERATION_SETTINGS, saveModerationSettings } from "../../app/models/moderation/hold-rules.server";
import { liftSanction, sanctionUser, setUserTrusted } from "../../app/models/moderation/sanction.server";
import { makeArticle, makeComment, makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";

let app: TestServer;
let admin: { id: number; role: "admin" };
let moderator: { id: number; role: "moderator" };

beforeAll(async () => {
  app = await startTestServer();
  await app.db
    .insertInto("terms_rule")
    .values([
      { number: 1, title: "Be civil", body: "Argue with ideas." },
      { number: 2, title: "No hate", body: "No hate." },
      { number: 3, title: "Personal attacks", body: "Play the ball." },
    ])
    .execute();
  admin = { id: (await makeUser(app.db, { role: "admin" })).id, role: "admin" };
  moderator = { id: (await makeUser(app.db, { role: "moderator" })).id, role: "moderator" };
});
afterAll(async () => {
  await app?.close();
});

async function setRules(changes: Partial<typeof DEFAULT_MODERATION_SETTINGS>) {
  await saveModerationSettings(app.db, { settings: { ...DEFAULT_MODERATION_SETTINGS, ...changes }, adminId: admin.id });
}
beforeEach(async () => {
  await setRules({});
});

const DAY = 86_400_000;
async function resident(options: { trusted?: boolean; ageDays?: number } = {}) {
  const user = await makeUser(app.db, { createdAt: new Date(Date.now() - (options.ageDays ?? 30) * DAY).toISOString() });
  if (options.trusted ?? true) await app.db.updateTable("user").set({ trusted: 1 }).where("id", "=", user.id).execute();
  return user;
}
async function post(slug: string, author: { id: number }, body: string, extra: Record<string, string> = {}) {
  return app.post(`/articles/${slug}`, { intent: extra.parentId ? "reply" : "comment", body, ...extra }, { as: author });
}
async function latest(articleId: number) {
  return app.db.selectFrom("comment").selectAll().where("article_id", "=", articleId).orderBy("id", "desc").executeTakeFirstOrThrow();
}
async function logRows(commentId: number) {
  return app.db.selectFrom("moderation_action").selectAll().where("comment_id", "=", commentId).orderBy("id").execute();
}

describe("rules that hold a comment for review", () => {
  it("holds the first comment of a new account, shown only to its author as awaiting moderation", async () => {
    const article = await makeArticle(app.db);
    const newcomer = await resident({ trusted: false, ageDays: 0 });
    const posted = await post(article.slug, newcomer, "My first words here");
    expect(posted.status).toBe(302);
    const held = await latest(article.id);
    // Without JavaScript the author lands on the comment's own page, rendered for them, where it shows.
    expect(posted.headers.get("location")).toBe(`/articles/${article.slug}/comments/${held.id}#comment-${held.id}`);
    expect(held.status).toBe("pending");
    expect(held.held_reason).toMatch(/new account/);
    for (const path of [`/articles/${article.slug}/yours`, `/articles/${article.slug}/comments/${held.id}`]) {
      const own = await (await app.request(path, { as: newcomer })).text();
      expect(own).toContain("My first words here");
      expect(own).toContain("Awaiting moderation");
    }
    // With JavaScript the story's page (the same for everyone) puts it in place from the personal layer.
    const layer = await (await app.request(`/articles/${article.slug}/reader`, { as: newcomer })).json();
    expect(layer.pending).toEqual([{ parentId: null, comment: expect.objectContaining({ id: held.id, pending: true }) }]);
    expect(await (await app.request(`/articles/${article.slug}`, { as: newcomer })).text()).not.toContain("My first words here");
    const others = await (await app.request(`/articles/${article.slug}`)).text();
    expect(others).not.toContain("My first words here");
    // once approved, the next one goes straight up
    await approveComment(app.db, { moderator, commentId: held.id });
    await post(article.slug, newcomer, "My second comment");
    expect((await latest(article.id)).status).toBe("visible");
  });

  it("lets trusted residents skip the new-account hold", async () => {
    const article = await makeArticle(app.db);
    const newcomer = await resident({ trusted: false, ageDays: 0 });
    await setUserTrusted(app.db, { moderator, userId: newcomer.id, trusted: true });
    await post(article.slug, newcomer, "Trusted from the start");
    expect((await latest(article.id)).status).toBe("visible");
  });

  it("holds a comment with two or more links", async () => {
    const article = await makeArticle(app.db);
    const author = await resident();
    await post(article.slug, author, "See https://example.org/a and https://example.org/b");
    const held = await latest(article.id);
    expect(held.status).toBe("pending");
    expect(held.held_reason).toBe("Contains 2 links");
    await post(article.slug, author, "Only one: https://example.org/c");
    expect((await latest(article.id)).status).toBe("visible");
  });

  it("holds suspect words and refuses banned words naming the rule, keeping the text, but never catches ordinary words", async () => {
    await setRules({ suspectWords: ["crook"], bannedWords: ["scum"], bannedWordsRule: 2 });
    const article = await makeArticle(app.db);
    const author = await resident();
    await post(article.slug, author, "The harbourmaster is a CR00K");
    expect((await latest(article.id)).status).toBe("pending");
    const refused = await post(article.slug, author, "Absolute scum, the lot of them");
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain("rule 2 of our terms of posting (No hate)");
    expect(html).toContain("Absolute scum, the lot of them");
    await post(article.slug, author, "The crooked lane by the scummy pond");
    expect((await latest(article.id)).status).toBe("visible");
  });

  it("hides a comment after reports from three different residents until a moderator decides", async () => {
    const article = await makeArticle(app.db);
    const author = await resident();
    const comment = await makeComment(app.db, { articleId: article.id, authorId: author.id, bodySource: "Contested view" });
    for (const n of [1, 2, 3]) {
      const reporter = await resident();
      const response = await app.post(`/articles/${article.slug}`, { intent: "report", commentId: String(comment.id), reason: "abuse" }, { as: reporter });
      expect(response.status).toBe(302); // without JavaScript: back to the comment, thanked there
      const row = await app.db.selectFrom("comment").select("status").where("id", "=", comment.id).executeTakeFirstOrThrow();
      expect(row.status).toBe(n < 3 ? "visible" : "pending");
    }
    expect(await (await app.request(`/articles/${article.slug}`)).text()).not.toContain("Contested view");
    const [hide] = await logRows(comment.id);
    expect(hide).toMatchObject({ action: "auto_hide_comment", moderator_id: null });
    const count = await app.db.selectFrom("article").select("comment_count").where("id", "=", article.id).executeTakeFirstOrThrow();
    expect(count.comment_count).toBe(0);
  });

  it("holds everything when pre-moderation is on site-wide, for a story, or for an account", async () => {
    const article = await makeArticle(app.db);
    const author = await resident();
    await setRules({ premoderateAll: true });
    await post(article.slug, author, "Site-wide pre-moderation");
    expect((await latest(article.id)).held_reason).toMatch(/Every comment/);
    await setRules({});
    await setArticleDiscussion(app.db, { moderator, articleId: article.id, premoderate: true });
    await post(article.slug, author, "Story pre-moderation");
    expect((await latest(article.id)).held_reason).toMatch(/this story/);
    await setArticleDiscussion(app.db, { moderator, articleId: article.id, premoderate: false });
    await sanctionUser(app.db, { moderator, userId: author.id, kind: "premoderate", ruleNumber: 1, note: "Cooling off" });
    await post(article.slug, author, "Account pre-moderation");
    expect((await latest(article.id)).held_reason).toMatch(/account is pre-moderated/);
  });
});

describe("decisions", () => {
  it("leave a placeholder citing the rule where a removed comment had replies, and tell the author why", async () => {
    const article = await makeArticle(app.db, { headline: "Harbour dues" });
    const author = await resident();
    const replier = await resident();
    const comment = await makeComment(app.db, { articleId: article.id, authorId: author.id, bodySource: "You are all fools" });
    await makeComment(app.db, { articleId: article.id, authorId: replier.id, parentId: comment.id, bodySource: "Steady on" });
    await rejectComment(app.db, { moderator, commentId: comment.id, ruleNumber: 3, note: "Please argue with the point" });
    const page = await (await app.request(`/articles/${article.slug}`)).text();
    expect(page).toContain("Removed by a moderator: rule 3, personal attacks");
    expect(page).not.toContain("You are all fools");
    expect(page).toContain("Steady on");
    const notices = await (await app.request("/notifications", { as: author })).text();
    expect(notices).toContain("rule 3, Personal attacks");
    expect(notices).toContain("Please argue with the point");
    const rows = await logRows(comment.id);
    expect(rows.at(-1)).toMatchObject({ action: "remove_comment", moderator_id: moderator.id, rule_number: 3, note: "Please argue with the point" });
  });

  it("count a comment hidden by reports, then taken down, as removed: it had been published", async () => {
    const article = await makeArticle(app.db);
    const author = await resident();
    const comment = await makeComment(app.db, { articleId: article.id, authorId: author.id, bodySource: "Reported then removed" });
    await makeComment(app.db, { articleId: article.id, authorId: (await resident()).id, parentId: comment.id, bodySource: "A reply below it" });
    for (let i = 0; i < 3; i++) {
      await app.post(`/articles/${article.slug}`, { intent: "report", commentId: String(comment.id), reason: "abuse" }, { as: await resident() });
    }
    await rejectComment(app.db, { moderator, commentId: comment.id, ruleNumber: 3 });
    const row = await app.db.selectFrom("comment").select("status").where("id", "=", comment.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("removed");
    expect((await logRows(comment.id)).map((r) => r.action)).toEqual(["auto_hide_comment", "remove_comment"]);
    expect(await (await app.request(`/articles/${article.slug}`)).text()).toContain("Removed by a moderator: rule 3");
  });

  it("refuse a rejection without a rule, changing nothing and logging nothing", async () => {
    const article = await makeArticle(app.db);
    const comment = await makeComment(app.db, { articleId: article.id, authorId: (await resident()).id });
    await expect(rejectComment(app.db, { moderator, commentId: comment.id, ruleNumber: null })).rejects.toBeInstanceOf(ModerationError);
    const row = await app.db.selectFrom("comment").select("status").where("id", "=", comment.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("visible");
    expect(await logRows(comment.id)).toEqual([]);
  });

  it("leave neither the change nor its log row when the log cannot be written", async () => {
    const article = await makeArticle(app.db);
    const comment = await makeComment(app.db, { articleId: article.id, authorId: (await resident()).id, status: "pending" });
    if (testDialect() === "postgres") {
      await sql`create function audit_down() returns trigger language plpgsql as $$ begin raise exception 'audit log unavailable'; end $$`.execute(app.db);
      await sql`create trigger audit_down before insert on moderation_action for each row execute function audit_down()`.execute(app.db);
    } else {
      await sql`create trigger audit_down before insert on moderation_action begin select raise(abort, 'audit log unavailable'); end`.execute(app.db);
    }
    try {
      await expect(approveComment(app.db, { moderator, commentId: comment.id })).rejects.toThrow(/audit log unavailable/);
    } finally {
      if (testDialect() === "postgres") {
        await sql`drop trigger audit_down on moderation_action`.execute(app.db);
        await sql`drop function audit_down`.execute(app.db);
      } else {
        await sql`drop trigger audit_down`.execute(app.db);
      }
    }
    const row = await app.db.selectFrom("comment").select("status").where("id", "=", comment.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("pending");
    expect(await logRows(comment.id)).toEqual([]);
  });

  it("never let a moderator decide on their own comment", async () => {
    const article = await makeArticle(app.db);
    const own = await makeComment(app.db, { articleId: article.id, authorId: moderator.id });
    await expect(rejectComment(app.db, { moderator, commentId: own.id, ruleNumber: 1 })).rejects.toThrow(/your own comments/);
  });
});

describe("sanctions", () => {
  it("suspend posting until the suspension ends, and lift cleanly", async () => {
    const article = await makeArticle(app.db);
    const author = await resident();
    const id = await sanctionUser(app.db, { moderator, userId: author.id, kind: "suspend", ruleNumber: 1, note: "Take a break", days: 3 });
    const refused = await post(article.slug, author, "Still here");
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("suspended");
    // the suspension ran out (moved into the past)
    await app.db.updateTable("user").set({ status_until: new Date(Date.now() - 1000).toISOString() }).where("id", "=", author.id).execute();
    expect((await post(article.slug, author, "Back again")).status).toBe(302);
    await liftSanction(app.db, { moderator, sanctionId: id });
    const user = await app.db.selectFrom("user").select(["status", "status_until"]).where("id", "=", author.id).executeTakeFirstOrThrow();
    expect(user).toEqual({ status: "active", status_until: null });
  });

  it("ban posting, liking and reporting, but not reading or settings", async () => {
    const article = await makeArticle(app.db);
    const other = await resident();
    const target = await makeComment(app.db, { articleId: article.id, authorId: other.id });
    const banned = await resident();
    await sanctionUser(app.db, { moderator, userId: banned.id, kind: "ban", ruleNumber: 2, note: "" });
    expect((await post(article.slug, banned, "Let me post")).status).toBe(400);
    expect((await app.post(`/articles/${article.slug}`, { intent: "like", commentId: String(target.id) }, { as: banned })).status).toBe(400);
    expect((await app.post(`/articles/${article.slug}`, { intent: "report", commentId: String(target.id), reason: "spam" }, { as: banned })).status).toBe(400);
    expect((await app.request(`/articles/${article.slug}`, { as: banned })).status).toBe(200);
    expect((await app.request("/settings", { as: banned })).status).toBe(200);
    const notices = await (await app.request("/notifications", { as: banned })).text();
    expect(notices).toContain("banned");
  });

  it("make a warned resident acknowledge the warning before posting again", async () => {
    const article = await makeArticle(app.db);
    const author = await resident();
    const id = await sanctionUser(app.db, { moderator, userId: author.id, kind: "warn", ruleNumber: 3, note: "Mind the tone" });
    const page = await (await app.request(`/articles/${article.slug}?write=1`, { as: author })).text();
    expect(page).toContain("A moderator has warned you");
    expect(page).toContain("Mind the tone");
    expect((await post(article.slug, author, "Posting anyway")).status).toBe(400);
    const ack = await app.post(`/articles/${article.slug}`, { intent: "acknowledge", sanctionId: String(id) }, { as: author });
    expect(ack.status).toBe(302);
    expect((await post(article.slug, author, "Posting after reading")).status).toBe(302);
  });

  it("log every sanction with its rule, and refuse acting on an admin", async () => {
    const author = await resident();
    await sanctionUser(app.db, { moderator, userId: author.id, kind: "warn", ruleNumber: 1, note: "n" });
    const row = await app.db.selectFrom("moderation_action").selectAll().where("user_id", "=", author.id).where("action", "=", "warn_user").executeTakeFirstOrThrow();
    expect(row).toMatchObject({ moderator_id: moderator.id, rule_number: 1 });
    await expect(sanctionUser(app.db, { moderator, userId: admin.id, kind: "ban", ruleNumber: 1, note: "" })).rejects.toThrow(/Only an admin/);
  });
});
