import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rejectComment } from "../../app/models/moderation/decision.server";
import { undoDecision } from "../../app/models/moderation/undo.server";
import { makeArticle, makeComment, makeStaff, makeStoryWithComment, makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";
import { commentStatus, html, logRows, report, useTestRules } from "./moderation-support";

/** Issue 29, part 2: two moderators do not overrule each other without knowing. */

let app: TestServer;
let staff: Awaited<ReturnType<typeof makeStaff>>;
let ailsa: Awaited<ReturnType<typeof makeUser>>;
let brodie: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  app = await startTestServer();
  await useTestRules(app.db);
  staff = await makeStaff(app.db);
  ailsa = await makeUser(app.db, { role: "moderator", displayName: "Ailsa Moderator" });
  brodie = await makeUser(app.db, { role: "moderator", displayName: "Brodie Moderator" });
});
afterAll(async () => {
  await app?.close();
});

/** The stamp a page's decision form for this comment carries: what the page showed. */
function shownIn(page: string, commentId: number): string {
  const from = page.indexOf(`id="queue-item-${commentId}"`);
  const match = /name="shown" value="([^"]+)"/.exec(page.slice(from >= 0 ? from : 0));
  if (!match) throw new Error(`no decision form for comment ${commentId}`);
  return match[1]!;
}

/** One queue item's HTML, from its article to the article's end. */
function itemIn(page: string, commentId: number): string {
  const from = page.indexOf(`id="queue-item-${commentId}"`);
  expect(from, `comment ${commentId} is on the page`).toBeGreaterThanOrEqual(0);
  return page.slice(from, page.indexOf("</article>", from));
}

async function queueStamp(as: { id: number }, commentId: number, tab = "held") {
  return shownIn(await html(await app.request(`/moderation?tab=${tab}`, { as })), commentId);
}

describe("a decision on a comment decided since the page was loaded", () => {
  it("applies exactly one of two decisions sent at once from pages that showed the same held comment", async () => {
    // A few rounds: either may win, and exactly one does each time.
    for (let round = 0; round < 3; round++) {
      const { comment } = await makeStoryWithComment(app.db, { status: "pending" });
      const [shownToAilsa, shownToBrodie] = await Promise.all([queueStamp(ailsa, comment.id), queueStamp(brodie, comment.id)]);
      expect(shownToAilsa).toBe(shownToBrodie);

      const [approved, rejected] = await Promise.all([
        app.post("/moderation?index&tab=held", { intent: "approve", commentId: String(comment.id), shown: shownToAilsa }, { as: ailsa }),
        app.post(
          "/moderation?index&tab=held",
          { intent: "reject", commentId: String(comment.id), shown: shownToBrodie, ruleNumber: "1" },
          { as: brodie },
        ),
      ]);
      const answers = [
        { who: "Ailsa Moderator", other: "Brodie Moderator", status: approved.status, page: await html(approved) },
        { who: "Brodie Moderator", other: "Ailsa Moderator", status: rejected.status, page: await html(rejected) },
      ];
      const applied = answers.filter((a) => a.status === 200);
      const refused = answers.filter((a) => a.status === 409);
      expect(applied).toHaveLength(1);
      expect(refused).toHaveLength(1);
      // The refused moderator is told who decided first, and may decide anyway. (The comment has left
      // the Held tab, which a page without JavaScript reads afresh: the notice links to it.)
      const item = refused[0]!.page.slice(refused[0]!.page.indexOf("moderation-conflict"));
      expect(item).toContain(`href="/moderation/comments/${comment.id}"`);
      expect(item).toContain("Nothing was changed.");
      expect(item).toContain(`${applied[0]!.who} decided first`);
      if (applied[0]!.who === "Ailsa Moderator") expect(item).toContain("Reject anyway");
      else expect(item).toContain("To publish it after all, use Restore");

      const rows = await logRows(app.db, { commentId: comment.id });
      expect(rows).toHaveLength(1);
      expect(rows[0]!.moderator_id).toBe(applied[0]!.who === "Ailsa Moderator" ? ailsa.id : brodie.id);
      expect((await commentStatus(app.db, comment.id)).status).toBe(applied[0]!.who === "Ailsa Moderator" ? "visible" : "rejected");
    }
  });

  it("tells a moderator who approved the comment first, without JavaScript, and decides anyway once confirmed", async () => {
    const { comment } = await makeStoryWithComment(app.db, { status: "pending" });
    const shown = await queueStamp(brodie, comment.id);
    const first = await app.post("/moderation?index&tab=held", { intent: "approve", commentId: String(comment.id), shown }, { as: ailsa });
    expect(first.status).toBe(200);

    // On the All recent tab the comment stays listed: the answer stands beside it.
    const late = await app.post(
      "/moderation?index&tab=recent",
      { intent: "reject", commentId: String(comment.id), shown, ruleNumber: "2", note: "Too far" },
      { as: brodie },
    );
    expect(late.status).toBe(409);
    const page = await html(late);
    const item = page.slice(page.indexOf(`id="queue-item-${comment.id}"`));
    expect(item.indexOf("moderation-conflict")).toBeGreaterThan(0);
    expect(item.indexOf("moderation-conflict")).toBeLessThan(item.indexOf("</article>"));
    expect(item).toContain("Ailsa Moderator decided first: approved a comment");
    expect(item).toContain("It is now published.");
    expect(item).toContain("<time");
    expect((await commentStatus(app.db, comment.id)).status).toBe("visible");
    expect(await logRows(app.db, { commentId: comment.id })).toHaveLength(1);

    // "Reject anyway" posts the same decision with what the moderator has now seen.
    const confirm = item.slice(item.indexOf("moderation-conflict__confirm"));
    const stamp = /name="shown" value="([^"]+)"/.exec(confirm)![1]!;
    expect(stamp).not.toBe(shown);
    expect(confirm).toContain('name="ruleNumber" value="2"');
    expect(confirm).toContain('name="note" value="Too far"');
    const anyway = await app.post(
      "/moderation?index&tab=held",
      { intent: "reject", commentId: String(comment.id), shown: stamp, ruleNumber: "2", note: "Too far" },
      { as: brodie },
    );
    expect(anyway.status).toBe(200);
    expect((await commentStatus(app.db, comment.id)).status).toBe("removed");
    expect((await logRows(app.db, { commentId: comment.id })).map((r) => r.action)).toEqual(["approve_comment", "remove_comment"]);
  });

  it("counts approving a reported, still visible comment as a decision another page has not seen", async () => {
    const { comment } = await makeStoryWithComment(app.db, { status: "visible" });
    await report(app.db, comment.id);
    const shown = await queueStamp(brodie, comment.id, "reported");
    await app.post("/moderation?index&tab=reported", { intent: "approve", commentId: String(comment.id), shown }, { as: ailsa });
    const late = await app.post(
      "/moderation?index&tab=reported",
      { intent: "reject", commentId: String(comment.id), shown, ruleNumber: "1" },
      { as: brodie },
    );
    expect(late.status).toBe(409);
    expect(await html(late)).toContain("Ailsa Moderator decided first: approved a comment");
    expect((await commentStatus(app.db, comment.id)).status).toBe("visible");
  });

  it("refuses a whole bulk decision when one of its comments was decided since, naming it beside the item", async () => {
    const one = await makeStoryWithComment(app.db, { status: "pending" });
    const two = await makeStoryWithComment(app.db, { status: "pending" });
    const page = await html(await app.request("/moderation?tab=held", { as: brodie }));
    const stampOf = (id: number) => new RegExp(`name="shown-${id}"[^>]*value="([^"]+)"`).exec(page)![1]!;
    const [shownOne, shownTwo] = [stampOf(one.comment.id), stampOf(two.comment.id)];
    await app.post("/moderation?index&tab=held", { intent: "reject", commentId: String(two.comment.id), shown: shownTwo, ruleNumber: "1" }, { as: ailsa });

    const body = new URLSearchParams();
    body.append("intent", "approve-selected");
    body.append("commentIds", String(one.comment.id));
    body.append("commentIds", String(two.comment.id));
    body.append(`shown-${one.comment.id}`, shownOne);
    body.append(`shown-${two.comment.id}`, shownTwo);
    const bulk = await app.request("/moderation?index&tab=recent", {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.baseUrl },
      as: brodie,
    });
    expect(bulk.status).toBe(409);
    const answer = await html(bulk);
    expect(answer).toContain("Ailsa Moderator decided first: rejected a held comment under rule 1");
    expect(answer).toContain(`href="#queue-item-${two.comment.id}"`);
    const item = answer.slice(answer.indexOf(`id="queue-item-${two.comment.id}"`));
    expect(item).toContain("Not decided with the others.");
    expect((await commentStatus(app.db, one.comment.id)).status).toBe("pending");
    expect(await logRows(app.db, { commentId: one.comment.id })).toHaveLength(0);
  });

  it("on the comment's own page, names the earlier decision and keeps the comment as it was", async () => {
    const { comment } = await makeStoryWithComment(app.db, { status: "pending" });
    const mine = await html(await app.request(`/moderation/comments/${comment.id}`, { as: brodie }));
    const shown = /name="shown" value="([^"]+)"/.exec(mine)![1]!;
    await app.post(`/moderation/comments/${comment.id}`, { intent: "reject", shown, ruleNumber: "3" }, { as: ailsa });
    const late = await app.post(`/moderation/comments/${comment.id}`, { intent: "approve", shown }, { as: brodie });
    expect(late.status).toBe(409);
    const page = await html(late);
    expect(page).toContain("Ailsa Moderator decided first: rejected a held comment under rule 3");
    // Approving a rejected comment is Restore: the page offers that instead, with the fresh stamp.
    expect(page).not.toContain("Approve anyway");
    expect((await commentStatus(app.db, comment.id)).status).toBe("rejected");
  });

  it("still refuses residents before looking at anything", async () => {
    const { comment } = await makeStoryWithComment(app.db, { status: "pending" });
    const response = await app.post("/moderation?index&tab=held", { intent: "approve", commentId: String(comment.id), shown: "pending.0" }, { as: staff.resident });
    expect(response.status).toBe(403);
  });
});

describe("who else is working on a comment", () => {
  it("shows other moderators that one has opened a comment, with how long ago, but not the one who opened it", async () => {
    const { comment } = await makeStoryWithComment(app.db, { status: "pending" });
    expect((await app.request(`/moderation/comments/${comment.id}`, { as: ailsa })).status).toBe(200);

    const forBrodie = await html(await app.request("/moderation?tab=held", { as: brodie }));
    const item = itemIn(forBrodie, comment.id);
    expect(item).toContain("Being looked at by Ailsa Moderator");
    expect(item).toContain("(just now)");

    const forAilsa = await html(await app.request("/moderation?tab=held", { as: ailsa }));
    expect(itemIn(forAilsa, comment.id)).not.toContain("Being looked at");
    // Brodie's own page of the comment says Ailsa has it open too.
    expect(await html(await app.request(`/moderation/comments/${comment.id}`, { as: brodie }))).toContain("Being looked at by Ailsa Moderator");
  });

  it("claims an item without JavaScript: the answer stands beside it, and the others see who claimed it", async () => {
    const { comment } = await makeStoryWithComment(app.db, { status: "pending" });
    const claimed = await app.post("/moderation?index&tab=held", { intent: "claim", commentId: String(comment.id) }, { as: brodie });
    expect(claimed.status).toBe(200);
    const page = await html(claimed);
    const item = itemIn(page, comment.id);
    expect(item).toContain("Claimed: the other moderators see you are on it.");
    expect(item).toContain("You claimed it (just now)");

    const forAilsa = await html(await app.request("/moderation?tab=held", { as: ailsa }));
    expect(itemIn(forAilsa, comment.id)).toContain("Claimed by Brodie Moderator");
    // A claim is not a decision: nothing in the log, and the comment still waits.
    expect(await logRows(app.db, { commentId: comment.id })).toHaveLength(0);
    expect((await commentStatus(app.db, comment.id)).status).toBe("pending");
  });

  it("forgets who looked once the few minutes have passed", async () => {
    const { comment } = await makeStoryWithComment(app.db, { status: "pending" });
    await app.post("/moderation?index&tab=held", { intent: "claim", commentId: String(comment.id) }, { as: brodie });
    const sixMinutesAgo = new Date(Date.now() - 6 * 60_000).toISOString();
    await app.db
      .updateTable("moderation_claim")
      .set({ claimed_at: sixMinutesAgo, seen_at: sixMinutesAgo })
      .where("comment_id", "=", comment.id)
      .execute();
    const page = await html(await app.request("/moderation?tab=held", { as: ailsa }));
    expect(itemIn(page, comment.id)).not.toContain("Brodie Moderator");
  });

  it("refuses a claim from a resident, and on one's own comment", async () => {
    const { comment } = await makeStoryWithComment(app.db, { status: "pending" });
    expect((await app.post("/moderation?index&tab=held", { intent: "claim", commentId: String(comment.id) }, { as: staff.resident })).status).toBe(403);
    const own = await makeComment(app.db, { articleId: (await makeStoryWithComment(app.db)).article.id, authorId: ailsa.id, status: "pending" });
    const refused = await app.post("/moderation?index&tab=held", { intent: "claim", commentId: String(own.id) }, { as: ailsa });
    expect(refused.status).toBe(400);
    expect(await app.db.selectFrom("moderation_claim").selectAll().where("comment_id", "=", own.id).execute()).toEqual([]);
  });
});

describe("undoing one's own decision from the log", () => {
  async function logEntryId(commentId: number, action: string) {
    return (await logRows(app.db, { commentId, action }))[0]!.id;
  }

  it("offers Undo on one's own recent decision only, and puts a rejected comment back in the queue as it was", async () => {
    const { article, comment } = await makeStoryWithComment(app.db, { status: "pending" });
    await app.db.updateTable("comment").set({ held_reason: "Contains 3 links" }).where("id", "=", comment.id).execute();
    await report(app.db, comment.id);
    await app.post("/moderation?index&tab=held", { intent: "reject", commentId: String(comment.id), ruleNumber: "2", note: "Spam" }, { as: ailsa });
    const entryId = await logEntryId(comment.id, "reject_comment");

    const forAilsa = await html(await app.request("/moderation/log", { as: ailsa }));
    expect(forAilsa).toContain(`name="entryId" value="${entryId}"`);
    const forBrodie = await html(await app.request("/moderation/log", { as: brodie }));
    expect(forBrodie).not.toContain(`name="entryId" value="${entryId}"`);

    const undone = await app.post("/moderation/log", { intent: "undo", entryId: String(entryId) }, { as: ailsa });
    expect(undone.status).toBe(200);
    const page = await html(undone);
    expect(page).toContain("Undone: the comment is back as it was.");
    // The entry no longer offers Undo, and the undo is logged.
    expect(page).not.toContain(`name="entryId" value="${entryId}"`);
    const row = await app.db
      .selectFrom("comment")
      .select(["status", "held_reason", "rule_number", "moderation_note"])
      .where("id", "=", comment.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "pending", held_reason: "Contains 3 links", rule_number: null, moderation_note: "" });
    expect((await logRows(app.db, { commentId: comment.id })).map((r) => [r.action, r.moderator_id])).toEqual([
      ["reject_comment", ailsa.id],
      ["undo_decision", ailsa.id],
    ]);
    // Its report is open again. The author was told of the rejection by email as well (issue 29 part 4),
    // so the notice stays and a word follows it that the decision was taken back.
    const openReports = await app.db.selectFrom("comment_report").select("id").where("comment_id", "=", comment.id).where("resolved_at", "is", null).execute();
    expect(openReports).toHaveLength(1);
    const notices = await app.db
      .selectFrom("notification")
      .select("body")
      .where("comment_id", "=", comment.id)
      .where("kind", "=", "moderation")
      .orderBy("id")
      .execute();
    expect(notices.map((n) => n.body)).toEqual([
      expect.stringMatching(/^A moderator did not publish your comment/),
      expect.stringMatching(/^A moderator took back their last decision/),
    ]);
    expect((await app.db.selectFrom("article").select("comment_count").where("id", "=", article.id).executeTakeFirstOrThrow()).comment_count).toBe(0);
    expect(itemIn(await html(await app.request("/moderation?tab=held", { as: brodie })), comment.id)).toContain("Contains 3 links");
  });

  it("withdraws the author's notice of an undone decision when it was neither read nor mailed", async () => {
    const article = await makeArticle(app.db);
    const author = await makeUser(app.db);
    const comment = await makeComment(app.db, { articleId: article.id, authorId: author.id });
    // Decided without going through a route: nothing mails the notice yet.
    await rejectComment(app.db, { moderator: { id: ailsa.id, role: "moderator" }, commentId: comment.id, ruleNumber: 2, note: "" });
    const entry = (await logRows(app.db, { commentId: comment.id })).at(-1)!;
    await undoDecision(app.db, { moderator: { id: ailsa.id, role: "moderator" }, entryId: entry.id });
    const notices = await app.db.selectFrom("notification").select("body").where("comment_id", "=", comment.id).execute();
    expect(notices).toEqual([]);
  });

  it("takes back an approval: the comment is held again and no longer counted on its story", async () => {
    const { article, comment } = await makeStoryWithComment(app.db, { status: "pending" });
    await app.post(`/moderation/comments/${comment.id}`, { intent: "approve" }, { as: brodie });
    expect((await app.db.selectFrom("article").select("comment_count").where("id", "=", article.id).executeTakeFirstOrThrow()).comment_count).toBe(1);
    const entryId = await logEntryId(comment.id, "approve_comment");
    // From the comment's own page, beside the entry in its history.
    const undone = await app.post(`/moderation/comments/${comment.id}`, { intent: "undo", entryId: String(entryId) }, { as: brodie });
    expect(undone.status).toBe(200);
    expect(await html(undone)).toContain("Undone: the comment is back as it was.");
    expect((await commentStatus(app.db, comment.id)).status).toBe("pending");
    expect((await app.db.selectFrom("article").select("comment_count").where("id", "=", article.id).executeTakeFirstOrThrow()).comment_count).toBe(0);
  });

  it("puts a removed comment back up, and tells its author who had already read of the removal", async () => {
    const { article, author, comment } = await makeStoryWithComment(app.db, { status: "visible" });
    await app.db.updateTable("article").set({ comment_count: 1 }).where("id", "=", article.id).execute();
    await app.post(`/moderation/comments/${comment.id}`, { intent: "reject", ruleNumber: "3", note: "Too personal" }, { as: ailsa });
    expect((await commentStatus(app.db, comment.id)).status).toBe("removed");
    await app.db.updateTable("notification").set({ read_at: new Date().toISOString() }).where("user_id", "=", author.id).execute();

    const entryId = await logEntryId(comment.id, "remove_comment");
    expect((await app.post("/moderation/log", { intent: "undo", entryId: String(entryId) }, { as: ailsa })).status).toBe(200);
    expect(await commentStatus(app.db, comment.id)).toEqual({ status: "visible", rule_number: null, moderation_note: "" });
    expect((await app.db.selectFrom("article").select("comment_count").where("id", "=", article.id).executeTakeFirstOrThrow()).comment_count).toBe(1);
    const notices = await app.db.selectFrom("notification").select("body").where("user_id", "=", author.id).orderBy("id").execute();
    expect(notices.map((n) => n.body)).toEqual([
      expect.stringContaining("A moderator removed your comment"),
      expect.stringContaining("A moderator took back their last decision about your comment"),
    ]);
  });

  it("refuses to undo once another decision came after, saying whose, and changes nothing", async () => {
    const { comment } = await makeStoryWithComment(app.db, { status: "pending" });
    await app.post(`/moderation/comments/${comment.id}`, { intent: "approve" }, { as: ailsa });
    const entryId = await logEntryId(comment.id, "approve_comment");
    await app.post(`/moderation/comments/${comment.id}`, { intent: "reject", ruleNumber: "1" }, { as: brodie });
    expect(await html(await app.request("/moderation/log", { as: ailsa }))).not.toContain(`name="entryId" value="${entryId}"`);

    const refused = await app.post("/moderation/log", { intent: "undo", entryId: String(entryId) }, { as: ailsa });
    expect(refused.status).toBe(400);
    expect(await html(refused)).toContain("Brodie Moderator acted on this comment since (removed a comment");
    expect((await commentStatus(app.db, comment.id)).status).toBe("removed");
    expect(await logRows(app.db, { commentId: comment.id, action: "undo_decision" })).toEqual([]);
  });

  it("refuses someone else's decision, and one older than ten minutes", async () => {
    const { comment } = await makeStoryWithComment(app.db, { status: "pending" });
    await app.post(`/moderation/comments/${comment.id}`, { intent: "approve" }, { as: ailsa });
    const entryId = await logEntryId(comment.id, "approve_comment");
    const notMine = await app.post("/moderation/log", { intent: "undo", entryId: String(entryId) }, { as: brodie });
    expect(notMine.status).toBe(400);
    expect(await html(notMine)).toContain("You can undo only your own decisions.");

    await app.db
      .updateTable("moderation_action")
      .set({ created_at: new Date(Date.now() - 11 * 60_000).toISOString() })
      .where("id", "=", entryId)
      .execute();
    const late = await app.post("/moderation/log", { intent: "undo", entryId: String(entryId) }, { as: ailsa });
    expect(late.status).toBe(400);
    expect(await html(late)).toContain("Decisions can be undone for 10 minutes");
    expect((await commentStatus(app.db, comment.id)).status).toBe("visible");
    expect((await app.post("/moderation/log", { intent: "undo", entryId: String(entryId) }, { as: staff.resident })).status).toBe(403);
  });
});
