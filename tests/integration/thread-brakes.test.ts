import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { raiseModerationAlerts } from "../../app/models/moderation/alert.server";
import { makeArticle, makeComment, makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";
import { html, logRows } from "./moderation-support";

// Issue 15 part 3: thread brakes. Two residents who reply to each other 4 times within 20 minutes wait a
// growing delay before their next reply to each other, told why and until when; the brake is logged and
// moderators alerted. Slow mode: one comment per resident per X minutes on a story, switched by
// moderators, logged, and atomic when two posts arrive at once. On SQLite and PostgreSQL.

let app: TestServer;
let moderator: { id: number };

beforeAll(async () => {
  app = await startTestServer();
  moderator = await makeUser(app.db, { role: "moderator" });
});
afterAll(async () => {
  await app?.close();
});

async function resident(name: string) {
  const user = await makeUser(app.db, { displayName: `${name} ${Date.now().toString(36)}`, createdAt: new Date(Date.now() - 90 * 86_400_000).toISOString() });
  await app.db.updateTable("user").set({ trusted: 1 }).where("id", "=", user.id).execute();
  return user;
}

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

describe("two residents replying to each other", () => {
  it("are slowed after 4 replies within 20 minutes, each told why and until when, with the text kept; logged once and alerted; others are not slowed", async () => {
    const story = await makeArticle(app.db);
    const ailsa = await resident("Ailsa");
    const brodie = await resident("Brodie");
    const carys = await resident("Carys");
    // A back-and-forth: Brodie opens, then four replies alternate, the last of them Ailsa's a minute ago.
    let parent = await makeComment(app.db, { articleId: story.id, authorId: brodie.id, bodySource: "The ferry timetable is a disgrace", createdAt: minutesAgo(12) });
    const authors = [ailsa, brodie, ailsa, brodie];
    for (const [i, author] of authors.entries()) {
      parent = await makeComment(app.db, { articleId: story.id, authorId: author.id, parentId: parent.id, bodySource: `Round ${i}`, createdAt: minutesAgo(10 - i * 3) });
    }
    // Brodie's last reply (1 minute ago) was to Ailsa; Ailsa answers it.
    const refused = await app.post(`/articles/${story.slug}`, { intent: "reply", parentId: String(parent.id), body: "And another thing about the ferry" }, { as: ailsa });
    expect(refused.status).toBe(400);
    const page = await html(refused);
    expect(page).toContain(`You and ${brodie.display_name} have replied to each other 4 times in the last 20 minutes.`);
    expect(page).toMatch(/can go up at \d{1,2} \w{3} \d{4}, \d{1,2}:\d{2}[ap]m \(in \d+ minutes?\)/);
    expect(page).toContain("And another thing about the ferry");
    expect(await app.db.selectFrom("comment").select("id").where("author_id", "=", ailsa.id).where("body_source", "=", "And another thing about the ferry").execute()).toEqual([]);
    // A second try is refused too, and logged no twice.
    expect((await app.post(`/articles/${story.slug}`, { intent: "reply", parentId: String(parent.id), body: "Really" }, { as: ailsa })).status).toBe(400);
    expect(await logRows(app.db, { articleId: story.id, action: "brake_pair" })).toMatchObject([{ moderator_id: null, user_id: ailsa.id }]);

    // A reply to someone else goes up.
    const other = await makeComment(app.db, { articleId: story.id, authorId: carys.id, bodySource: "Calm point", createdAt: minutesAgo(30) });
    expect((await app.post(`/articles/${story.slug}`, { intent: "reply", parentId: String(other.id), body: "Fair point, Carys" }, { as: ailsa })).status).toBe(302);

    // The moderators hear of it.
    await raiseModerationAlerts(app.db);
    const alert = await app.db.selectFrom("moderation_alert").select(["text", "link"]).where("kind", "=", "pair").where("article_id", "=", story.id).executeTakeFirstOrThrow();
    expect(alert.text).toContain("Two residents keep replying to each other");
    expect(alert.text).not.toMatch(/#\d+-\d+#/);

    // Once the delay has passed (the last exchange 3 minutes back), the reply goes up; the next waits longer.
    await app.db.updateTable("comment").set({ created_at: minutesAgo(3) }).where("id", "=", parent.id).execute();
    const ailsaLast = await app.db.selectFrom("comment").select("id").where("author_id", "=", ailsa.id).where("parent_id", "is not", null).where("body_source", "=", "Round 2").executeTakeFirstOrThrow();
    await app.db.updateTable("comment").set({ created_at: minutesAgo(4) }).where("id", "=", ailsaLast.id).execute();
    const later = await app.post(`/articles/${story.slug}`, { intent: "reply", parentId: String(parent.id), body: "After a breath" }, { as: ailsa });
    expect(later.status).toBe(302);
    const again = await app.post(`/articles/${story.slug}`, { intent: "reply", parentId: String(parent.id), body: "One more" }, { as: ailsa });
    expect(again.status).toBe(400);
    expect(await html(again)).toMatch(/\(in [34] minutes\)/);
  });
});

describe("slow mode", () => {
  it("is switched by a moderator, logged, said on the story page, and lets each resident post once every X minutes; staff are not slowed", async () => {
    const story = await makeArticle(app.db);
    const on = await app.post(`/moderation/stories/${story.id}`, { intent: "slow_mode", slowMode: "5" }, { as: moderator });
    expect(on.status).toBe(200);
    expect(await logRows(app.db, { articleId: story.id, action: "set_slow_mode" })).toMatchObject([{ moderator_id: moderator.id, note: "One comment every 5 minutes each" }]);
    expect(await html(await app.request(`/articles/${story.slug}`))).toContain("Slow mode is on: each of us can post one comment here every 5 minutes");

    const dougie = await resident("Dougie");
    expect((await app.post(`/articles/${story.slug}`, { intent: "comment", body: "First thought" }, { as: dougie })).status).toBe(302);
    const second = await app.post(`/articles/${story.slug}`, { intent: "comment", body: "Second thought, too soon" }, { as: dougie });
    expect(second.status).toBe(400);
    const page = await html(second);
    expect(page).toContain("Slow mode is on for this story: one comment every 5 minutes each");
    expect(page).toContain("Second thought, too soon");
    // Staff are not slowed.
    await app.post(`/articles/${story.slug}`, { intent: "comment", body: "Desk note one" }, { as: moderator });
    expect((await app.post(`/articles/${story.slug}`, { intent: "comment", body: "Desk note two" }, { as: moderator })).status).toBe(302);
    // Five minutes on, Dougie may post again.
    await app.db.updateTable("comment").set({ created_at: minutesAgo(6) }).where("author_id", "=", dougie.id).execute();
    expect((await app.post(`/articles/${story.slug}`, { intent: "comment", body: "Second thought, in time" }, { as: dougie })).status).toBe(302);

    const bad = await app.post(`/moderation/stories/${story.id}`, { intent: "slow_mode", slowMode: "7" }, { as: moderator });
    expect(bad.status).toBe(400);
    expect(await html(bad)).toContain("Choose how often each resident may post, or Off.");
    expect((await app.post(`/moderation/stories/${story.id}`, { intent: "slow_mode", slowMode: "0" }, { as: moderator })).status).toBe(200);
    expect((await logRows(app.db, { articleId: story.id, action: "set_slow_mode" })).at(-1)).toMatchObject({ note: "Off" });
    expect(await html(await app.request(`/articles/${story.slug}`))).not.toContain("Slow mode is on");
  });

  it("takes exactly one of two comments sent at the same moment by one resident", async () => {
    const story = await makeArticle(app.db);
    await app.post(`/moderation/stories/${story.id}`, { intent: "slow_mode", slowMode: "10" }, { as: moderator });
    const eilidh = await resident("Eilidh");
    const answers = await Promise.all([
      app.post(`/articles/${story.slug}`, { intent: "comment", body: "At once, one" }, { as: eilidh }),
      app.post(`/articles/${story.slug}`, { intent: "comment", body: "At once, two" }, { as: eilidh }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([302, 400]);
    expect(await app.db.selectFrom("comment").select("id").where("author_id", "=", eilidh.id).execute()).toHaveLength(1);
  });
});
