import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeArticle, makeCategory, makeComment, makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  await app?.close();
});

async function html(path: string) {
  const response = await app.request(path);
  return { status: response.status, body: await response.text(), response };
}

describe("the front page", () => {
  it("lists published stories, newest first, with byline, categories and comment count", async () => {
    const editor = await makeUser(app.db, { displayName: "Ishbel Front", role: "editor" });
    const council = await makeCategory(app.db, { slug: "front-council", name: "Front Council" });
    const older = await makeArticle(app.db, {
      headline: "Older front story",
      authorId: editor.id,
      publishedAt: "2026-01-01T10:00:00.000Z",
    });
    const newer = await makeArticle(app.db, {
      headline: "Newer front story",
      summary: "The summary of the newer story.",
      authorId: editor.id,
      categoryIds: [council.id],
      publishedAt: new Date(Date.now() - 60_000).toISOString(),
    });
    const reader = await makeUser(app.db);
    await makeComment(app.db, { articleId: newer.id, authorId: reader.id });
    await makeComment(app.db, { articleId: newer.id, authorId: reader.id, status: "pending" });

    const { status, body } = await html("/");
    expect(status).toBe(200);
    expect(body.indexOf("Newer front story")).toBeGreaterThan(-1);
    expect(body.indexOf("Newer front story")).toBeLessThan(body.indexOf("Older front story"));
    expect(body).toContain("The summary of the newer story.");
    expect(body).toContain("Ishbel Front");
    expect(body).toContain('href="/categories/front-council"');
    expect(body).toMatch(/1 comment<span class="visually-hidden"> on “Newer front story”/); // the pending one is not counted
    expect(body).toContain(`href="/articles/${older.slug}"`);
  });

  it("hides drafts and stories scheduled for later", async () => {
    await makeArticle(app.db, { headline: "A draft nobody should see", status: "draft" });
    const future = await makeArticle(app.db, {
      headline: "Scheduled for next week",
      status: "scheduled",
      publishedAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    const { body } = await html("/");
    expect(body).not.toContain("A draft nobody should see");
    expect(body).not.toContain("Scheduled for next week");
    expect((await html(`/articles/${future.slug}`)).status).toBe(404);
  });

  it("shows a scheduled story once its time has come", async () => {
    const due = await makeArticle(app.db, {
      headline: "Scheduled and now due",
      status: "scheduled",
      publishedAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect((await html(`/articles/${due.slug}`)).status).toBe(200);
  });

  it("pages older stories", async () => {
    for (let i = 0; i < 12; i++) {
      await makeArticle(app.db, { headline: `Paging story ${i}`, publishedAt: `2020-01-${String(i + 1).padStart(2, "0")}T09:00:00.000Z` });
    }
    const first = await html("/");
    expect(first.body).toContain('href="/?page=2"');
    const last = await html("/?page=99");
    expect(last.status).toBe(200);
    expect(last.body).toContain("No stories here yet.");
    expect((await html("/?page=banana")).status).toBe(200);
  });
});

describe("a story page", () => {
  it("shows the story, Filed under links and the whole thread nested, with permalinks and local times", async () => {
    const category = await makeCategory(app.db, { slug: "story-ferries", name: "Story Ferries" });
    const author = await makeUser(app.db, { displayName: "Rona Byline", role: "editor" });
    const article = await makeArticle(app.db, {
      headline: "Ferry timetable cut",
      bodySource: "## What changes\n\nThe **winter** timetable.\n\n<script>alert(1)</script>",
      authorId: author.id,
      categoryIds: [category.id],
      publishedAt: "2026-03-26T13:36:00.000Z",
    });
    const alice = await makeUser(app.db, { displayName: "Alice Thread" });
    const bob = await makeUser(app.db, { displayName: "Bob Thread" });
    const top = await makeComment(app.db, { articleId: article.id, authorId: alice.id, bodySource: "Top-level view", createdAt: "2026-03-26T13:36:00.000Z" });
    const reply = await makeComment(app.db, { articleId: article.id, authorId: bob.id, parentId: top.id, bodySource: "A reply to Alice" });

    const { status, body } = await html(`/articles/${article.slug}`);
    expect(status).toBe(200);
    expect(body).toContain("<h1");
    expect(body).toContain("Ferry timetable cut");
    expect(body).toContain("<h2>What changes</h2>");
    expect(body).not.toContain("<script>alert(1)</script>");
    expect(body).toMatch(/Filed under.*href="\/categories\/story-ferries"/s);
    expect(body).toContain(`id="comment-${top.id}"`);
    expect(body).toContain(`id="comment-${reply.id}"`);
    expect(body).toContain(`href="#comment-${reply.id}"`);
    expect(body).toContain(`href="/users/${alice.id}"`);
    expect(body).toContain('<time dateTime="2026-03-26T13:36:00.000Z">26 Mar 2026, 1:36pm</time>');
    // the reply sits inside the parent's list item, in a nested list
    const parentItem = body.slice(body.indexOf(`id="comment-${top.id}"`));
    expect(parentItem.indexOf('class="thread thread--replies"')).toBeLessThan(parentItem.indexOf(`id="comment-${reply.id}"`));
    expect(body).toContain("Comments are the views of their authors");
  });

  it("escapes what residents typed in names and shows raw HTML in comments as text", async () => {
    const article = await makeArticle(app.db, { headline: "Escaping story" });
    const mallory = await makeUser(app.db, { displayName: '<img src=x onerror="alert(1)">' });
    await makeComment(app.db, { articleId: article.id, authorId: mallory.id, bodySource: "<b>bold?</b> <script>alert(2)</script>" });
    const { body } = await html(`/articles/${article.slug}`);
    expect(body).not.toContain('<img src=x onerror="alert(1)">');
    expect(body).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(body).not.toContain("<script>alert(2)</script>");
    expect(body).toContain("&lt;b&gt;bold?&lt;/b&gt;");
  });

  it("says whom a reply answers once indentation stops", async () => {
    const article = await makeArticle(app.db, { headline: "Deep thread story" });
    const people = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => makeUser(app.db, { displayName: `Deep Person ${i} ${Date.now()}` })));
    let parentId: number | null = null;
    const chain: number[] = [];
    for (const person of people) {
      const comment = await makeComment(app.db, { articleId: article.id, authorId: person.id, parentId });
      chain.push(comment.id);
      parentId = comment.id;
    }
    const { body } = await html(`/articles/${article.slug}`);
    expect(body).toMatch(new RegExp(`in reply to <a href="#comment-${chain[4]}">${people[4]!.display_name}</a>`));
  });

  it("answers 404 for an unknown story", async () => {
    const { status, body } = await html("/articles/no-such-story-here");
    expect(status).toBe(404);
    expect(body).toContain("Page not found");
  });

  it("is built from the same number of queries whatever the number of comments", async () => {
    const article = await makeArticle(app.db, { headline: "Counting queries" });
    const people = await Promise.all([1, 2, 3].map(() => makeUser(app.db)));
    const add = async (n: number) => {
      let last: number | null = null;
      for (let i = 0; i < n; i++) {
        const c = await makeComment(app.db, { articleId: article.id, authorId: people[i % 3]!.id, parentId: i % 4 === 0 ? null : last });
        last = c.id;
      }
    };
    await add(5);
    const small = await app.countQueries(() => app.request(`/articles/${article.slug}`).then((r) => r.text()));
    await add(300);
    const big = await app.countQueries(() => app.request(`/articles/${article.slug}`).then((r) => r.text()));
    expect(small).toBeGreaterThan(0);
    expect(big).toBe(small);
    expect(big).toBeLessThanOrEqual(10); // a small constant: shell, story, categories, threads, extras
  });
});

describe("other reading pages", () => {
  it("lists a category's stories and 404s an unknown one", async () => {
    const category = await makeCategory(app.db, { slug: "schools-list", name: "Schools List", description: "Classrooms and playgrounds." });
    await makeArticle(app.db, { headline: "School roof repaired", categoryIds: [category.id] });
    await makeArticle(app.db, { headline: "Not in this category" });
    const { status, body } = await html("/categories/schools-list");
    expect(status).toBe(200);
    expect(body).toContain("Schools List");
    expect(body).toContain("Classrooms and playgrounds.");
    expect(body).toContain("School roof repaired");
    expect(body).not.toContain("Not in this category");
    expect((await html("/categories/nope")).status).toBe(404);
  });

  it("shows a public profile with member-since and recent comments linking to their permalinks", async () => {
    const person = await makeUser(app.db, { displayName: "Profile Person", createdAt: "2024-05-02T12:00:00.000Z" });
    const article = await makeArticle(app.db, { headline: "Profiled story" });
    const comment = await makeComment(app.db, { articleId: article.id, authorId: person.id, bodySource: "My visible view" });
    const { status, body } = await html(`/users/${person.id}`);
    expect(status).toBe(200);
    expect(body).toContain("Profile Person");
    expect(body).toContain("2 May 2024");
    expect(body).toContain(`/articles/${article.slug}/comments/${comment.id}#comment-${comment.id}`);
    expect(body).not.toContain(person.email!);
    expect((await html("/users/999999")).status).toBe(404);
    expect((await html("/users/abc")).status).toBe(404);
  });

  it("serves the terms of posting and the about page", async () => {
    await app.db.insertInto("terms_rule").values({ number: 1, title: "Be civil", body: "Argue with ideas." }).execute();
    const terms = await html("/terms");
    expect(terms.status).toBe(200);
    expect(terms.body).toContain("Be civil");
    expect(terms.body).toContain('id="rule-1"');
    expect((await html("/about")).status).toBe(200);
  });

  it("answers 404 with the site's page for any unknown address", async () => {
    const { status, body } = await html("/this/does/not/exist");
    expect(status).toBe(404);
    expect(body).toContain("Page not found");
    expect(body).toContain('href="/terms"');
  });
});
