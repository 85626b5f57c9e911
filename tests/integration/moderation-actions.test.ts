import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeComment, makeResident, makeStaff, makeStoryWithComment } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";
import { commentStatus, html, logRows, useTestRules } from "./moderation-support";

/** Each action of the comment, story and account pages, through the request handler, with its log row. */
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

async function notices(userId: number) {
  return (await app.db.selectFrom("notification").select("body").where("user_id", "=", userId).orderBy("id").execute()).map((n) => n.body);
}

describe("one comment's page", () => {
  it("shows the comment in context with its history from the log", async () => {
    const { comment } = await makeStoryWithComment(app.db, { status: "pending", body: "A comment to look at closely" });
    await app.post(`/moderation/comments/${comment.id}`, { intent: "approve", note: "Fine on reflection" }, { as: staff.moderator });
    const page = await html(await app.request(`/moderation/comments/${comment.id}`, { as: staff.admin }));
    expect(page).toContain("A comment to look at closely");
    expect(page).toContain("History");
    expect(page).toContain("Approved a comment");
    expect(page).toContain("Fine on reflection");
    expect(page).toContain(staff.moderator.display_name);
    expect(page).toContain("Feature this comment");
  });

  it("answers 404 for a comment that does not exist", async () => {
    expect((await app.request("/moderation/comments/999999", { as: staff.moderator })).status).toBe(404);
  });

  it("removes a published comment citing a rule, then restores it, each with its log row and a notice to the author", async () => {
    const { author, comment } = await makeStoryWithComment(app.db, { status: "visible" });
    const removed = await app.post(`/moderation/comments/${comment.id}`, { intent: "reject", ruleNumber: "2", note: "Coded language" }, { as: staff.moderator });
    expect(removed.status).toBe(200);
    expect(await commentStatus(app.db, comment.id)).toMatchObject({ status: "removed", rule_number: 2 });
    const restored = await app.post(`/moderation/comments/${comment.id}`, { intent: "restore" }, { as: staff.admin });
    expect(restored.status).toBe(200);
    expect(await html(restored)).toContain("Restored the comment");
    expect(await commentStatus(app.db, comment.id)).toMatchObject({ status: "visible", rule_number: null });
    expect((await logRows(app.db, { commentId: comment.id })).map((r) => [r.action, r.moderator_id])).toEqual([
      ["remove_comment", staff.moderator.id],
      ["restore_comment", staff.admin.id],
    ]);
    const told = await notices(author.id);
    expect(told[0]).toContain("rule 2, No hate");
    expect(told[0]).toContain("Coded language");
    expect(told[1]).toContain("restored your comment");
  });

  it("refuses to restore a comment that was never taken down, with a message and no log row", async () => {
    const { comment } = await makeStoryWithComment(app.db, { status: "visible" });
    const response = await app.post(`/moderation/comments/${comment.id}`, { intent: "restore" }, { as: staff.moderator });
    expect(response.status).toBe(400);
    expect(await html(response)).toContain("Only a rejected or removed comment can be restored.");
    expect(await logRows(app.db, { commentId: comment.id })).toEqual([]);
  });

  it("refuses a removal without a rule: the comment stays up and nothing is logged", async () => {
    const { comment } = await makeStoryWithComment(app.db, { status: "visible" });
    const response = await app.post(`/moderation/comments/${comment.id}`, { intent: "reject", note: "no rule" }, { as: staff.moderator });
    expect(response.status).toBe(400);
    const page = await html(response);
    expect(page).toContain(`id="rule-${comment.id}-error"`);
    expect(page).toContain("no rule");
    expect((await commentStatus(app.db, comment.id)).status).toBe("visible");
    expect(await logRows(app.db, { commentId: comment.id })).toEqual([]);
  });

  it("features and stops featuring a published comment", async () => {
    const { article, comment } = await makeStoryWithComment(app.db, { status: "visible", body: "A comment worth featuring" });
    expect((await app.post(`/moderation/comments/${comment.id}`, { intent: "feature" }, { as: staff.moderator })).status).toBe(200);
    const story = await html(await app.request(`/articles/${article.slug}`));
    expect(story).toContain("featured-comments");
    expect((await app.post(`/moderation/comments/${comment.id}`, { intent: "unfeature" }, { as: staff.moderator })).status).toBe(200);
    const row = await app.db.selectFrom("comment").select("featured_at").where("id", "=", comment.id).executeTakeFirstOrThrow();
    expect(row.featured_at).toBeNull();
    expect((await logRows(app.db, { commentId: comment.id })).map((r) => r.action)).toEqual(["feature_comment", "unfeature_comment"]);
  });

  it("refuses to feature a held comment", async () => {
    const { comment } = await makeStoryWithComment(app.db, { status: "pending" });
    const response = await app.post(`/moderation/comments/${comment.id}`, { intent: "feature" }, { as: staff.moderator });
    expect(response.status).toBe(400);
    expect(await html(response)).toContain("Only a visible comment can be featured.");
    expect(await logRows(app.db, { commentId: comment.id })).toEqual([]);
  });
});

describe("a story's moderation page", () => {
  it("closes and reopens comments, logging each", async () => {
    const { article } = await makeStoryWithComment(app.db, { status: "visible" });
    const closed = await app.post(`/moderation/stories/${article.id}`, { intent: "close", note: "Heated thread" }, { as: staff.moderator });
    expect(closed.status).toBe(200);
    expect(await html(closed)).toContain("Comments are closed on this story.");
    expect((await html(await app.request(`/articles/${article.slug}`))).includes("Comments are closed on this story")).toBe(true);
    await app.post(`/moderation/stories/${article.id}`, { intent: "open" }, { as: staff.moderator });
    const row = await app.db.selectFrom("article").select("comments_open").where("id", "=", article.id).executeTakeFirstOrThrow();
    expect(row.comments_open).toBe(1);
    expect((await logRows(app.db, { articleId: article.id })).map((r) => [r.action, r.note])).toEqual([
      ["close_comments", "Heated thread"],
      ["open_comments", ""],
    ]);
  });

  it("switches pre-moderation of the story on, so that a trusted resident's next comment is held", async () => {
    const { article } = await makeStoryWithComment(app.db, { status: "visible" });
    expect((await app.post(`/moderation/stories/${article.id}`, { intent: "premoderate" }, { as: staff.moderator })).status).toBe(200);
    const page = await html(await app.request(`/moderation/stories/${article.id}`, { as: staff.moderator }));
    expect(page).toContain("Stop pre-moderating this story");
    const resident = await makeResident(app.db, 300);
    await app.db.updateTable("user").set({ trusted: 1 }).where("id", "=", resident.id).execute();
    await app.post(`/articles/${article.slug}`, { intent: "comment", body: "Held because the story is pre-moderated" }, { as: resident });
    const posted = await app.db.selectFrom("comment").select(["status", "held_reason"]).where("author_id", "=", resident.id).executeTakeFirstOrThrow();
    expect(posted).toEqual({ status: "pending", held_reason: "Comments on this story are pre-moderated" });
    expect((await logRows(app.db, { articleId: article.id, action: "premoderate_story" })).length).toBe(1);
  });

  it("refuses an unknown choice with a message and no log row", async () => {
    const { article } = await makeStoryWithComment(app.db, { status: "visible" });
    const response = await app.post(`/moderation/stories/${article.id}`, { intent: "delete" }, { as: staff.moderator });
    expect(response.status).toBe(400);
    expect(await logRows(app.db, { articleId: article.id })).toEqual([]);
  });
});

describe("an account's moderation page", () => {
  it("warns with a rule and a note: the resident is told, the log and the page show it, and it can be lifted", async () => {
    const resident = await makeResident(app.db);
    const response = await app.post(
      `/moderation/users/${resident.id}`,
      { intent: "sanction", kind: "warn", ruleNumber: "1", note: "Tone it down, please." },
      { as: staff.moderator },
    );
    expect(response.status).toBe(200);
    const sanction = await app.db.selectFrom("user_sanction").selectAll().where("user_id", "=", resident.id).executeTakeFirstOrThrow();
    expect(sanction).toMatchObject({ kind: "warn", rule_number: 1, note: "Tone it down, please.", created_by: staff.moderator.id });
    expect((await notices(resident.id))[0]).toContain("rule 1, Be civil");
    expect(await logRows(app.db, { userId: resident.id })).toMatchObject([{ action: "warn_user", rule_number: 1, moderator_id: staff.moderator.id }]);
    const page = await html(await app.request(`/moderation/users/${resident.id}`, { as: staff.moderator }));
    expect(page).toContain("Warning");
    expect(page).toContain("(in force)");
    expect(page).toContain("Tone it down, please.");
    const lifted = await app.post(`/moderation/users/${resident.id}`, { intent: "lift", sanctionId: String(sanction.id) }, { as: staff.moderator });
    expect(lifted.status).toBe(200);
    expect((await logRows(app.db, { userId: resident.id })).map((r) => r.action)).toEqual(["warn_user", "lift_sanction"]);
  });

  it("suspends for N days and bans, changing the account's status, and lifting restores it", async () => {
    const resident = await makeResident(app.db);
    const suspended = await app.post(
      `/moderation/users/${resident.id}`,
      { intent: "sanction", kind: "suspend", days: "7", ruleNumber: "3" },
      { as: staff.moderator },
    );
    expect(suspended.status).toBe(200);
    expect(await html(suspended)).toContain("Account suspended for 7 days.");
    let user = await app.db.selectFrom("user").select(["status", "status_until"]).where("id", "=", resident.id).executeTakeFirstOrThrow();
    expect(user.status).toBe("suspended");
    expect(Date.parse(user.status_until!) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    await app.post(`/moderation/users/${resident.id}`, { intent: "sanction", kind: "ban", ruleNumber: "3" }, { as: staff.admin });
    user = await app.db.selectFrom("user").select(["status", "status_until"]).where("id", "=", resident.id).executeTakeFirstOrThrow();
    expect(user.status).toBe("banned");
    const ban = await app.db.selectFrom("user_sanction").select("id").where("user_id", "=", resident.id).where("kind", "=", "ban").executeTakeFirstOrThrow();
    await app.post(`/moderation/users/${resident.id}`, { intent: "lift", sanctionId: String(ban.id) }, { as: staff.admin });
    user = await app.db.selectFrom("user").select(["status", "status_until"]).where("id", "=", resident.id).executeTakeFirstOrThrow();
    expect(user.status).toBe("suspended");
    expect((await logRows(app.db, { userId: resident.id })).map((r) => r.action)).toEqual(["suspend_user", "ban_user", "lift_sanction"]);
  });

  it("puts an account on pre-moderation, so its next comment is held", async () => {
    const { article } = await makeStoryWithComment(app.db, { status: "visible" });
    const resident = await makeResident(app.db, 300);
    await makeComment(app.db, { articleId: article.id, authorId: resident.id });
    await app.post(`/moderation/users/${resident.id}`, { intent: "sanction", kind: "premoderate", ruleNumber: "1" }, { as: staff.moderator });
    await app.post(`/articles/${article.slug}`, { intent: "comment", body: "My next comment" }, { as: resident });
    const next = await app.db.selectFrom("comment").select(["status", "held_reason"]).where("author_id", "=", resident.id).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(next).toEqual({ status: "pending", held_reason: "This account is pre-moderated" });
  });

  it("refuses a sanction without a rule, or a suspension without days: nothing is saved or logged", async () => {
    const resident = await makeResident(app.db);
    const noRule = await app.post(`/moderation/users/${resident.id}`, { intent: "sanction", kind: "ban", ruleNumber: "", note: "Kept" }, { as: staff.moderator });
    expect(noRule.status).toBe(400);
    const noRulePage = await html(noRule);
    expect(noRulePage).toContain('id="sanction-rule-error"');
    expect(noRulePage).toContain("Kept");
    const noDays = await app.post(`/moderation/users/${resident.id}`, { intent: "sanction", kind: "suspend", ruleNumber: "1", days: "" }, { as: staff.moderator });
    expect(noDays.status).toBe(400);
    expect(await html(noDays)).toContain('id="days-error"');
    expect(await app.db.selectFrom("user_sanction").select("id").where("user_id", "=", resident.id).execute()).toEqual([]);
    expect(await logRows(app.db, { userId: resident.id })).toEqual([]);
    const user = await app.db.selectFrom("user").select("status").where("id", "=", resident.id).executeTakeFirstOrThrow();
    expect(user.status).toBe("active");
  });

  it("lets only an admin act on a moderator's account, and nobody on their own", async () => {
    const other = await makeResident(app.db);
    await app.db.updateTable("user").set({ role: "moderator" }).where("id", "=", other.id).execute();
    const page = await html(await app.request(`/moderation/users/${other.id}`, { as: staff.moderator }));
    expect(page).toContain("Only an admin can act on a moderator’s or an admin’s account.");
    const refused = await app.post(`/moderation/users/${other.id}`, { intent: "sanction", kind: "warn", ruleNumber: "1" }, { as: staff.moderator });
    expect(refused.status).toBe(400);
    expect(await html(refused)).toContain("Only an admin can act on a moderator");
    const own = await app.post(`/moderation/users/${staff.moderator.id}`, { intent: "trust" }, { as: staff.moderator });
    expect(own.status).toBe(400);
    expect(await logRows(app.db, { userId: other.id })).toEqual([]);
    const allowed = await app.post(`/moderation/users/${other.id}`, { intent: "sanction", kind: "warn", ruleNumber: "1" }, { as: staff.admin });
    expect(allowed.status).toBe(200);
  });

  it("marks a resident as trusted so that the new-account hold skips them", async () => {
    const { article } = await makeStoryWithComment(app.db, { status: "visible" });
    const newcomer = await makeResident(app.db, 300);
    expect((await app.post(`/moderation/users/${newcomer.id}`, { intent: "trust" }, { as: staff.moderator })).status).toBe(200);
    await app.post(`/articles/${article.slug}`, { intent: "comment", body: "My very first comment" }, { as: newcomer });
    const first = await app.db.selectFrom("comment").select("status").where("author_id", "=", newcomer.id).executeTakeFirstOrThrow();
    expect(first.status).toBe("visible");
    expect(await logRows(app.db, { userId: newcomer.id })).toMatchObject([{ action: "trust_user", moderator_id: staff.moderator.id }]);
    const page = await html(await app.request(`/moderation/users/${newcomer.id}`, { as: staff.moderator }));
    expect(page).toContain("Stop trusting this account");
  });

  it("keeps private notes that moderators see and the resident never does", async () => {
    const resident = await makeResident(app.db);
    const empty = await app.post(`/moderation/users/${resident.id}`, { intent: "note", body: "   " }, { as: staff.moderator });
    expect(empty.status).toBe(400);
    expect(await html(empty)).toContain('id="user-note-error"');
    const saved = await app.post(`/moderation/users/${resident.id}`, { intent: "note", body: "Lives next to the harbour master; feud." }, { as: staff.moderator });
    expect(saved.status).toBe(200);
    const page = await html(await app.request(`/moderation/users/${resident.id}`, { as: staff.admin }));
    expect(page).toContain("Lives next to the harbour master; feud.");
    const own = await html(await app.request(`/users/${resident.id}`, { as: resident }));
    expect(own).not.toContain("harbour master; feud");
    expect((await logRows(app.db, { userId: resident.id })).map((r) => r.action)).toEqual(["note_user"]);
  });

  it("refuses notes on one's own account, on an admin's, and on a moderator's unless written by an admin", async () => {
    const otherModerator = (await makeStaff(app.db)).moderator;
    const cases = [
      { by: staff.moderator, on: staff.moderator.id, allowed: false },
      { by: staff.moderator, on: staff.admin.id, allowed: false },
      { by: staff.moderator, on: otherModerator.id, allowed: false },
      { by: staff.admin, on: staff.admin.id, allowed: false },
      { by: staff.admin, on: otherModerator.id, allowed: true },
    ];
    for (const { by, on, allowed } of cases) {
      const body = `Note by ${by.id} on ${on}`;
      const response = await app.post(`/moderation/users/${on}`, { intent: "note", body }, { as: by });
      expect(response.status, body).toBe(allowed ? 200 : 400);
      const stored = await app.db.selectFrom("user_note").select("id").where("body", "=", body).execute();
      expect(stored, body).toHaveLength(allowed ? 1 : 0);
    }
  });

  it("lists the account's recent comments with their statuses", async () => {
    const { author, comment } = await makeStoryWithComment(app.db, { status: "pending", body: "One held comment" });
    const page = await html(await app.request(`/moderation/users/${author.id}`, { as: staff.moderator }));
    expect(page).toContain("One held comment");
    expect(page).toContain(`href="/moderation/comments/${comment.id}"`);
    expect(page).toContain("Held");
  });
});
