import { beforeAll, describe, expect, it } from "vitest";
import { mailModerationNotices } from "../../app/models/moderation/notice.server";
import { makeArticle, makeComment, makeUser } from "../factories";
import { mailTo, useTestServerWithOutbox, waitForMail } from "./accounts-support";

// Issue 29 parts 4 and 11: notices from the moderators link to the comment, the rule and the appeal,
// go by email as well, sit under "From the moderators"; the header's Moderation link counts what waits.

const server = useTestServerWithOutbox();
let moderator: { id: number };

beforeAll(async () => {
  const app = server();
  await app.db
    .insertInto("terms_rule")
    .values([
      { number: 2, title: "No hate", body: "No hate." },
      { number: 4, title: "Keep personal information private", body: "Private." },
    ])
    .execute();
  moderator = await makeUser(app.db, { role: "moderator" });
});

describe("notices from the moderators", () => {
  it("link to the comment, the rule and the appeal, arrive by email, and are listed apart from replies", async () => {
    const app = server();
    const article = await makeArticle(app.db);
    const author = await makeUser(app.db);
    const replier = await makeUser(app.db);
    await app.db.updateTable("user").set({ trusted: 1 }).where("id", "=", replier.id).execute();
    const comment = await makeComment(app.db, { articleId: article.id, authorId: author.id, bodySource: "Everyone knows where he parks" });
    const parent = await makeComment(app.db, { articleId: article.id, authorId: author.id, bodySource: "A fair question" });
    const replied = await app.post(`/articles/${article.slug}`, { intent: "reply", parentId: String(parent.id), body: "Fair answer" }, { as: replier });
    expect(replied.status).toBe(302);

    const removed = await app.post(`/moderation/comments/${comment.id}`, { intent: "reject", ruleNumber: "4", note: "Locates a person" }, { as: moderator });
    expect(removed.status).toBeLessThan(400);

    const mail = await waitForMail((m) => m.to.includes(author.email!) && m.subject === "A notice from the moderators");
    expect(mail.text).toContain(`removed your comment on “${article.headline}”: rule 4, Keep personal information private.`);
    expect(mail.text).toContain("Note from the moderator: Locates a person");
    expect(mail.text).toMatch(new RegExp(`https?://[^\\s]+/articles/${article.slug}/yours#comment-${comment.id}`));
    expect(mail.text).toMatch(/https?:\/\/[^\s]+\/terms#rule-4/);
    expect(mail.text).toMatch(new RegExp(`https?://[^\\s]+/appeals/new\\?comment=${comment.id}`));

    const page = await (await app.request("/notifications", { as: author })).text();
    const moderators = page.slice(page.indexOf('id="from-moderators"'), page.indexOf('id="replies-to-you"'));
    const replies = page.slice(page.indexOf('id="replies-to-you"'), page.indexOf("</section>", page.indexOf('id="replies-to-you"')));
    expect(moderators).toContain("Locates a person");
    expect(moderators).toContain(`href="/articles/${article.slug}/yours#comment-${comment.id}"`);
    expect(moderators).toContain('href="/terms#rule-4"');
    expect(moderators).toContain(`href="/appeals/new?comment=${comment.id}"`);
    expect(moderators).not.toContain("Fair answer");
    expect(replies).toContain("Fair answer");
    expect(replies).not.toContain("Locates a person");

    // The link leads to the comment: the author's own list of the story shows it, marked as removed.
    const yours = await (await app.request(`/articles/${article.slug}/yours`, { as: author })).text();
    expect(yours).toContain(`id="comment-${comment.id}"`);
    expect(yours).toContain("Everyone knows where he parks");
    expect(yours).toContain("Removed by a moderator: rule 4");
    expect(yours).toContain("Only you can see this comment.");
    // and nobody else: the shared page and another reader's list do not show its words
    expect(await (await app.request(`/articles/${article.slug}`)).text()).not.toContain("Everyone knows where he parks");
    expect(await (await app.request(`/articles/${article.slug}/yours`, { as: replier })).text()).not.toContain("Everyone knows where he parks");

    // Each notice is mailed once, however many servers look.
    expect(await mailModerationNotices(app.db, "http://localhost")).toBe(0);
    expect((await mailTo(author.email!)).filter((m) => m.subject === "A notice from the moderators")).toHaveLength(1);
  });

  it("mail a sanction with its end and rule, once, even when two senders run at once", async () => {
    const app = server();
    const resident = await makeUser(app.db);
    const answer = await app.post(
      `/moderation/users/${resident.id}`,
      { intent: "sanction", kind: "suspend", ruleNumber: "2", days: "3", note: "Three days off" },
      { as: moderator },
    );
    expect(answer.status).toBeLessThan(400);
    const notice = await app.db.selectFrom("notification").selectAll().where("user_id", "=", resident.id).executeTakeFirstOrThrow();
    expect(notice).toMatchObject({ kind: "moderation", rule_number: 2 });
    const mail = await waitForMail((m) => m.to.includes(resident.email!));
    expect(mail.text).toMatch(/suspended from posting, liking and reporting for 3 days, until \d{1,2} \w{3} \d{4}/);
    expect(mail.text).toMatch(/https?:\/\/[^\s]+\/appeals\n/);
    // Two senders racing over a fresh notice: exactly one sends it.
    await app.db.updateTable("notification").set({ mailed_at: null }).where("id", "=", notice.id).execute();
    const counts = await Promise.all([mailModerationNotices(app.db, "http://a"), mailModerationNotices(app.db, "http://b")]);
    expect(counts[0]! + counts[1]!).toBe(1);
    expect(await mailTo(resident.email!)).toHaveLength(2);
  });

  it("send nothing when a resident's forbidden post reaches a moderation action", async () => {
    const app = server();
    const resident = await makeUser(app.db);
    const target = await makeUser(app.db);
    const article = await makeArticle(app.db);
    const comment = await makeComment(app.db, { articleId: article.id, authorId: target.id });
    await app.db.updateTable("notification").set({ mailed_at: null }).where("kind", "=", "moderation").execute();
    const refused = await app.post(`/moderation/comments/${comment.id}`, { intent: "reject", ruleNumber: "2" }, { as: resident });
    expect(refused.status).toBe(403);
    await new Promise((done) => setTimeout(done, 200));
    const waiting = await app.db.selectFrom("notification").select("id").where("kind", "=", "moderation").where("mailed_at", "is", null).execute();
    expect(waiting.length).toBeGreaterThan(0);
    await mailModerationNotices(app.db, "http://localhost");
  });
});

describe("the header's Moderation link", () => {
  it("shows staff how many comments wait (held, or reported), and nobody else", async () => {
    const app = server();
    const article = await makeArticle(app.db);
    const author = await makeUser(app.db);
    const reporter = await makeUser(app.db);
    const countIn = (html: string) => html.match(/>Moderation<span class="badge">(\d+)/)?.[1] ?? null;
    const before = Number(countIn(await (await app.request("/notifications", { as: moderator })).text()) ?? 0);
    const held = await makeComment(app.db, { articleId: article.id, authorId: author.id, status: "pending" });
    const reported = await makeComment(app.db, { articleId: article.id, authorId: author.id });
    const reportAnswer = await app.post(`/articles/${article.slug}`, { intent: "report", commentId: String(reported.id), reason: "spam" }, { as: reporter });
    expect(reportAnswer.status).toBe(302);
    // A page rendered for the moderator, and the shared story page's layer.
    expect(countIn(await (await app.request("/notifications", { as: moderator })).text())).toBe(String(before + 2));
    const layer = await (await app.request(`/articles/${article.slug}/reader`, { as: moderator })).json();
    expect(layer.user.openItems).toBe(before + 2);
    // Residents see neither the link nor a count.
    const residentLayer = await (await app.request(`/articles/${article.slug}/reader`, { as: reporter })).json();
    expect(residentLayer.user.openItems).toBeUndefined();
    expect(await (await app.request("/notifications", { as: reporter })).text()).not.toContain(">Moderation<");
    await app.post(`/moderation/comments/${held.id}`, { intent: "approve" }, { as: moderator });
    expect(countIn(await (await app.request("/notifications", { as: moderator })).text())).toBe(String(before + 1));
  });
});
