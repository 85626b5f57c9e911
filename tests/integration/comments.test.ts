import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeArticle, makeComment, makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  await app?.close();
});

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();
/** A resident of a month's standing, trusted so the new-account hold does not apply (tested on its own). */
const established = async () => {
  const user = await makeUser(app.db, { createdAt: minutesAgo(60 * 24 * 30) });
  await app.db.updateTable("user").set({ trusted: 1 }).where("id", "=", user.id).execute();
  return user;
};

async function comments(articleId: number) {
  return app.db.selectFrom("comment").selectAll().where("article_id", "=", articleId).orderBy("id").execute();
}

async function commentCount(articleId: number) {
  const row = await app.db.selectFrom("article").select("comment_count").where("id", "=", articleId).executeTakeFirstOrThrow();
  return row.comment_count;
}

describe("the comment form", () => {
  it("shows a verified resident the form, with the terms linked beside it", async () => {
    const article = await makeArticle(app.db);
    // The story's page is the same for everyone (ADR 18); ?write=1 is the page rendered for its reader,
    // where a reader without JavaScript writes.
    const body = await (await app.request(`/articles/${article.slug}?write=1`, { as: await established() })).text();
    expect(body).toMatch(/<label for="comment-body-story">Comment<\/label>/);
    expect(body).toContain(">Post comment</button>");
    expect(body).toContain('href="/terms"');
  });

  it("asks an anonymous reader to sign in, linking back to the same place", async () => {
    const article = await makeArticle(app.db);
    const body = await (await app.request(`/articles/${article.slug}`)).text();
    expect(body).toContain("Sign in to comment");
    expect(body).toContain(`/login?redirectTo=${encodeURIComponent(`/articles/${article.slug}#comment-form`)}`);
    expect(body).not.toContain(">Post comment</button>");
  });

  it("asks a resident whose email is not verified to verify first, and refuses their post", async () => {
    const article = await makeArticle(app.db);
    const unverified = await makeUser(app.db, { emailVerified: false, createdAt: minutesAgo(60 * 48) });
    const page = await (await app.request(`/articles/${article.slug}?write=1`, { as: unverified })).text();
    expect(page).toContain("verify your email");
    const response = await app.post(`/articles/${article.slug}`, { intent: "comment", body: "Let me in" }, { as: unverified });
    expect(response.status).toBe(400);
    expect(await comments(article.id)).toEqual([]);
  });

  it("says comments are closed on a closed story, shows no form and refuses posts", async () => {
    const article = await makeArticle(app.db, { commentsOpen: false });
    const author = await established();
    await makeComment(app.db, { articleId: article.id, authorId: author.id, bodySource: "Said before closing" });
    const page = await (await app.request(`/articles/${article.slug}`, { as: author })).text();
    expect(page).toContain("Comments are closed on this story");
    expect(page).toContain("Said before closing");
    expect(page).not.toContain(">Post comment</button>");
    const response = await app.post(`/articles/${article.slug}`, { intent: "comment", body: "Too late" }, { as: author });
    expect(response.status).toBe(400);
  });
});

describe("posting and replying", () => {
  it("posts a comment without JavaScript and redirects to its permalink, counting it on the story", async () => {
    const article = await makeArticle(app.db);
    const author = await established();
    const response = await app.post(`/articles/${article.slug}`, { intent: "comment", body: "First *thoughts*" }, { as: author });
    expect(response.status).toBe(302);
    const [comment] = await comments(article.id);
    expect(response.headers.get("location")).toBe(`/articles/${article.slug}#comment-${comment!.id}`);
    expect(comment!.body_html).toContain("<em>thoughts</em>");
    expect(await commentCount(article.id)).toBe(1);
    const page = await (await app.request(`/articles/${article.slug}`)).text();
    expect(page).toContain(`id="comment-${comment!.id}"`);
  });

  it("answers a scripted post with data instead of a redirect", async () => {
    const article = await makeArticle(app.db);
    const response = await app.post(`/articles/${article.slug}`, { intent: "comment", body: "Posted with JS", js: "1" }, { as: await established() });
    expect(response.status).toBe(200);
    const [comment] = await comments(article.id);
    expect(comment?.body_source).toBe("Posted with JS");
  });

  it("nests a reply under its parent and tells the parent's author in Replies to you", async () => {
    const article = await makeArticle(app.db);
    const alice = await established();
    const bob = await established();
    const parent = await makeComment(app.db, { articleId: article.id, authorId: alice.id });
    const response = await app.post(`/articles/${article.slug}`, { intent: "reply", parentId: String(parent.id), body: "I disagree" }, { as: bob });
    expect(response.status).toBe(302);
    const reply = (await comments(article.id)).find((c) => c.parent_id === parent.id)!;
    expect(reply.depth).toBe(1);
    expect(reply.path.startsWith(`${parent.path}.`)).toBe(true);
    const header = await (await app.request("/", { as: alice })).text();
    expect(header).toMatch(/Replies to you<span class="badge">1/);
    const notices = await (await app.request("/notifications", { as: alice })).text();
    expect(notices).toContain(`href="/articles/${article.slug}"`);
    expect(notices).toContain("I disagree");
    // reading them and marking them read clears the count
    expect((await app.post("/notifications", {}, { as: alice })).status).toBe(200);
    expect(await (await app.request("/", { as: alice })).text()).not.toMatch(/Replies to you<span class="badge">/);
  });

  it("refuses a reply to a comment on another story", async () => {
    const one = await makeArticle(app.db);
    const two = await makeArticle(app.db);
    const author = await established();
    const elsewhere = await makeComment(app.db, { articleId: two.id, authorId: author.id });
    const response = await app.post(`/articles/${one.slug}`, { intent: "reply", parentId: String(elsewhere.id), body: "Cross-post" }, { as: await established() });
    expect(response.status).toBe(400);
    expect(await comments(one.id)).toEqual([]);
  });

  it("refuses empty, whitespace-only and over-long comments, keeping the text typed up to the limit", async () => {
    const article = await makeArticle(app.db);
    const author = await established();
    for (const body of ["", "   \n\t  "]) {
      const response = await app.post(`/articles/${article.slug}`, { intent: "comment", body }, { as: author });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("the comment is empty");
    }
    const long = "a".repeat(5001);
    const response = await app.post(`/articles/${article.slug}`, { intent: "comment", body: long }, { as: author });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("at most 5,000 characters");
    // What was typed comes back for the textarea, cut to the limit: the message says it was too long.
    expect(html).toContain(long.slice(0, 5000));
    expect(html).not.toContain(long);
    expect(await comments(article.id)).toEqual([]);
  });

  it("refuses a comment packed with emphasis marks that cannot be paired, beside the field, keeping the text", async () => {
    const article = await makeArticle(app.db);
    const author = await established();
    const hostile = "a_*".repeat(1666);
    const response = await app.post(`/articles/${article.slug}`, { intent: "comment", body: hostile }, { as: author });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("too many *, _ or ~ marks packed together");
    expect(html).toContain(hostile);
    expect(await comments(article.id)).toEqual([]);

    const comment = await makeComment(app.db, { articleId: article.id, authorId: author.id, bodySource: "First words" });
    const edit = await app.post(`/articles/${article.slug}`, { intent: "edit", commentId: String(comment.id), body: hostile }, { as: author });
    expect(edit.status).toBe(400);
    const editPage = await edit.text();
    expect(editPage).toContain("too many *, _ or ~ marks packed together");
    expect(editPage).toContain(hostile);
    const [kept] = await comments(article.id);
    expect(kept!.body_source).toBe("First words");
  });

  it("shows raw HTML typed by a resident as text and links bare URLs with rel nofollow ugc noopener", async () => {
    const article = await makeArticle(app.db);
    await app.post(`/articles/${article.slug}`, { intent: "comment", body: "<script>alert(1)</script> see https://example.org/minutes" }, { as: await established() });
    const [comment] = await comments(article.id);
    expect(comment!.body_html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(comment!.body_html).toMatch(/<a href="https:\/\/example.org\/minutes" rel="nofollow ugc noopener">/);
  });

  it("sends someone to sign in when they post while signed out", async () => {
    const article = await makeArticle(app.db);
    const response = await app.post(`/articles/${article.slug}`, { intent: "comment", body: "Anonymous?" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("editing and deleting", () => {
  it("lets the author edit within 15 minutes, and marks the comment edited", async () => {
    const article = await makeArticle(app.db);
    const author = await established();
    const comment = await makeComment(app.db, { articleId: article.id, authorId: author.id, createdAt: minutesAgo(5) });
    // "Your comments here" offers the edit without JavaScript; the page's layer lists it as editable.
    const page = await (await app.request(`/articles/${article.slug}/yours`, { as: author })).text();
    expect(page).toContain(`?edit=${comment.id}`);
    const layer = await (await app.request(`/articles/${article.slug}/reader`, { as: author })).json();
    expect(layer.viewer.editable).toEqual([comment.id]);
    const response = await app.post(`/articles/${article.slug}`, { intent: "edit", commentId: String(comment.id), body: "Better words" }, { as: author });
    expect(response.status).toBe(302);
    const after = await (await app.request(`/articles/${article.slug}`)).text();
    expect(after).toContain("Better words");
    expect(after).toContain('class="comment__edited">edited');
  });

  it("refuses an edit after the window, keeping the text", async () => {
    const article = await makeArticle(app.db);
    const author = await established();
    const comment = await makeComment(app.db, { articleId: article.id, authorId: author.id, bodySource: "Original", createdAt: minutesAgo(16) });
    const response = await app.post(`/articles/${article.slug}`, { intent: "edit", commentId: String(comment.id), body: "Too late edit" }, { as: author });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("edited for 15 minutes");
    expect(html).toContain("Too late edit");
    const row = await app.db.selectFrom("comment").select("body_source").where("id", "=", comment.id).executeTakeFirstOrThrow();
    expect(row.body_source).toBe("Original");
  });

  it("never edits or deletes someone else's comment", async () => {
    const article = await makeArticle(app.db);
    const owner = await established();
    const intruder = await established();
    const comment = await makeComment(app.db, { articleId: article.id, authorId: owner.id, bodySource: "Mine", createdAt: minutesAgo(1) });
    const edit = await app.post(`/articles/${article.slug}`, { intent: "edit", commentId: String(comment.id), body: "Hijacked" }, { as: intruder });
    expect(edit.status).toBe(400);
    const del = await app.post(`/articles/${article.slug}`, { intent: "delete", commentId: String(comment.id), confirm: "1" }, { as: intruder });
    expect(del.status).toBe(400);
    const row = await app.db.selectFrom("comment").selectAll().where("id", "=", comment.id).executeTakeFirstOrThrow();
    expect(row.body_source).toBe("Mine");
    expect(row.status).toBe("visible");
  });

  it("turns a deleted comment with replies into a placeholder that keeps the replies in place", async () => {
    const article = await makeArticle(app.db);
    const author = await established();
    const replier = await established();
    const parent = await makeComment(app.db, { articleId: article.id, authorId: author.id, bodySource: "Words to delete" });
    const reply = await makeComment(app.db, { articleId: article.id, authorId: replier.id, parentId: parent.id, bodySource: "A reply that stays" });
    expect(await commentCount(article.id)).toBe(2);
    const response = await app.post(`/articles/${article.slug}`, { intent: "delete", commentId: String(parent.id), confirm: "1" }, { as: author });
    expect(response.status).toBe(302);
    const page = await (await app.request(`/articles/${article.slug}`)).text();
    expect(page).toContain("Comment deleted by its author");
    expect(page).not.toContain("Words to delete");
    expect(page).toContain("A reply that stays");
    expect(page.indexOf(`id="comment-${parent.id}"`)).toBeLessThan(page.indexOf(`id="comment-${reply.id}"`));
    expect(await commentCount(article.id)).toBe(1);
  });
});

describe("likes", () => {
  it("toggles one like per resident, never on one's own comment", async () => {
    const article = await makeArticle(app.db);
    const author = await established();
    const fan = await established();
    const comment = await makeComment(app.db, { articleId: article.id, authorId: author.id });
    const like = () => app.post(`/articles/${article.slug}`, { intent: "like", commentId: String(comment.id), js: "1" }, { as: fan });
    const likes = async () => {
      const row = await app.db.selectFrom("comment").select("like_count").where("id", "=", comment.id).executeTakeFirstOrThrow();
      const rows = await app.db.selectFrom("comment_like").select("user_id").where("comment_id", "=", comment.id).execute();
      return { count: row.like_count, who: rows.map((r) => r.user_id) };
    };
    expect((await like()).status).toBe(200);
    expect(await likes()).toEqual({ count: 1, who: [fan.id] });
    expect((await like()).status).toBe(200);
    expect(await likes()).toEqual({ count: 0, who: [] });
    const own = await app.post(`/articles/${article.slug}`, { intent: "like", commentId: String(comment.id), js: "1" }, { as: author });
    expect(own.status).toBe(400);
    expect(await likes()).toEqual({ count: 0, who: [] });
    // without JavaScript, the like redirects back to the comment
    const plain = await app.post(`/articles/${article.slug}`, { intent: "like", commentId: String(comment.id) }, { as: fan });
    expect(plain.headers.get("location")).toBe(`/articles/${article.slug}#comment-${comment.id}`);
    const layer = await (await app.request(`/articles/${article.slug}/reader`, { as: fan })).json();
    expect(layer.viewer.liked).toEqual([comment.id]);
    const page = await (await app.request(`/articles/${article.slug}?report=${comment.id}`, { as: fan })).text();
    expect(page).toMatch(/aria-pressed="true">Liked/);
  });
});

describe("reports", () => {
  it("stores one report per resident with its reason and thanks the reporter", async () => {
    const article = await makeArticle(app.db);
    const author = await established();
    const reporter = await established();
    const comment = await makeComment(app.db, { articleId: article.id, authorId: author.id });
    const report = () =>
      app.post(`/articles/${article.slug}`, { intent: "report", commentId: String(comment.id), reason: "abuse", note: "Personal attack" }, { as: reporter });
    // Without JavaScript: back to the comment, with the thanks beside it on the reader's own page.
    const first = await report();
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe(`/articles/${article.slug}?reported=${comment.id}#comment-${comment.id}`);
    expect(await (await app.request(first.headers.get("location")!, { as: reporter })).text()).toContain("Thanks, a moderator will look at it.");
    const second = await report();
    expect(second.status).toBe(400);
    expect(await second.text()).toContain("already reported");
    const rows = await app.db.selectFrom("comment_report").selectAll().where("comment_id", "=", comment.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ reason: "abuse", note: "Personal attack", reporter_id: reporter.id });
  });

  it("takes the same report sent several times at once (a double click) as one report, without a fault", async () => {
    const article = await makeArticle(app.db);
    const author = await established();
    const reporter = await established();
    const comment = await makeComment(app.db, { articleId: article.id, authorId: author.id });
    const cookie = await app.cookieFor(reporter);
    const fields = { intent: "report", commentId: String(comment.id), reason: "spam", note: "Twice" };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => app.post(`/articles/${article.slug}`, fields, { headers: { Cookie: cookie } })),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([302, 400, 400, 400, 400, 400]);
    const rows = await app.db.selectFrom("comment_report").selectAll().where("comment_id", "=", comment.id).execute();
    expect(rows).toHaveLength(1);
  });

  it("asks for a reason, and refuses reporting one's own comment", async () => {
    const article = await makeArticle(app.db);
    const author = await established();
    const comment = await makeComment(app.db, { articleId: article.id, authorId: author.id });
    const noReason = await app.post(`/articles/${article.slug}`, { intent: "report", commentId: String(comment.id), note: "hm" }, { as: await established() });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Choose the reason");
    const own = await app.post(`/articles/${article.slug}`, { intent: "report", commentId: String(comment.id), reason: "spam" }, { as: author });
    expect(own.status).toBe(400);
  });
});

describe("limits that stop floods", () => {
  it("refuses a sixth comment within a minute, keeping the text", async () => {
    const article = await makeArticle(app.db);
    const author = await established();
    for (let i = 0; i < 5; i++) {
      const ok = await app.post(`/articles/${article.slug}`, { intent: "comment", body: `Point number ${i}` }, { as: author });
      expect(ok.status).toBe(302);
    }
    const sixth = await app.post(`/articles/${article.slug}`, { intent: "comment", body: "One point too many" }, { as: author });
    expect(sixth.status).toBe(429);
    const html = await sixth.text();
    expect(html).toContain("wait a minute");
    expect(html).toContain("One point too many");
    expect(await comments(article.id)).toHaveLength(5);
  });

  it("gives accounts under a day old a lower limit", async () => {
    const article = await makeArticle(app.db);
    const newcomer = await makeUser(app.db, { createdAt: minutesAgo(30) });
    await app.db.updateTable("user").set({ trusted: 1 }).where("id", "=", newcomer.id).execute();
    expect((await app.post(`/articles/${article.slug}`, { intent: "comment", body: "Hello" }, { as: newcomer })).status).toBe(302);
    expect((await app.post(`/articles/${article.slug}`, { intent: "comment", body: "Hello again" }, { as: newcomer })).status).toBe(302);
    const third = await app.post(`/articles/${article.slug}`, { intent: "comment", body: "Third" }, { as: newcomer });
    expect(third.status).toBe(429);
    expect(await third.text()).toContain("new accounts have a lower limit");
  });

  it("refuses the same text twice in a row", async () => {
    const article = await makeArticle(app.db);
    const author = await established();
    expect((await app.post(`/articles/${article.slug}`, { intent: "comment", body: "Vote no!" }, { as: author })).status).toBe(302);
    const again = await app.post(`/articles/${article.slug}`, { intent: "comment", body: "  vote NO!  " }, { as: author });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("You just posted exactly this");
  });
});

describe("reading big threads", () => {
  it("orders top-level comments oldest first, newest first or most liked, with links that work without JS", async () => {
    const article = await makeArticle(app.db);
    const people = await Promise.all([1, 2, 3].map(() => established()));
    const a = await makeComment(app.db, { articleId: article.id, authorId: people[0]!.id, bodySource: "Alpha", createdAt: minutesAgo(30) });
    const b = await makeComment(app.db, { articleId: article.id, authorId: people[1]!.id, bodySource: "Bravo", createdAt: minutesAgo(20) });
    const c = await makeComment(app.db, { articleId: article.id, authorId: people[2]!.id, bodySource: "Charlie", createdAt: minutesAgo(10) });
    await app.db.updateTable("comment").set({ like_count: 9 }).where("id", "=", b.id).execute();
    const order = async (query: string) => {
      const html = await (await app.request(`/articles/${article.slug}${query}`)).text();
      return [a, b, c].map((x) => ({ id: x.id, at: html.indexOf(`id="comment-${x.id}"`) })).sort((x, y) => x.at - y.at).map((x) => x.id);
    };
    expect(await order("")).toEqual([a.id, b.id, c.id]);
    expect(await order("?sort=newest")).toEqual([c.id, b.id, a.id]);
    expect(await order("?sort=liked")).toEqual([b.id, a.id, c.id]);
    const html = await (await app.request(`/articles/${article.slug}`)).text();
    expect(html).toContain(`href="/articles/${article.slug}?sort=newest#comments"`);
  });

  it("lets any comment's replies collapse without JavaScript", async () => {
    const article = await makeArticle(app.db);
    const author = await established();
    const parent = await makeComment(app.db, { articleId: article.id, authorId: author.id });
    await makeComment(app.db, { articleId: article.id, authorId: author.id, parentId: parent.id });
    const html = await (await app.request(`/articles/${article.slug}`)).text();
    expect(html).toMatch(/<details class="thread__replies" open=""><summary>1 reply/);
  });

  it("pages a story with more than 100 threads in pages of 50, each thread whole", async () => {
    const article = await makeArticle(app.db);
    const author = await established();
    const roots: number[] = [];
    for (let i = 0; i < 101; i++) {
      const root = await makeComment(app.db, { articleId: article.id, authorId: author.id, bodySource: `Thread ${i}` });
      roots.push(root.id);
    }
    const reply = await makeComment(app.db, { articleId: article.id, authorId: author.id, parentId: roots[60]!, bodySource: "Reply in thread 60" });
    const page1 = await (await app.request(`/articles/${article.slug}`)).text();
    expect(page1).toContain(`id="comment-${roots[0]}"`);
    expect(page1).toContain(`id="comment-${roots[49]}"`);
    expect(page1).not.toContain(`id="comment-${roots[50]}"`);
    expect(page1).toContain(`href="/articles/${article.slug}?page=2#comments"`);
    const page2 = await (await app.request(`/articles/${article.slug}?page=2`)).text();
    expect(page2).toContain(`id="comment-${roots[60]}"`);
    expect(page2).toContain(`id="comment-${reply.id}"`);
    const page3 = await (await app.request(`/articles/${article.slug}?page=3`)).text();
    expect(page3).toContain(`id="comment-${roots[100]}"`);
  });

  it("shows one comment with its replies and the chain of its parents, reached by Continue this thread", async () => {
    const article = await makeArticle(app.db);
    const people = await Promise.all([0, 1, 2, 3, 4, 5].map(() => established()));
    const chain = [];
    let parentId: number | null = null;
    for (const [i, person] of people.entries()) {
      const c = await makeComment(app.db, { articleId: article.id, authorId: person.id, parentId, bodySource: `Level ${i}` });
      chain.push(c);
      parentId = c.id;
    }
    const story = await (await app.request(`/articles/${article.slug}`)).text();
    expect(story).toContain(`href="/articles/${article.slug}/comments/${chain[3]!.id}">Continue this thread`);
    const focused = await app.request(`/articles/${article.slug}/comments/${chain[3]!.id}`);
    expect(focused.status).toBe(200);
    const html = await focused.text();
    expect(html).toContain("Earlier in this thread");
    for (const i of [0, 1, 2]) expect(html).toContain(`Level ${i}`);
    for (const i of [3, 4, 5]) expect(html).toContain(`id="comment-${chain[i]!.id}"`);
    expect((await app.request(`/articles/${article.slug}/comments/999999`)).status).toBe(404);
  });
});

describe("the comments feed", () => {
  it("is RSS of the story's latest visible comments with their text escaped", async () => {
    const article = await makeArticle(app.db, { headline: "Feed & story" });
    const author = await established();
    await makeComment(app.db, { articleId: article.id, authorId: author.id, bodySource: "Visible <b>view</b> & more" });
    await makeComment(app.db, { articleId: article.id, authorId: author.id, bodySource: "Hidden one", status: "pending" });
    const response = await app.request(`/articles/${article.slug}/comments.xml`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/rss+xml");
    const xml = await response.text();
    expect(xml).toContain('<rss version="2.0"');
    expect(xml).toContain("Feed &amp; story");
    expect(xml).toContain("Visible");
    expect(xml).not.toContain("Hidden one");
    expect(xml).not.toMatch(/<b>view<\/b>/);
    const { parseDocument, DomUtils } = await import("htmlparser2");
    const doc = parseDocument(xml, { xmlMode: true });
    const items = DomUtils.getElementsByTagName("item", doc);
    expect(items).toHaveLength(1);
    expect(DomUtils.textContent(DomUtils.getElementsByTagName("link", items[0]!)[0]!)).toMatch(
      new RegExp(`/articles/${article.slug}#comment-\\d+$`),
    );
  });
});
