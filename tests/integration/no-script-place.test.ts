import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeArticle, makeComment, makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";
import { REPORT_THANKS } from "../../app/utils/comment-rules";

/**
 * Issue 29, part 1: without JavaScript, every form's answer returns the reader to the page, order and
 * comment the form came from, with its message beside that comment; Delete asks first, then lands on
 * the neighbouring comment.
 */
let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  await app?.close();
});

const DAY = 86_400_000;

async function residentFor(name: string) {
  const user = await makeUser(app.db, { displayName: name, createdAt: new Date(Date.now() - 60 * DAY).toISOString() });
  await app.db.updateTable("user").set({ trusted: 1 }).where("id", "=", user.id).execute();
  return user;
}

/** A story of 120 threads: three pages; in the newest order the first-written thread is on page 3. */
async function longStory() {
  const article = await makeArticle(app.db);
  const writer = await residentFor(`Thread Writer ${Date.now()}`);
  const roots = [];
  for (let i = 0; i < 120; i++) {
    roots.push(
      await makeComment(app.db, {
        articleId: article.id,
        authorId: writer.id,
        bodySource: `Thread ${i} on the harbour wall`,
        createdAt: new Date(Date.now() - (200 - i) * 60_000).toISOString(),
      }),
    );
  }
  return { article, oldest: roots[0]!, writer };
}

describe("forms sent without JavaScript past the first page", () => {
  it("bring a Like back to the page, order and comment it came from", async () => {
    const { article, oldest } = await longStory();
    const reader = await residentFor("Lena Likeback");
    const place = `/articles/${article.slug}?sort=newest&page=3`;
    expect(await (await app.request(place)).text()).toContain(`id="comment-${oldest.id}"`);
    const response = await app.post(`/articles/${article.slug}?sort=newest&page=3&write=1`, { intent: "like", set: "like", commentId: String(oldest.id) }, { as: reader });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${place}#comment-${oldest.id}`);
    const liked = await app.db.selectFrom("comment_like").select("user_id").where("comment_id", "=", oldest.id).execute();
    expect(liked.map((row) => row.user_id)).toEqual([reader.id]);
  });

  it("thank a reporter beside the comment, on its page, in a page rendered for them", async () => {
    const { article, oldest } = await longStory();
    const reader = await residentFor("Rhona Reportback");
    const response = await app.post(
      `/articles/${article.slug}?sort=newest&page=3&write=1`,
      { intent: "report", commentId: String(oldest.id), reason: "spam", note: "" },
      { as: reader },
    );
    expect(response.status).toBe(302);
    const location = response.headers.get("location")!;
    expect(location).toBe(`/articles/${article.slug}?sort=newest&page=3&reported=${oldest.id}#comment-${oldest.id}`);
    const page = await app.request(location, { as: reader });
    expect(page.headers.get("x-parley-cache")).toBeNull();
    const html = await page.text();
    const thanks = html.indexOf(`id="reported-${oldest.id}"`);
    expect(thanks).toBeGreaterThan(html.indexOf(`id="comment-${oldest.id}"`));
    expect(html.slice(thanks, thanks + 200)).toContain(REPORT_THANKS);
    // The thanks is this reader's alone: the shared page shows none.
    expect(await (await app.request(`/articles/${article.slug}?sort=newest&page=3`)).text()).not.toContain(`id="reported-`);
  });

  it("ask before deleting, beside the comment, and then land on the neighbouring comment", async () => {
    const { article, oldest } = await longStory();
    const author = await residentFor("Dora Deleteback");
    const before = await makeComment(app.db, { articleId: article.id, authorId: author.id, parentId: oldest.id, bodySource: "The reply above" });
    const doomed = await makeComment(app.db, { articleId: article.id, authorId: author.id, parentId: oldest.id, bodySource: "Words to take back" });
    const form = `/articles/${article.slug}?sort=newest&page=3&write=1`;
    const asked = await app.post(form, { intent: "delete", commentId: String(doomed.id) }, { as: author });
    expect(asked.status).toBe(302);
    const question = asked.headers.get("location")!;
    expect(question).toBe(`/articles/${article.slug}?sort=newest&page=3&delete=${doomed.id}#comment-${doomed.id}`);
    const status = async () => (await app.db.selectFrom("comment").select("status").where("id", "=", doomed.id).executeTakeFirstOrThrow()).status;
    expect(await status()).toBe("visible");
    const html = await (await app.request(question, { as: author })).text();
    expect(html).toContain(`id="delete-form-${doomed.id}"`);
    expect(html).toContain("Delete this comment?");
    // Only its author is asked.
    expect(await (await app.request(question, { as: await residentFor("Nosy Neighbour") })).text()).not.toContain(`id="delete-form-`);
    const done = await app.post(form, { intent: "delete", commentId: String(doomed.id), confirm: "1" }, { as: author });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe(`/articles/${article.slug}?sort=newest&page=3#comment-${before.id}`);
    expect(await status()).not.toBe("visible");
  });

  it("leave the page's scripts as they were: a Like and a Delete sent with js=1 answer with data", async () => {
    const { article, oldest } = await longStory();
    const author = await residentFor("Jess Scripted");
    const mine = await makeComment(app.db, { articleId: article.id, authorId: author.id, parentId: oldest.id, bodySource: "Gone at once" });
    const like = await app.post(`/articles/${article.slug}?page=3&write=1`, { intent: "like", commentId: String(oldest.id), js: "1" }, { as: author });
    expect(like.status).toBe(200);
    const del = await app.post(`/articles/${article.slug}?page=3&write=1`, { intent: "delete", commentId: String(mine.id), js: "1" }, { as: author });
    expect(del.status).toBe(200);
    expect((await app.db.selectFrom("comment").select("status").where("id", "=", mine.id).executeTakeFirstOrThrow()).status).not.toBe("visible");
  });
});

describe("forms sent without JavaScript from a page rendered for the reader", () => {
  it("bring Like and Report back to the comment's own page, and never to another site or story", async () => {
    const { article, oldest } = await longStory();
    const reader = await residentFor("Petra Permalink");
    const own = `/articles/${article.slug}/comments/${oldest.id}`;
    const html = await (await app.request(own, { as: reader })).text();
    expect(html).toContain(`from=${encodeURIComponent(own)}`);
    const action = (from: string) => `/articles/${article.slug}?from=${encodeURIComponent(from)}&write=1`;
    const like = await app.post(action(own), { intent: "like", set: "like", commentId: String(oldest.id) }, { as: reader });
    expect(like.headers.get("location")).toBe(`${own}#comment-${oldest.id}`);
    const report = await app.post(action(own), { intent: "report", commentId: String(oldest.id), reason: "spam", note: "" }, { as: reader });
    const thanked = report.headers.get("location")!;
    expect(thanked).toBe(`${own}?reported=${oldest.id}#comment-${oldest.id}`);
    expect(await (await app.request(thanked, { as: reader })).text()).toContain(REPORT_THANKS);
    for (const elsewhere of ["//evil.example/articles", "https://evil.example/", "/articles/another-story/comments/1", `${own}/../../x`]) {
      const answer = await app.post(action(elsewhere), { intent: "like", set: "unlike", commentId: String(oldest.id) }, { as: reader });
      expect(answer.headers.get("location"), elsewhere).toBe(`/articles/${article.slug}#comment-${oldest.id}`);
    }
  });
});

