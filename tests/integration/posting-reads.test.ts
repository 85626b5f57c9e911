import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDatabase } from "../../db/database";
import { DEFAULT_MODERATION_SETTINGS, saveModerationSettings } from "../../app/models/moderation/hold-rules.server";
import { makeArticle, makeComment, makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";
import { testDialect } from "../support/test-db";

/**
 * Posting reads everything it decides on (the account, the story, the moderation rules, warnings and
 * the author's recent posts) in one statement built once, and parses the rules only when they change.
 * These tests pin down that nothing it reads is ever stale or counted differently.
 */
let app: TestServer;
let admin: { id: number };
beforeAll(async () => {
  app = await startTestServer();
  await app.db.insertInto("terms_rule").values({ number: 2, title: "No hate", body: "No hate." }).execute();
  admin = await makeUser(app.db, { role: "admin" });
});
afterAll(async () => {
  await app?.close();
});

// Each test starts from rules never saved: the defaults.
beforeEach(async () => {
  await app.db.deleteFrom("setting").where("key", "=", "moderation_rules").execute();
});
const setRules = (changes: Partial<typeof DEFAULT_MODERATION_SETTINGS>) =>
  saveModerationSettings(app.db, { settings: { ...DEFAULT_MODERATION_SETTINGS, ...changes }, adminId: admin.id });

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();
async function established() {
  const user = await makeUser(app.db, { createdAt: minutesAgo(60 * 24 * 30) });
  await app.db.updateTable("user").set({ trusted: 1 }).where("id", "=", user.id).execute();
  return user;
}
async function post(slug: string, author: { id: number }, body: string) {
  return app.post(`/articles/${slug}.data`, { intent: "comment", js: "1", body }, { as: author });
}
async function latest(articleId: number) {
  return app.db.selectFrom("comment").selectAll().where("article_id", "=", articleId).orderBy("id", "desc").executeTakeFirstOrThrow();
}

describe("the moderation rules a post is screened by", () => {
  it("are the ones saved a moment before, on the very next post, both ways", async () => {
    const article = await makeArticle(app.db);
    const author = await established();
    expect((await post(article.slug, author, "Before the change")).status).toBe(200);
    expect((await latest(article.id)).status).toBe("visible");

    await setRules({ premoderateAll: true });
    expect((await post(article.slug, author, "While everything is held")).status).toBe(200);
    expect(await latest(article.id)).toMatchObject({ status: "pending", held_reason: "Every comment is pre-moderated at the moment" });

    await setRules({ premoderateAll: false, bannedWords: ["ferryman"] });
    const refused = await post(article.slug, author, "Blame the ferryman");
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("rule 2 of our terms of posting (No hate)");

    await setRules({ bannedWords: ["harbourmaster"], suspectWords: ["ferryman"] });
    expect((await post(article.slug, author, "Blame the ferryman again")).status).toBe(200);
    expect(await latest(article.id)).toMatchObject({ body_source: "Blame the ferryman again", status: "pending" });

    await setRules({});
    expect((await post(article.slug, author, "The ferryman, once more")).status).toBe(200);
    expect(await latest(article.id)).toMatchObject({ body_source: "The ferryman, once more", status: "visible" });
  });

  it("are the ones another connection wrote (the admin command, a second server), on the very next post", async () => {
    const article = await makeArticle(app.db);
    const author = await established();
    const elsewhere = createDatabase(app.databaseUrl);
    try {
      await setRules({});
      const value = JSON.stringify({ ...DEFAULT_MODERATION_SETTINGS, suspectWords: ["timetable"] });
      await elsewhere.updateTable("setting").set({ value }).where("key", "=", "moderation_rules").execute();
      expect((await post(article.slug, author, "The new timetable")).status).toBe(200);
      expect((await latest(article.id)).held_reason).toContain("timetable");

      await elsewhere.deleteFrom("setting").where("key", "=", "moderation_rules").execute();
      expect((await post(article.slug, author, "The old timetable")).status).toBe(200);
      expect(await latest(article.id)).toMatchObject({ body_source: "The old timetable", status: "visible" });
    } finally {
      await elsewhere.destroy();
    }
  });
});

describe("the flood limits", () => {
  it("count the last minute for the minute's limit and the last hour for the hour's", async () => {
    const article = await makeArticle(app.db);
    const author = await established();
    for (let i = 0; i < 5; i++) await makeComment(app.db, { articleId: article.id, authorId: author.id, createdAt: minutesAgo(2) });
    for (let i = 0; i < 54; i++) await makeComment(app.db, { articleId: article.id, authorId: author.id, createdAt: minutesAgo(30) });
    for (let i = 0; i < 10; i++) await makeComment(app.db, { articleId: article.id, authorId: author.id, createdAt: minutesAgo(61) });
    expect((await post(article.slug, author, "The sixtieth this hour")).status).toBe(200);
    const over = await post(article.slug, author, "The sixty-first");
    expect(over.ok).toBe(false);
    expect(await over.text()).toContain("limit of 60 comments an hour");
    expect((await latest(article.id)).body_source).toBe("The sixtieth this hour");
  });

  it("refuse a repeat of the author's last comment even when it is hours old", async () => {
    const article = await makeArticle(app.db);
    const author = await established();
    await makeComment(app.db, { articleId: article.id, authorId: author.id, bodySource: "Older words", createdAt: minutesAgo(300) });
    await makeComment(app.db, { articleId: article.id, authorId: author.id, bodySource: "Save the  pier!", createdAt: minutesAgo(180) });
    const again = await post(article.slug, author, "save the pier!");
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("You just posted exactly this");
    expect((await post(article.slug, author, "Older words")).status).toBe(200);
  });
});

describe("a new comment's writes", () => {
  const countOf = async (articleId: number) =>
    (await app.db.selectFrom("article").select("comment_count").where("id", "=", articleId).executeTakeFirstOrThrow()).comment_count;

  it("are one statement that stores the comment, places it in its thread and counts it on its story", async () => {
    const article = await makeArticle(app.db);
    const author = await established();
    expect((await post(article.slug, author, "A first comment")).status).toBe(200);
    const queries = await app.countQueries(async () => {
      expect((await post(article.slug, author, "A second comment")).status).toBe(200);
    });
    // The session, the story, what posting decides on, the insert; on PostgreSQL the author's flood lock too.
    expect(queries).toBe(testDialect() === "postgres" ? 5 : 4);
    const comment = await latest(article.id);
    expect(comment).toMatchObject({ body_source: "A second comment", depth: 0, path: String(comment.id).padStart(10, "0") });
    expect(await countOf(article.id)).toBe(2);
  });

  it("place a held comment in its thread without counting it until a moderator lets it through", async () => {
    const article = await makeArticle(app.db);
    const author = await established();
    const root = await makeComment(app.db, { articleId: article.id, authorId: author.id });
    await setRules({ premoderateAll: true });
    const response = await app.post(
      `/articles/${article.slug}.data`,
      { intent: "reply", js: "1", parentId: String(root.id), body: "Held for a look" },
      { as: author },
    );
    expect(response.status).toBe(200);
    const held = await latest(article.id);
    expect(held).toMatchObject({ status: "pending", root_id: root.id, depth: 1, path: `${root.path}.${String(held.id).padStart(10, "0")}` });
    expect(await countOf(article.id)).toBe(1);
  });

  it("count every one of ten comments that different residents post on one story at once, each in its own place", async () => {
    const article = await makeArticle(app.db);
    const root = await makeComment(app.db, { articleId: article.id, authorId: (await established()).id });
    const authors = await Promise.all(Array.from({ length: 10 }, () => established()));
    const responses = await Promise.all(
      authors.map((author, i) =>
        i % 2
          ? post(article.slug, author, `Top-level comment ${i}`)
          : app.post(`/articles/${article.slug}.data`, { intent: "reply", js: "1", parentId: String(root.id), body: `Reply ${i}` }, { as: author }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(authors.map(() => 200));
    expect(await countOf(article.id)).toBe(11);
    const rows = await app.db.selectFrom("comment").select(["id", "parent_id", "path"]).where("article_id", "=", article.id).execute();
    for (const row of rows) {
      const own = String(row.id).padStart(10, "0");
      expect(row.path).toBe(row.parent_id === null ? own : `${root.path}.${own}`);
    }
  });

  it("leave a comment that arrives with its path (a copy, a restore) as it is, and its story's count too", async () => {
    const article = await makeArticle(app.db);
    const author = await established();
    const copied = await app.db
      .insertInto("comment")
      .values({
        article_id: article.id,
        author_id: author.id,
        parent_id: null,
        root_id: null,
        depth: 0,
        status: "visible",
        body_source: "Copied across",
        body_html: "<p>Copied across</p>",
        created_at: minutesAgo(10),
        held_reason: "",
        path: "0000000042",
        like_count: 0,
        edited_at: null,
        status_changed_at: null,
      })
      .returning(["id", "path"])
      .executeTakeFirstOrThrow();
    expect((await app.db.selectFrom("comment").select("path").where("id", "=", copied.id).executeTakeFirstOrThrow()).path).toBe("0000000042");
    expect(await countOf(article.id)).toBe(0);
  });
});

describe("a reply", () => {
  it("takes its place under its parent and tells the parent's author, reading the parent once", async () => {
    const article = await makeArticle(app.db);
    const parentAuthor = await established();
    const author = await established();
    const root = await makeComment(app.db, { articleId: article.id, authorId: parentAuthor.id });
    const child = await makeComment(app.db, { articleId: article.id, authorId: parentAuthor.id, parentId: root.id });
    expect((await post(article.slug, author, "A first comment")).status).toBe(200);
    const before = await app.countQueries(async () => {
      expect((await post(article.slug, author, "A second comment")).status).toBe(200);
    });
    const queries = await app.countQueries(async () => {
      const response = await app.post(
        `/articles/${article.slug}.data`,
        { intent: "reply", js: "1", parentId: String(child.id), body: "A reply two deep" },
        { as: author },
      );
      expect(response.status).toBe(200);
    });
    const reply = await latest(article.id);
    expect(reply).toMatchObject({ parent_id: child.id, root_id: root.id, depth: 2, path: `${child.path}.${String(reply.id).padStart(10, "0")}` });
    // Beyond a top-level post: one read of the parent, the heated-pair brake's read of the two authors'
    // recent replies to each other (issue 15 part 3), the notification, and the reply email's look-up.
    expect(queries).toBe(before + 4);
    const notice = await app.db.selectFrom("notification").selectAll().where("comment_id", "=", reply.id).executeTakeFirstOrThrow();
    expect(notice).toMatchObject({ user_id: parentAuthor.id, actor_id: author.id, kind: "reply" });
  });
});
