import { beforeAll, describe, expect, it } from "vitest";
import { makeArticle, makeComment, makeUser } from "../factories";
import { useTestServerWithOutbox, waitForMail } from "./accounts-support";
import { html, logRows, useTestRules } from "./moderation-support";

// Issue 15 part 4: a resident appeals a decision against them once, within the admins' time limit; the
// appeal goes to a moderator other than the one who decided (an admin when there is no other), who
// upholds or reverses it with a reason; the resident is told; both steps are logged; the public log
// shows reversals. Runs on SQLite and PostgreSQL.

const server = useTestServerWithOutbox();
let decider: { id: number };
let admin: { id: number };

beforeAll(async () => {
  const app = server();
  await useTestRules(app.db);
  // The tests below run in order: at first the deciding moderator is the only moderator.
  decider = await makeUser(app.db, { role: "moderator", displayName: "Moira Decides" });
  admin = await makeUser(app.db, { role: "admin", displayName: "Ailsa Admin" });
});

async function removedComment(body = "The harbour master is a crook and I can prove it") {
  const app = server();
  const article = await makeArticle(app.db);
  const author = await makeUser(app.db);
  const comment = await makeComment(app.db, { articleId: article.id, authorId: author.id, bodySource: body });
  const removed = await app.post(`/moderation/comments/${comment.id}`, { intent: "reject", ruleNumber: "3", note: "Names a person" }, { as: decider });
  expect(removed.status).toBeLessThan(400);
  return { article, author, comment };
}

async function appealOf(userId: number) {
  return server().db.selectFrom("appeal").selectAll().where("user_id", "=", userId).execute();
}

describe("appealing a comment's removal", () => {
  it("goes to an admin when the moderator who decided is the only one, who reverses it: the comment is back, the author told, both steps logged, the public log shows it", async () => {
    const app = server();
    const { article, author, comment } = await removedComment();

    // The author is led to the form from the comment on their own list of the story and from the notice.
    const yours = await html(await app.request(`/articles/${article.slug}/yours`, { as: author }));
    expect(yours).toContain(`href="/appeals/new?comment=${comment.id}"`);
    const notices = await html(await app.request("/notifications", { as: author }));
    expect(notices).toContain(`href="/appeals/new?comment=${comment.id}"`);
    const list = await html(await app.request("/appeals", { as: author }));
    expect(list).toContain(`Your comment on “${article.headline}” was removed`);

    const form = await html(await app.request(`/appeals/new?comment=${comment.id}`, { as: author }));
    expect(form).toContain("Names a person");
    expect(form).toContain("The harbour master is a crook");

    const sent = await app.post(`/appeals/new?comment=${comment.id}`, { body: "I can show the council minutes that say so." }, { as: author });
    expect(sent.status).toBe(303);
    const [appeal] = await appealOf(author.id);
    expect(appeal).toMatchObject({ comment_id: comment.id, decided_by_id: decider.id, assigned_to: admin.id, rule_number: 3, outcome: null });
    expect(sent.headers.get("location")).toBe(`/appeals?sent=${appeal!.id}#appeal-${appeal!.id}`);
    expect(await html(await app.request(`/appeals?sent=${appeal!.id}`, { as: author }))).toContain("Your appeal was sent");
    expect(await logRows(app.db, { commentId: comment.id, action: "receive_appeal" })).toMatchObject([{ moderator_id: author.id, user_id: author.id }]);

    // The moderator who decided cannot answer it, and is told whose it is.
    const own = await app.post(`/moderation/appeals/${appeal!.id}`, { outcome: "reversed", reason: "On reflection" }, { as: decider });
    expect(own.status).toBe(409);
    expect(await html(own)).toContain("This appeal is for Ailsa Admin to answer");
    expect((await appealOf(author.id))[0]!.outcome).toBeNull();
    const page = await html(await app.request(`/moderation/appeals/${appeal!.id}`, { as: decider }));
    expect(page).not.toContain("Send the answer");

    const answered = await app.post(`/moderation/appeals/${appeal!.id}`, { outcome: "reversed", reason: "The minutes do say so; fair comment." }, { as: admin });
    expect(answered.status).toBe(200);
    expect(await html(answered)).toContain("Reversed.");
    const stored = await app.db.selectFrom("comment").select(["status", "rule_number"]).where("id", "=", comment.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: "visible", rule_number: null });
    expect(await html(await app.request(`/articles/${article.slug}`))).toContain("The harbour master is a crook");
    const counted = await app.db.selectFrom("article").select("comment_count").where("id", "=", article.id).executeTakeFirstOrThrow();
    expect(Number(counted.comment_count)).toBe(1);

    const actions = (await logRows(app.db, { commentId: comment.id })).map((row) => [row.action, row.moderator_id]);
    expect(actions).toEqual([
      ["remove_comment", decider.id],
      ["receive_appeal", author.id],
      ["restore_comment", admin.id],
      ["reverse_appeal", admin.id],
    ]);

    const mail = await waitForMail((m) => m.to.includes(author.email!) && m.text.includes("answered your appeal"));
    expect(mail.text).toContain("The decision was reversed: your comment is back in the discussion. Their reason: The minutes do say so; fair comment.");
    const after = await html(await app.request("/appeals", { as: author }));
    expect(after).toContain("Reversed: the decision was taken back.");
    expect(after).toContain("The minutes do say so; fair comment.");

    const publicLog = await html(await app.request("/moderation-log"));
    expect(publicLog).toContain("Put back on appeal by an admin");
    expect(publicLog).toContain("1 decision reversed on");
    expect(publicLog).not.toContain("Ailsa Admin");
  });

  it("is taken once per decision: a second appeal, even sent at the same moment, is refused with a message", async () => {
    const app = server();
    const { author, comment } = await removedComment();
    const [first, second] = await Promise.all([
      app.post(`/appeals/new?comment=${comment.id}`, { body: "First try" }, { as: author }),
      app.post(`/appeals/new?comment=${comment.id}`, { body: "Second try" }, { as: author }),
    ]);
    expect([first.status, second.status].sort()).toEqual([303, 400]);
    const refused = first.status === 400 ? first : second;
    expect(await html(refused)).toContain("You have already appealed this decision");
    expect(await appealOf(author.id)).toHaveLength(1);
    expect(await logRows(app.db, { commentId: comment.id, action: "receive_appeal" })).toHaveLength(1);
    expect(await html(await app.request(`/appeals/new?comment=${comment.id}`, { as: author }))).toContain("You have already appealed this decision");
  });

  it("keeps what was typed and says what is wrong beside the field; refuses after the time limit; nobody else finds the form", async () => {
    const app = server();
    const { author, comment } = await removedComment();
    const empty = await app.post(`/appeals/new?comment=${comment.id}`, { body: "   " }, { as: author });
    expect(empty.status).toBe(400);
    expect(await html(empty)).toMatch(/id="body-error"[^>]*>Say in a few words why the decision was wrong/);
    const long = await app.post(`/appeals/new?comment=${comment.id}`, { body: "x".repeat(5000) }, { as: author });
    expect(long.status).toBe(400);
    expect(await html(long)).toContain("Keep your appeal to 1,000 characters.");

    const stranger = await makeUser(app.db);
    expect((await app.request(`/appeals/new?comment=${comment.id}`, { as: stranger })).status).toBe(404);
    expect((await app.post(`/appeals/new?comment=${comment.id}`, { body: "Not mine" }, { as: stranger })).status).toBe(404);
    const signedOut = await app.request(`/appeals/new?comment=${comment.id}`);
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("location")).toContain("/login");
    expect((await app.request("/moderation/appeals", { as: author })).status).toBe(403);

    // Past the limit (14 days by default): the decision is no longer offered.
    await app.db
      .updateTable("moderation_action")
      .set({ created_at: new Date(Date.now() - 15 * 86_400_000).toISOString() })
      .where("comment_id", "=", comment.id)
      .where("action", "in", ["reject_comment", "remove_comment"])
      .execute();
    expect(await html(await app.request(`/appeals/new?comment=${comment.id}`, { as: author }))).toContain("The time to appeal this decision ended on");
    const late = await app.post(`/appeals/new?comment=${comment.id}`, { body: "Late" }, { as: author });
    expect(late.status).toBe(400);
    expect(await html(late)).toContain("The time to appeal this decision ended on");
    expect(await appealOf(author.id)).toHaveLength(0);
    expect(await html(await app.request("/appeals", { as: author }))).toContain("There is no decision about you to appeal");
  });
});

describe("appealing a sanction", () => {
  it("goes to another moderator, not an admin, once there is one; upheld with a reason the resident is told; the suspension stays", async () => {
    const app = server();
    const other = await makeUser(app.db, { role: "moderator", displayName: "Oban Other" });
    const resident = await makeUser(app.db);
    const suspended = await app.post(
      `/moderation/users/${resident.id}`,
      { intent: "sanction", kind: "suspend", ruleNumber: "1", days: "3", note: "Three days to cool off" },
      { as: decider },
    );
    expect(suspended.status).toBeLessThan(400);
    const sanction = await app.db.selectFrom("user_sanction").select("id").where("user_id", "=", resident.id).executeTakeFirstOrThrow();

    const settings = await html(await app.request("/settings", { as: resident }));
    expect(settings).toContain(`href="/appeals/new?sanction=${sanction.id}"`);
    const sent = await app.post(`/appeals/new?sanction=${sanction.id}`, { body: "I was quoting someone else." }, { as: resident });
    expect(sent.status).toBe(303);
    const [appeal] = await appealOf(resident.id);
    expect(appeal).toMatchObject({ sanction_id: sanction.id, assigned_to: other.id, decided_by_id: decider.id });

    const queue = await html(await app.request("/moderation/appeals", { as: other }));
    expect(queue).toContain("1 for you");
    expect(queue).toContain(`/moderation/appeals/${appeal!.id}`);

    // No outcome and no reason: both said beside their fields, nothing decided.
    const incomplete = await app.post(`/moderation/appeals/${appeal!.id}`, { reason: "" }, { as: other });
    expect(incomplete.status).toBe(400);
    const incompletePage = await html(incomplete);
    expect(incompletePage).toContain('id="outcome-error"');
    expect(incompletePage).toContain('id="reason-error"');

    const upheld = await app.post(`/moderation/appeals/${appeal!.id}`, { outcome: "upheld", reason: "The quote was yours to choose." }, { as: other });
    expect(upheld.status).toBe(200);
    const user = await app.db.selectFrom("user").select("status").where("id", "=", resident.id).executeTakeFirstOrThrow();
    expect(user.status).toBe("suspended");
    expect(await logRows(app.db, { userId: resident.id, action: "uphold_appeal" })).toMatchObject([{ moderator_id: other.id, note: "The quote was yours to choose." }]);
    const notice = await app.db.selectFrom("notification").select("body").where("user_id", "=", resident.id).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(notice.body).toContain("The decision stands. Their reason: The quote was yours to choose.");

    // Answered: the page shows the answer, and a second answer is refused naming who answered.
    const again = await app.post(`/moderation/appeals/${appeal!.id}`, { outcome: "reversed", reason: "Changed my mind" }, { as: admin });
    expect(again.status).toBe(409);
    expect(await html(again)).toContain("Oban Other already answered this appeal (upheld");
  });

  it("reversed by one of two staff answering at the same moment: answered once, lifted once, told once", async () => {
    const app = server();
    const resident = await makeUser(app.db);
    await app.post(`/moderation/users/${resident.id}`, { intent: "sanction", kind: "ban", ruleNumber: "2", note: "Hate" }, { as: decider });
    const sanction = await app.db.selectFrom("user_sanction").select("id").where("user_id", "=", resident.id).executeTakeFirstOrThrow();
    expect((await app.post(`/appeals/new?sanction=${sanction.id}`, { body: "Wrong account" }, { as: resident })).status).toBe(303);
    const [appeal] = await appealOf(resident.id);
    const assignee = { id: appeal!.assigned_to! };
    expect(assignee.id).not.toBe(decider.id);

    const answers = await Promise.all([
      app.post(`/moderation/appeals/${appeal!.id}`, { outcome: "reversed", reason: "Someone else used the account" }, { as: assignee }),
      app.post(`/moderation/appeals/${appeal!.id}`, { outcome: "reversed", reason: "Agreed: not theirs" }, { as: admin }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(await logRows(app.db, { userId: resident.id, action: "reverse_appeal" })).toHaveLength(1);
    expect(await logRows(app.db, { userId: resident.id, action: "lift_sanction" })).toHaveLength(1);
    const user = await app.db.selectFrom("user").select("status").where("id", "=", resident.id).executeTakeFirstOrThrow();
    expect(user.status).toBe("active");
    const told = await app.db.selectFrom("notification").select("body").where("user_id", "=", resident.id).where("body", "like", "%answered your appeal%").execute();
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain("the ban is lifted");
  });
});
