import { readdirSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rejectComment, setArticleDiscussion } from "../../app/models/moderation/decision.server";
import { makeArticle, makeComment, makeUser } from "../factories";
import { useTestClock } from "../support/clock";
import { startTestServer, type TestServer } from "../support/test-server";
import { STALE_SERVE_MS } from "../../server/page-cache";
import { withoutNonces } from "./accounts-support";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
  await app.db.insertInto("terms_rule").values({ number: 3, title: "Personal attacks", body: "Play the ball." }).execute();
});
afterAll(async () => {
  await app?.close();
});

async function trustedResident() {
  const user = await makeUser(app.db, { createdAt: new Date(Date.now() - 30 * 86_400_000).toISOString() });
  await app.db.updateTable("user").set({ trusted: 1 }).where("id", "=", user.id).execute();
  return user;
}

async function anonymous(path: string, headers: Record<string, string> = {}) {
  const response = await app.request(path, { headers });
  return { response, cache: response.headers.get("x-parley-cache"), body: response.status === 304 ? "" : await response.text() };
}

describe("the anonymous page cache", () => {
  it("serves a repeat visit from the cache, with headers a CDN can honour", async () => {
    const article = await makeArticle(app.db);
    expect((await anonymous(`/articles/${article.slug}`)).cache).toBe("MISS");
    const second = await anonymous(`/articles/${article.slug}`);
    expect(second.cache).toBe("HIT");
    expect(second.response.headers.get("cache-control")).toBe("public, max-age=0, s-maxage=30, stale-while-revalidate=60");
    expect(second.response.headers.get("vary")).toBe("Accept-Encoding, Cookie");
  });

  it("shows a new comment, an edit, a deletion, a moderator's removal and a closed thread on the very next request", async () => {
    const article = await makeArticle(app.db);
    const author = await trustedResident();
    const moderator = { id: (await makeUser(app.db, { role: "moderator" })).id, role: "moderator" as const };
    const path = `/articles/${article.slug}`;
    await anonymous(path);
    expect((await anonymous(path)).cache).toBe("HIT");

    await app.post(path, { intent: "comment", body: "Fresh comment for the cache test" }, { as: author });
    let page = await anonymous(path);
    expect(page.cache).toBe("MISS");
    expect(page.body).toContain("Fresh comment for the cache test");
    const comment = await app.db.selectFrom("comment").selectAll().where("article_id", "=", article.id).executeTakeFirstOrThrow();

    await anonymous(path);
    await app.post(path, { intent: "edit", commentId: String(comment.id), body: "Edited words for the cache test" }, { as: author });
    page = await anonymous(path);
    expect(page.body).toContain("Edited words for the cache test");
    expect(page.body).not.toContain("Fresh comment for the cache test");

    const second = await makeComment(app.db, { articleId: article.id, authorId: author.id, bodySource: "Second view, soon removed" });
    await anonymous(path);
    await rejectComment(app.db, { moderator, commentId: second.id, ruleNumber: 3 });
    expect((await anonymous(path)).body).not.toContain("Second view, soon removed");

    await anonymous(path);
    await app.post(path, { intent: "delete", commentId: String(comment.id), confirm: "1" }, { as: author });
    expect((await anonymous(path)).body).not.toContain("Edited words for the cache test");

    await anonymous(path);
    await setArticleDiscussion(app.db, { moderator, articleId: article.id, commentsOpen: false });
    expect((await anonymous(path)).body).toContain("Comments are closed on this story");
  });

  it("gives every reader of a story the same page, and each their own layer apart from it", async () => {
    const article = await makeArticle(app.db);
    const path = `/articles/${article.slug}`;
    const anna = await makeUser(app.db, { displayName: "Anna Cachetest" });
    const ben = await makeUser(app.db, { displayName: "Ben Cachetest" });
    const anon = await anonymous(path);
    const withoutNonce = (html: string) => html.replace(/nonce="[^"]*"/g, 'nonce=""');
    for (const reader of [anna, ben]) {
      const response = await app.request(path, { as: reader });
      // The cache's page, the one every reader gets (ADR 18): no name in it, nobody's session touched.
      expect(response.headers.get("x-parley-cache")).toBe("HIT");
      expect(response.headers.get("set-cookie")).toBeNull();
      expect(withoutNonce(await response.text())).toBe(withoutNonce(anon.body));
    }
    expect(anon.body).not.toContain("Cachetest");
    const layer = async (reader: typeof anna) => {
      const response = await app.request(`${path}/reader`, { as: reader });
      expect(response.headers.get("cache-control")).toBe("private, no-store");
      expect(response.headers.get("x-parley-cache")).toBeNull();
      return response.json();
    };
    expect((await layer(anna)).user.displayName).toBe("Anna Cachetest");
    expect((await layer(ben)).user.displayName).toBe("Ben Cachetest");
    // Pages that are not a story's stay rendered for their reader, never from the cache.
    const front = await app.request("/", { as: anna });
    expect(front.headers.get("x-parley-cache")).toBeNull();
    expect(await front.text()).toContain("Anna Cachetest");
  });

  it("drops query parameters a page does not read, so they make neither a new entry nor a new rendering", async () => {
    const article = await makeArticle(app.db);
    const path = `/articles/${article.slug}`;
    const first = await anonymous(path);
    for (const query of ["?r=1", "?r=2&utm_source=ferry", "?fbclid=x"]) {
      const again = await anonymous(`${path}${query}`);
      expect(again.response.headers.get("x-parley-cache"), query).toBe("HIT");
      expect(again.response.headers.get("etag")).toBe(first.response.headers.get("etag"));
    }
    // The ones it reads still make their own page, whatever their order.
    const sorted = await anonymous(`${path}?sort=newest&page=1&r=3`);
    expect(sorted.response.headers.get("x-parley-cache")).toBe("MISS");
    expect((await anonymous(`${path}?page=1&sort=newest`)).response.headers.get("x-parley-cache")).toBe("HIT");
    // The front page reads ?p= (WordPress's plain links): kept, and apart from the page without it.
    await anonymous("/");
    expect((await anonymous("/?p=7&r=1")).response.headers.get("x-parley-cache")).toBe("MISS");
    expect((await anonymous("/?r=2")).response.headers.get("x-parley-cache")).toBe("HIT");
  });

  it("serves a file at the site's root as that file, never as a page, and keeps assets immutable", async () => {
    // A file added to the client build's root after the fact (as public/ files are): not a page the cache renders.
    const name = `parley-root-file-${process.pid}.txt`;
    const file = resolve("build/client", name);
    writeFileSync(file, "A file at the root of the site.");
    try {
      for (let i = 0; i < 2; i++) {
        const response = await app.request(`/${name}`);
        expect(response.status).toBe(200);
        expect(response.headers.get("x-parley-cache")).toBeNull();
        expect(await response.text()).toBe("A file at the root of the site.");
      }
    } finally {
      rmSync(file);
    }
    const favicon = await app.request("/favicon.ico");
    expect(favicon.status).toBe(200);
    expect(favicon.headers.get("x-parley-cache")).toBeNull();
    const asset = readdirSync(resolve("build/client/assets")).find((f) => f.endsWith(".js"))!;
    expect((await app.request(`/assets/${asset}`)).headers.get("cache-control")).toContain("immutable");
  });

  it("gives a cookie that names no session the visitor's page from the cache, and clears it", async () => {
    await anonymous("/");
    for (const cookie of ["parley_session=made-up-token", "parley_session=; other=1"]) {
      const response = await app.request("/", { headers: { cookie } });
      expect(response.headers.get("x-parley-cache"), cookie).toBe("HIT");
      expect(response.headers.get("set-cookie"), cookie).toMatch(/^parley_session=;.*Max-Age=0/);
    }
    // A real session still gets the page rendered for its reader.
    const reader = await makeUser(app.db, { displayName: "Moira Realsession" });
    const real = await app.request("/", { as: reader });
    expect(real.headers.get("x-parley-cache")).toBeNull();
    expect(await real.text()).toContain("Moira Realsession");
  });

  it("never sends the header that tells the caches which story a page shows", async () => {
    const article = await makeArticle(app.db);
    const reader = await makeUser(app.db);
    for (const [path, as] of [
      [`/articles/${article.slug}`, undefined],
      [`/articles/${article.slug}?write=1`, reader],
      [`/articles/${article.slug}/reader`, reader],
      [`/articles/${article.slug}/comments.xml`, undefined],
    ] as const) {
      const response = await app.request(path, as ? { as } : {});
      expect(response.status, path).toBe(200);
      expect(response.headers.get("x-parley-article"), path).toBeNull();
    }
  });

  it("answers 304 only while nothing has changed", async () => {
    const article = await makeArticle(app.db);
    const path = `/articles/${article.slug}`;
    const first = await anonymous(path);
    const etag = first.response.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await anonymous(path, { "If-None-Match": etag })).response.status).toBe(304);
    await makeComment(app.db, { articleId: article.id, authorId: (await trustedResident()).id, bodySource: "A change" });
    const changed = await anonymous(path, { "If-None-Match": etag });
    expect(changed.response.status).toBe(200);
    expect(changed.response.headers.get("etag")).not.toBe(etag);
  });

  it("lets a scheduled story appear on its own when its time comes", async () => {
    const clock = useTestClock();
    const at = clock.now() + 20_000; // inside the copy's 30 s, so only the story's time can end it
    await anonymous("/");
    const soon = await makeArticle(app.db, {
      headline: "Scheduled to appear in a moment",
      status: "scheduled",
      publishedAt: new Date(at).toISOString(),
    });
    expect((await anonymous("/")).body).not.toContain(soon.headline);
    // Kept, and still right, up to the story's time...
    clock.set(at - 1);
    const before = await anonymous("/");
    expect(before.cache).toBe("HIT");
    expect(before.body).not.toContain(soon.headline);
    // ...and not a moment after.
    clock.set(at);
    expect((await anonymous("/")).body).toContain(soon.headline);
  });

  it("keeps a page fetched over HTTPS apart from the same page over plain HTTP", async () => {
    // A proxy on this machine says the reader came over HTTPS; the page then links to https://.
    // Without PARLEY_ORIGIN the links follow the request, so the two schemes must never share a copy.
    const article = await makeArticle(app.db);
    const path = `/articles/${article.slug}`;
    const overHttps = await anonymous(path, { "X-Forwarded-Proto": "https" });
    expect(overHttps.body).toMatch(/rel="canonical" href="https:\/\//);
    const plain = await anonymous(path);
    expect(plain.cache).toBe("MISS");
    expect(plain.body).toMatch(/rel="canonical" href="http:\/\//);
    expect((await anonymous(path)).cache).toBe("HIT");
    expect((await anonymous(path, { "X-Forwarded-Proto": "https" })).body).toMatch(/rel="canonical" href="https:\/\//);
  });

  it("renders a page once however many readers ask for it at the same moment", async () => {
    const article = await makeArticle(app.db);
    const path = `/articles/${article.slug}`;
    const pages = await Promise.all(Array.from({ length: 12 }, () => anonymous(path)));
    const kinds = pages.map((page) => page.cache);
    expect(kinds.filter((kind) => kind === "MISS")).toHaveLength(1);
    expect(kinds.every((kind) => kind === "MISS" || kind === "WAIT" || kind === "HIT")).toBe(true);
    expect(new Set(pages.map((page) => withoutNonces(page.body))).size).toBe(1);
  });

  it("renders a new version once after a write, bridging with the old page only while that rendering is made", async () => {
    const article = await makeArticle(app.db);
    const author = await trustedResident();
    const path = `/articles/${article.slug}`;
    await anonymous(path);
    expect((await anonymous(path)).cache).toBe("HIT");
    await app.post(path, { intent: "comment", body: "Posted while the story was busy" }, { as: author });
    const pages = await Promise.all(Array.from({ length: 12 }, () => anonymous(path)));
    expect(pages.filter((page) => page.cache === "MISS")).toHaveLength(1);
    for (const page of pages) {
      expect(["MISS", "WAIT", "STALE", "HIT"]).toContain(page.cache);
      // Only a bridging answer may lack the new comment; every other one has it.
      if (page.cache !== "STALE") expect(page.body).toContain("Posted while the story was busy");
    }
    const after = await anonymous(path);
    expect(after.cache).toBe("HIT");
    expect(after.body).toContain("Posted while the story was busy");
  });

  it("never bridges with an old page once the moment has passed", async () => {
    const article = await makeArticle(app.db);
    const author = await trustedResident();
    const path = `/articles/${article.slug}`;
    await anonymous(path);
    await app.post(path, { intent: "comment", body: "First of two quick comments" }, { as: author });
    // The first reader after the write renders the new page; nothing stale is served to them.
    const first = await anonymous(path);
    expect(first.cache).toBe("MISS");
    expect(first.body).toContain("First of two quick comments");
    await new Promise((resolve) => setTimeout(resolve, STALE_SERVE_MS + 50));
    await app.post(path, { intent: "comment", body: "Second of two quick comments" }, { as: author });
    const next = await anonymous(path);
    expect(next.cache).toBe("MISS");
    expect(next.body).toContain("Second of two quick comments");
  });

  it("compresses cached pages for browsers that accept it", async () => {
    const article = await makeArticle(app.db, { bodySource: "Long text. ".repeat(300) });
    const path = `/articles/${article.slug}`;
    // Each rendering differs slightly (the report form's timing field): compare with the cached one.
    // On PostgreSQL the story's version may arrive just after the first rendering began, so the page
    // is kept once that has settled.
    let plain = await anonymous(path);
    for (let i = 0; i < 40 && plain.cache !== "HIT"; i++) plain = await anonymous(path);
    expect(plain.cache).toBe("HIT");
    const response = await fetch(new URL(path, app.baseUrl), { headers: { "Accept-Encoding": "gzip" }, decompress: false } as RequestInit);
    expect(response.headers.get("content-encoding")).toBe("gzip");
    const raw = Buffer.from(await response.arrayBuffer());
    // undici may already have decoded the body; either way the page is the same
    const text = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw).toString("utf8") : raw.toString("utf8");
    // The same page, each copy with the nonce its own policy names (ADR 14).
    const nonce = /'nonce-([\w-]+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonce).toBeTruthy();
    expect(text).toContain(` nonce="${nonce}"`);
    const withoutNonces = (html: string) => html.replace(/ nonce="[\w-]+"/g, "");
    expect(withoutNonces(text)).toBe(withoutNonces(plain.body));
  });

  it("keeps private pages out of the cache", async () => {
    const first = await app.request("/login");
    expect(first.headers.get("x-parley-cache")).toBeNull();
  });

  it("keeps every page through writes readers never see: failed sign-ins, bad links, session touches", async () => {
    const article = await makeArticle(app.db, { headline: "Kept through sign-in noise" });
    const other = await makeArticle(app.db, { headline: "Another story, untouched" });
    const reader = await makeUser(app.db);
    const pages = ["/", `/articles/${article.slug}`, `/articles/${other.slug}`];
    for (const path of pages) {
      let page = await anonymous(path);
      for (let i = 0; i < 40 && page.cache !== "HIT"; i++) page = await anonymous(path);
      expect(page.cache, path).toBe("HIT");
    }
    const versionsBefore = await app.db.selectFrom("content_version").selectAll().orderBy("key").execute();
    // A wrong password (a throttle row), a bad verification link, a signed-in visit (a session touch).
    expect((await app.post("/login", { email: reader.email!, password: "not the password", redirectTo: "/" })).status).toBe(400);
    expect((await app.request("/verify-email/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")).status).toBeLessThan(500);
    expect((await app.request(`/articles/${article.slug}`, { as: reader })).status).toBe(200);
    expect((await app.request("/notifications", { as: reader })).status).toBe(200);
    expect(await app.db.selectFrom("content_version").selectAll().orderBy("key").execute()).toEqual(versionsBefore);
    for (const path of pages) expect((await anonymous(path)).cache, path).toBe("HIT");
  });

  it("keeps other stories' pages when a comment is posted on one story, and renews that story's", async () => {
    const busy = await makeArticle(app.db, { headline: "The busy story" });
    const quiet = await makeArticle(app.db, { headline: "The quiet story" });
    const author = await trustedResident();
    for (const path of [`/articles/${busy.slug}`, `/articles/${quiet.slug}`, "/"]) {
      let page = await anonymous(path);
      for (let i = 0; i < 40 && page.cache !== "HIT"; i++) page = await anonymous(path);
    }
    await app.post(`/articles/${busy.slug}`, { intent: "comment", body: "A comment that changes one story" }, { as: author });
    const busyPage = await anonymous(`/articles/${busy.slug}`);
    expect(busyPage.cache).toBe("MISS");
    expect(busyPage.body).toContain("A comment that changes one story");
    expect((await anonymous(`/articles/${quiet.slug}`)).cache).toBe("HIT");
    // The front page shows comment counts, so it is made afresh.
    expect((await anonymous("/")).cache).toBe("MISS");
  });

  it("keeps the site's lists through a like or an edit elsewhere, and renews them when what they show changes", async () => {
    const story = await makeArticle(app.db, { headline: "A story with a liked comment" });
    const author = await trustedResident();
    const fan = await trustedResident();
    const comment = await makeComment(app.db, { articleId: story.id, authorId: author.id, bodySource: "Worth a like" });
    const lists = ["/", "/feed.xml", "/sitemap.xml"];
    const settle = async (path: string) => {
      let page = await anonymous(path);
      for (let i = 0; i < 40 && page.cache !== "HIT"; i++) page = await anonymous(path);
      expect(page.cache, path).toBe("HIT");
    };
    for (const path of lists) await settle(path);
    expect((await app.post(`/articles/${story.slug}`, { intent: "like", commentId: String(comment.id), js: "1" }, { as: fan })).status).toBe(200);
    expect((await app.post(`/articles/${story.slug}`, { intent: "edit", commentId: String(comment.id), body: "Worth a like, edited", js: "1" }, { as: author })).status).toBe(200);
    // The story's own page is made afresh; the lists, which show neither likes nor comment text, are kept.
    expect((await anonymous(`/articles/${story.slug}`)).body).toContain("Worth a like, edited");
    for (const path of lists) expect((await anonymous(path)).cache, path).toBe("HIT");
    await app.db.updateTable("article").set({ headline: "A story with a new headline" }).where("id", "=", story.id).execute();
    await app.post(`/articles/${story.slug}`, { intent: "like", commentId: String(comment.id), js: "1" }, { as: fan }); // learn of the change now
    const front = await anonymous("/");
    expect(front.cache).toBe("MISS");
    expect(front.body).toContain("A story with a new headline");
  });
});
