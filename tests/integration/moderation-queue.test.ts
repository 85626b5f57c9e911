import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeArticle, makeComment, makeResident, makeStaff, makeStoryWithComment } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";
import { commentStatus, html, logRows, report, useTestRules } from "./moderation-support";

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

describe("the queue page", () => {
  it("sends an anonymous visitor to sign in, and comes back to the queue afterwards", async () => {
    const response = await app.request("/moderation?tab=held");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent("/moderation?tab=held")}`);
  });

  it("refuses a resident with 403", async () => {
    const response = await app.request("/moderation", { as: staff.resident });
    expect(response.status).toBe(403);
  });

  it("shows a reported comment in its context: story, parent, replies, author record and reports by reason", async () => {
    const article = await makeArticle(app.db, { headline: "Ferry timetable cut for winter" });
    const parentAuthor = await makeResident(app.db, 200, "Parent Writer");
    const parent = await makeComment(app.db, { articleId: article.id, authorId: parentAuthor.id, bodySource: "The parent says the ferry is fine." });
    const author = await makeResident(app.db, 3, "Reported Writer");
    const reported = await makeComment(app.db, {
      articleId: article.id,
      authorId: author.id,
      parentId: parent.id,
      bodySource: "The reported **comment** text.",
    });
    for (const n of [1, 2, 3, 4]) {
      await makeComment(app.db, { articleId: article.id, authorId: parentAuthor.id, parentId: reported.id, bodySource: `Reply number ${n} here.` });
    }
    await report(app.db, reported.id, "abuse", "Calls me names");
    await report(app.db, reported.id, "abuse");
    await report(app.db, reported.id, "spam", "Looks like an advert");

    const page = await html(await app.request("/moderation?tab=reported", { as: staff.moderator }));
    const item = page.slice(page.indexOf(`id="queue-item-${reported.id}"`));
    expect(item).toContain("Ferry timetable cut for winter");
    expect(item).toContain(`href="/articles/${article.slug}/comments/${reported.id}"`);
    expect(item).toContain("In reply to Parent Writer");
    expect(item).toContain("The parent says the ferry is fine.");
    expect(item).toContain("The reported <strong>comment</strong> text.");
    expect(item).toContain("First 3 of 4 replies");
    expect(item).toContain("Reply number 1 here.");
    expect(item).not.toContain("Reply number 4 here.");
    expect(item).toContain(`href="/moderation/users/${author.id}"`);
    expect(item).toContain("Account 3 days old");
    expect(item).toContain("1 comment");
    expect(item).toContain("No earlier decisions against them");
    expect(item).toContain("Abuse or harassment: 2");
    expect(item).toContain("Spam or advertising: 1");
    expect(item).toContain("Calls me names");
    expect(item).toContain("Looks like an advert");
    expect(item).toContain(">Approve<");
    expect(item).toContain(">Reject<");
    expect(item).toContain('<label for="rule-' + reported.id + '">Rule broken</label>');
    expect(item).toContain("3. No personal attacks");
    expect(item).toContain(`href="/moderation/comments/${reported.id}"`);
    expect(page).toMatch(/aria-current="page"[^>]*>Reported \(/);
  });

  it("lists held comments with the reason they were held", async () => {
    const { comment } = await makeStoryWithComment(app.db, { status: "pending", body: "Held for a reason" });
    await app.db.updateTable("comment").set({ held_reason: "Contains 3 links" }).where("id", "=", comment.id).execute();
    const page = await html(await app.request("/moderation?tab=held", { as: staff.admin }));
    expect(page).toContain(`id="queue-item-${comment.id}"`);
    expect(page).toContain("Contains 3 links");
    expect(page).toMatch(/aria-current="page"[^>]*>Held \(/);
  });

  it("shows earlier decisions against the author beside a new comment", async () => {
    const { author, article } = await makeStoryWithComment(app.db, { status: "visible" });
    const earlier = await makeComment(app.db, { articleId: article.id, authorId: author.id, status: "visible" });
    await app.post("/moderation?index", { intent: "reject", commentId: String(earlier.id), ruleNumber: "1" }, { as: staff.moderator });
    const next = await makeComment(app.db, { articleId: article.id, authorId: author.id, status: "pending" });
    const page = await html(await app.request("/moderation?tab=held", { as: staff.moderator }));
    const item = page.slice(page.indexOf(`id="queue-item-${next.id}"`));
    expect(item).toContain("1 earlier removal, 0 sanctions");
  });

  it("reads a page of the queue with the same number of queries whether it holds 2 comments or 20", async () => {
    const article = await makeArticle(app.db);
    // empty the Held tab first, so this test counts only its own items
    await app.db.updateTable("comment").set({ status: "visible" }).where("status", "=", "pending").execute();
    const addHeld = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const author = await makeResident(app.db);
        const parent = await makeComment(app.db, { articleId: article.id, authorId: author.id });
        const held = await makeComment(app.db, { articleId: article.id, authorId: author.id, parentId: parent.id, status: "pending" });
        await makeComment(app.db, { articleId: article.id, authorId: staff.resident.id, parentId: held.id });
        await report(app.db, held.id);
      }
    };
    await addHeld(2);
    const small = await app.countQueries(() => app.request("/moderation?tab=held", { as: staff.moderator }));
    await addHeld(18);
    const large = await app.countQueries(() => app.request("/moderation?tab=held", { as: staff.moderator }));
    expect(large).toBe(small);
  });
});

describe("deciding in the queue", () => {
  it("approves a held comment: published, counted on the story, one log row naming the moderator", async () => {
    const { article, comment } = await makeStoryWithComment(app.db, { status: "pending" });
    const response = await app.post("/moderation?index&tab=held", { intent: "approve", commentId: String(comment.id) }, { as: staff.moderator });
    expect(response.status).toBe(200);
    expect(await html(response)).toContain("Approved the comment.");
    expect((await commentStatus(app.db, comment.id)).status).toBe("visible");
    const story = await app.db.selectFrom("article").select("comment_count").where("id", "=", article.id).executeTakeFirstOrThrow();
    expect(story.comment_count).toBe(1);
    const rows = await logRows(app.db, { commentId: comment.id });
    expect(rows).toMatchObject([{ action: "approve_comment", moderator_id: staff.moderator.id, article_id: article.id }]);
  });

  it("refuses to reject without a rule: the message sits beside the rule picker, nothing changes, nothing is logged", async () => {
    const { comment } = await makeStoryWithComment(app.db, { status: "pending" });
    const response = await app.post(
      "/moderation?index&tab=held",
      { intent: "reject", commentId: String(comment.id), ruleNumber: "", note: "Kept note" },
      { as: staff.moderator },
    );
    expect(response.status).toBe(400);
    const page = await html(response);
    expect(page).toContain(`id="rule-${comment.id}-error"`);
    expect(page).toContain("Choose the rule of the terms of posting that the comment breaks.");
    expect(page).toContain("Kept note");
    expect((await commentStatus(app.db, comment.id)).status).toBe("pending");
    expect(await logRows(app.db, { commentId: comment.id })).toEqual([]);
  });

  it("refuses a rule that is not in the terms, with the model's message and no change", async () => {
    const { comment } = await makeStoryWithComment(app.db, { status: "pending" });
    const response = await app.post("/moderation?index", { intent: "reject", commentId: String(comment.id), ruleNumber: "42" }, { as: staff.moderator });
    expect(response.status).toBe(400);
    expect(await html(response)).toContain("There is no rule 42 in the terms of posting.");
    expect((await commentStatus(app.db, comment.id)).status).toBe("pending");
    expect(await logRows(app.db, { commentId: comment.id })).toEqual([]);
  });

  it("rejects a held comment citing a rule, tells the author the rule and the note, and logs it", async () => {
    const { author, comment } = await makeStoryWithComment(app.db, { status: "pending", headline: "Harbour wall repairs" });
    const response = await app.post(
      "/moderation?index",
      { intent: "reject", commentId: String(comment.id), ruleNumber: "3", note: "Please stick to the argument." },
      { as: staff.moderator },
    );
    expect(response.status).toBe(200);
    expect(await commentStatus(app.db, comment.id)).toMatchObject({ status: "rejected", rule_number: 3, moderation_note: "Please stick to the argument." });
    expect(await logRows(app.db, { commentId: comment.id })).toMatchObject([
      { action: "reject_comment", rule_number: 3, moderator_id: staff.moderator.id, note: "Please stick to the argument." },
    ]);
    const notice = await app.db.selectFrom("notification").select("body").where("user_id", "=", author.id).executeTakeFirstOrThrow();
    expect(notice.body).toContain("rule 3, No personal attacks");
    expect(notice.body).toContain("Please stick to the argument.");
  });

  it("removes a published comment that was reported, resolving its reports", async () => {
    const { comment } = await makeStoryWithComment(app.db, { status: "visible" });
    await report(app.db, comment.id);
    const response = await app.post("/moderation?index", { intent: "reject", commentId: String(comment.id), ruleNumber: "1" }, { as: staff.admin });
    expect(response.status).toBe(200);
    expect((await commentStatus(app.db, comment.id)).status).toBe("removed");
    expect(await logRows(app.db, { commentId: comment.id })).toMatchObject([{ action: "remove_comment", moderator_id: staff.admin.id }]);
    const open = await app.db.selectFrom("comment_report").select("id").where("comment_id", "=", comment.id).where("resolved_at", "is", null).execute();
    expect(open).toEqual([]);
  });

  it("refuses an unknown decision with a message, changing nothing", async () => {
    const { comment } = await makeStoryWithComment(app.db, { status: "pending" });
    const response = await app.post("/moderation?index", { intent: "delete", commentId: String(comment.id) }, { as: staff.moderator });
    expect(response.status).toBe(400);
    expect(await html(response)).toContain("Choose Approve or Reject.");
    expect((await commentStatus(app.db, comment.id)).status).toBe("pending");
    expect(await logRows(app.db, { commentId: comment.id })).toEqual([]);
  });

  it("does not let a moderator decide on their own comment", async () => {
    const article = await makeArticle(app.db);
    const own = await makeComment(app.db, { articleId: article.id, authorId: staff.moderator.id, status: "pending" });
    const page = await html(await app.request("/moderation?tab=held", { as: staff.moderator }));
    expect(page.slice(page.indexOf(`id="queue-item-${own.id}"`))).toMatch(/^[^]*?This is your own comment/);
    const response = await app.post("/moderation?index", { intent: "approve", commentId: String(own.id) }, { as: staff.moderator });
    expect(response.status).toBe(400);
    expect(await html(response)).toContain("You cannot moderate your own comments");
    expect((await commentStatus(app.db, own.id)).status).toBe("pending");
    expect(await logRows(app.db, { commentId: own.id })).toEqual([]);
  });

  it("refuses residents' posts with 403 and changes nothing", async () => {
    const { comment } = await makeStoryWithComment(app.db, { status: "pending" });
    const attempts: Record<string, string>[] = [
      { intent: "approve", commentId: String(comment.id) },
      { intent: "reject", commentId: String(comment.id), ruleNumber: "1" },
      { intent: "approve-selected", commentIds: String(comment.id) },
    ];
    for (const fields of attempts) {
      expect((await app.post("/moderation?index", fields, { as: staff.resident })).status).toBe(403);
      expect((await app.post("/moderation?index", fields)).status).toBe(302);
    }
    expect((await commentStatus(app.db, comment.id)).status).toBe("pending");
    expect(await logRows(app.db, { commentId: comment.id })).toEqual([]);
  });
});

describe("deciding on several comments at once", () => {
  async function threeHeld() {
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await makeStoryWithComment(app.db, { status: "pending" })).comment.id);
    return ids;
  }
  function bulk(fields: Record<string, string>, ids: number[]) {
    const body = new URLSearchParams(fields);
    for (const id of ids) body.append("commentIds", String(id));
    return app.request("/moderation?index&tab=held", { method: "POST", body, as: staff.moderator });
  }

  it("approves the selected comments together, one log row each", async () => {
    const ids = await threeHeld();
    const response = await bulk({ intent: "approve-selected" }, ids);
    expect(response.status).toBe(200);
    expect(await html(response)).toContain("Approved 3 comments.");
    for (const id of ids) {
      expect((await commentStatus(app.db, id)).status).toBe("visible");
      expect(await logRows(app.db, { commentId: id })).toMatchObject([{ action: "approve_comment" }]);
    }
  });

  it("rejects the selected comments under one rule", async () => {
    const ids = await threeHeld();
    const response = await bulk({ intent: "reject-selected", ruleNumber: "2", note: "Same problem in each" }, ids);
    expect(response.status).toBe(200);
    for (const id of ids) {
      expect(await commentStatus(app.db, id)).toMatchObject({ status: "rejected", rule_number: 2 });
      expect(await logRows(app.db, { commentId: id })).toMatchObject([{ action: "reject_comment", rule_number: 2 }]);
    }
  });

  it("asks for a selection and for a rule, changing nothing until both are there", async () => {
    const ids = await threeHeld();
    const none = await bulk({ intent: "approve-selected" }, []);
    expect(none.status).toBe(400);
    expect(await html(none)).toContain("Select at least one comment first.");
    const noRule = await bulk({ intent: "reject-selected", ruleNumber: "" }, ids);
    expect(noRule.status).toBe(400);
    expect(await html(noRule)).toContain('id="bulk-rule-error"');
    for (const id of ids) {
      expect((await commentStatus(app.db, id)).status).toBe("pending");
      expect(await logRows(app.db, { commentId: id })).toEqual([]);
    }
  });

  it("decides none of them when one is refused (here, the moderator's own comment)", async () => {
    const ids = await threeHeld();
    const article = await makeArticle(app.db);
    const own = await makeComment(app.db, { articleId: article.id, authorId: staff.moderator.id, status: "pending" });
    const response = await bulk({ intent: "approve-selected" }, [...ids, own.id]);
    expect(response.status).toBe(400);
    expect(await html(response)).toContain("You cannot moderate your own comments");
    for (const id of [...ids, own.id]) {
      expect((await commentStatus(app.db, id)).status).toBe("pending");
      expect(await logRows(app.db, { commentId: id })).toEqual([]);
    }
  });
});

describe("the decided tab", () => {
  it("lists decided comments, newest decision first, with who decided", async () => {
    const { comment } = await makeStoryWithComment(app.db, { status: "pending" });
    await app.post("/moderation?index", { intent: "reject", commentId: String(comment.id), ruleNumber: "1" }, { as: staff.moderator });
    const page = await html(await app.request("/moderation?tab=decided", { as: staff.moderator }));
    const first = /id="queue-item-(\d+)"/.exec(page);
    expect(first?.[1]).toBe(String(comment.id));
    expect(page).toContain(staff.moderator.display_name);
    expect(page).toContain("Rejected a held comment".toLowerCase());
  });
});
