import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { approveComment } from "../../app/models/moderation/decision.server";
import { DEFAULT_MODERATION_SETTINGS, saveModerationSettings } from "../../app/models/moderation/hold-rules.server";
import { sanctionUser } from "../../app/models/moderation/sanction.server";
import { formatDateTime } from "../../app/utils/time";
import { makeArticle, makeComment, makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";

// Issue 29 parts 3 and 5: a sanctioned resident is told until when, under which rule and how to
// appeal, and is not offered controls that would refuse them; a resident is told before posting when
// their comment will wait for a moderator, from the same settings the screening applies.

let app: TestServer;
let admin: { id: number; role: "admin" };
let moderator: { id: number; role: "moderator" };

beforeAll(async () => {
  app = await startTestServer();
  await app.db
    .insertInto("terms_rule")
    .values([
      { number: 1, title: "Be civil", body: "Argue with ideas." },
      { number: 3, title: "No personal attacks", body: "Play the ball." },
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

async function resident(trusted = true) {
  const user = await makeUser(app.db, { createdAt: new Date(Date.now() - 30 * 86_400_000).toISOString() });
  if (trusted) await app.db.updateTable("user").set({ trusted: 1 }).where("id", "=", user.id).execute();
  return user;
}

async function layerOf(slug: string, as: { id: number }) {
  const response = await app.request(`/articles/${slug}/reader`, { as });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    viewer: { canPost: boolean; canReact: boolean; blockedReason: string | null; holdNotice: string | null; restriction: null | Record<string, unknown> };
  };
}

/** The Like button and the Report link of one comment, on a page rendered for its reader. */
function controlsFor(html: string, commentId: number) {
  return {
    like: html.includes(`name="commentId" value="${commentId}"`),
    report: html.includes(`report=${commentId}#report-form-${commentId}`),
  };
}

describe("a suspended or banned resident is told where they stand", () => {
  it("says until when and under which rule, on the story, in settings and in every refusal, and offers no Like or Report", async () => {
    const article = await makeArticle(app.db);
    const other = await resident();
    const target = await makeComment(app.db, { articleId: article.id, authorId: other.id });
    const suspended = await resident();
    await sanctionUser(app.db, { moderator, userId: suspended.id, kind: "suspend", ruleNumber: 3, note: "Cool off, please", days: 3 });
    const until = (await app.db.selectFrom("user").select("status_until").where("id", "=", suspended.id).executeTakeFirstOrThrow()).status_until!;
    const untilText = formatDateTime(until);

    // The story's personal layer (what the shared page applies after hydration).
    const { viewer } = await layerOf(article.slug, suspended);
    expect(viewer.canPost).toBe(false);
    expect(viewer.canReact).toBe(false);
    expect(viewer.restriction).toMatchObject({ kind: "suspend", until, ruleNumber: 3, ruleTitle: "No personal attacks", note: "Cool off, please" });
    expect(viewer.blockedReason).toContain(`until ${untilText}`);
    expect(viewer.blockedReason).toContain("rule 3 of our terms of posting (No personal attacks)");

    // The story page rendered for them (?write, the way in without JavaScript) says it in place of the box.
    const page = await (await app.request(`/articles/${article.slug}?write=1`, { as: suspended })).text();
    expect(page).toContain(`suspended from posting, liking and reporting until ${untilText}`);
    expect(page).toContain('href="/terms#rule-3"');
    expect(page).toMatch(/href="\/appeals\/new\?sanction=\d+"/);
    expect(page).toContain("Cool off, please");

    // A page rendered for them offers neither Like nor Report; the same page offers both to another resident.
    const thread = `/articles/${article.slug}/comments/${target.id}`;
    expect(controlsFor(await (await app.request(thread, { as: suspended })).text(), target.id)).toEqual({ like: false, report: false });
    const bystander = await resident();
    expect(controlsFor(await (await app.request(thread, { as: bystander })).text(), target.id)).toEqual({ like: true, report: true });

    // A form sent anyway (an old page) is refused with the same facts beside it.
    const liked = await app.post(`/articles/${article.slug}`, { intent: "like", commentId: String(target.id) }, { as: suspended });
    expect(liked.status).toBe(400);
    expect(await liked.text()).toContain(`until ${untilText}`);
    const posted = await app.post(`/articles/${article.slug}`, { intent: "comment", body: "Let me in" }, { as: suspended });
    expect(posted.status).toBe(400);
    const refusal = await posted.text();
    expect(refusal).toContain(`until ${untilText}`);
    expect(refusal).toContain("Let me in");

    // Settings say it too.
    const settings = await (await app.request("/settings", { as: suspended })).text();
    expect(settings).toContain("Your standing");
    expect(settings).toContain(`until ${untilText}`);
    expect(settings).toContain('href="/terms#rule-3"');
    expect(settings).toMatch(/href="\/appeals\/new\?sanction=\d+"/);
    expect(settings).toContain('href="/appeals"');
    // and the terms explain how to appeal
    expect(await (await app.request("/terms")).text()).toContain('id="appeals"');
  });

  it("names a ban's rule, with no end date, and says nothing in settings of an account in good standing", async () => {
    const article = await makeArticle(app.db);
    const banned = await resident();
    await sanctionUser(app.db, { moderator, userId: banned.id, kind: "ban", ruleNumber: 1, note: "" });
    const { viewer } = await layerOf(article.slug, banned);
    expect(viewer.restriction).toMatchObject({ kind: "ban", until: null, ruleNumber: 1 });
    expect(viewer.blockedReason).toMatch(/^Your account is banned from posting, liking and reporting, under rule 1 of our terms of posting \(Be civil\)\./);
    expect(viewer.canReact).toBe(false);
    const fine = await resident();
    expect(await (await app.request("/settings", { as: fine })).text()).not.toContain("Your standing");
    const { viewer: fineViewer } = await layerOf(article.slug, fine);
    expect(fineViewer).toMatchObject({ canPost: true, canReact: true, restriction: null });
  });

  it("does not offer Like or Report to a resident whose address is not confirmed, and says why", async () => {
    const article = await makeArticle(app.db);
    const unconfirmed = await makeUser(app.db, { emailVerified: false });
    const { viewer } = await layerOf(article.slug, unconfirmed);
    expect(viewer).toMatchObject({ canPost: false, canReact: false, restriction: null });
    expect(viewer.blockedReason).toMatch(/verify your email address/);
  });
});

describe("a resident is told before posting when their comment will wait", () => {
  it("follows the new-account rule until enough comments are approved, the second included", async () => {
    const article = await makeArticle(app.db);
    const newcomer = await resident(false);
    expect((await layerOf(article.slug, newcomer)).viewer.holdNotice).toBe(
      "Until a moderator has approved your first comment, each comment you post waits for review before it appears.",
    );
    const page = await (await app.request(`/articles/${article.slug}?write=1`, { as: newcomer })).text();
    expect(page).toContain("Until a moderator has approved your first comment");
    expect(page).toContain('href="/terms#review"');
    await app.post(`/articles/${article.slug}`, { intent: "comment", body: "First words" }, { as: newcomer });
    await app.post(`/articles/${article.slug}`, { intent: "comment", body: "Second words" }, { as: newcomer });
    const held = await app.db.selectFrom("comment").select(["id", "status"]).where("author_id", "=", newcomer.id).orderBy("id").execute();
    // What the notice said is what happened: both wait, since none was approved when the second came.
    expect(held.map((c) => c.status)).toEqual(["pending", "pending"]);
    expect((await layerOf(article.slug, newcomer)).viewer.holdNotice).toMatch(/^Until a moderator has approved your first comment/);
    await approveComment(app.db, { moderator, commentId: held[0]!.id });
    expect((await layerOf(article.slug, newcomer)).viewer.holdNotice).toBeNull();
    await app.post(`/articles/${article.slug}`, { intent: "comment", body: "Third words" }, { as: newcomer });
    expect((await app.db.selectFrom("comment").select("status").where("author_id", "=", newcomer.id).orderBy("id", "desc").executeTakeFirstOrThrow()).status).toBe("visible");

    await setRules({ newAccountHoldCount: 3 });
    expect((await layerOf(article.slug, newcomer)).viewer.holdNotice).toBe(
      "Until a moderator has approved 3 of your comments (2 so far), each comment you post waits for review before it appears.",
    );
  });

  it("says which rule holds: the site, the story, the account; never for trusted residents or staff", async () => {
    const article = await makeArticle(app.db);
    const trusted = await resident(true);
    expect((await layerOf(article.slug, trusted)).viewer.holdNotice).toBeNull();
    await app.db.updateTable("article").set({ premoderate: 1 }).where("id", "=", article.id).execute();
    expect((await layerOf(article.slug, trusted)).viewer.holdNotice).toBe("Comments on this story wait for a moderator before they appear.");
    await setRules({ premoderateAll: true });
    expect((await layerOf(article.slug, trusted)).viewer.holdNotice).toBe("At the moment a moderator reads every comment before it appears.");
    expect((await layerOf(article.slug, moderator)).viewer.holdNotice).toBeNull();
    await setRules({});
    const other = await makeArticle(app.db);
    await sanctionUser(app.db, { moderator, userId: trusted.id, kind: "premoderate", ruleNumber: 1, note: "" });
    expect((await layerOf(other.slug, trusted)).viewer.holdNotice).toBe("A moderator checks your comments before they appear.");
  });

  it("states the hold rules on the terms page from the settings that apply them", async () => {
    const before = await (await app.request("/terms")).text();
    expect(before).toContain("until a moderator has approved their first comment");
    expect(before).toContain("A comment with 2 or more links waits.");
    expect(before).toContain("reported by 3 different residents is hidden");
    await setRules({ newAccountHoldCount: 2, linkHoldCount: 1, reportHideThreshold: 0 });
    const after = await (await app.request("/terms")).text();
    expect(after).toContain("until a moderator has approved 2 of them");
    expect(after).toContain("A comment with a link waits.");
    expect(after).not.toContain("is hidden until a moderator");
  });
});
