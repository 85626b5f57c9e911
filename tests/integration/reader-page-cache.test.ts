import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { decode } from "turbo-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sanctionUser } from "../../app/models/moderation/sanction.server";
import { makeArticle, makeComment, makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";

/*
 * Signed-in readers without a stake in a story's discussion share one rendering of its page, with their
 * own name, id and unread count put in (server/reader-page-cache.ts). These tests hold that page to the
 * page Remix renders for the same reader directly, byte for byte, and check who must not share it.
 */

let app: TestServer;
let renderDirectly: (path: string, cookie: string) => Promise<string>;
const USER_AGENT = "Mozilla/5.0 (parley test browser)";

beforeAll(async () => {
  app = await startTestServer();
  await app.db.insertInto("terms_rule").values({ number: 2, title: "Be civil", body: "Play the ball." }).execute();
  const build = (await import(pathToFileURL(resolve("build/server/index.js")).href)) as ServerBuild;
  const handle = createRequestHandler(build, "production");
  renderDirectly = async (path, cookie) => {
    const url = new URL(path, app.baseUrl);
    const response = await handle(new Request(url, { headers: { cookie, host: url.host, "user-agent": USER_AGENT } }), { cspNonce: "direct-render-nonce" });
    return response.text();
  };
});
afterAll(async () => {
  await app?.close();
});

async function resident(overrides: Parameters<typeof makeUser>[1] = {}) {
  const user = await makeUser(app.db, { createdAt: new Date(Date.now() - 60 * 86_400_000).toISOString(), ...overrides });
  await app.db.updateTable("user").set({ trusted: 1 }).where("id", "=", user.id).execute();
  return user;
}

async function page(path: string, cookie: string) {
  const response = await app.request(path, { headers: { cookie, "user-agent": USER_AGENT } });
  return { response, cache: response.headers.get("x-parley-cache"), body: await response.text() };
}

const STREAMED_DATA = /streamController\.enqueue\(("(?:[^"\\]|\\.)*")\);/g;

/**
 * A page in two parts: its markup, with the hydration data cut out, and that data decoded. The data
 * is compared decoded because turbo-stream writes a value that occurs twice as a reference, so the same
 * data can be spelt two ways. The error-report form's bot check carries the time the page was made,
 * the one part that may rightly differ.
 */
async function partsOf(html: string) {
  const chunks = [...html.matchAll(STREAMED_DATA)].map((match) => JSON.parse(match[1]!) as string);
  const markup = html
    .replace(STREAMED_DATA, "streamController.enqueue(DATA);")
    .replace(/ nonce="[\w-]+"/g, ' nonce="N"').replace(/name="startedAt" value="\d+"/g, 'name="startedAt" value="0"');
  const bytes = new TextEncoder().encode(chunks.join(""));
  const decoded = await decode(new ReadableStream({ start: (controller) => (controller.enqueue(bytes), controller.close()) }));
  await decoded.done;
  const data = JSON.parse(JSON.stringify(decoded.value).replace(/"reportStartedAt":\d+/g, '"reportStartedAt":0'));
  return { markup, data };
}

async function expectSameAsDirectRender(path: string, cookie: string) {
  const shared = await page(path, cookie);
  expect(shared.cache).toBe("SHARED");
  const direct = await partsOf(await renderDirectly(path, cookie));
  const assembled = await partsOf(shared.body);
  // Every script carries this answer's own nonce, the one its policy allows (ADR 14).
  const nonce = /'nonce-([\w-]+)'/.exec(shared.response.headers.get("content-security-policy") ?? "")?.[1];
  const nonces = [...shared.body.matchAll(/ nonce="([^"]*)"/g)].map((match) => match[1]);
  expect(nonces.length).toBeGreaterThan(3);
  expect(new Set(nonces)).toEqual(new Set([nonce]));
  expect(assembled.markup).toBe(direct.markup);
  expect(assembled.data).toEqual(direct.data);
  expect(JSON.stringify(assembled.data)).toContain('"loaderData"');
  return shared;
}

async function storyWithDiscussion() {
  const article = await makeArticle(app.db);
  const author = await resident();
  for (let i = 0; i < 4; i++) await makeComment(app.db, { articleId: article.id, authorId: author.id, bodySource: `Comment number ${i} on the pier` });
  return { article, path: `/articles/${article.slug}` };
}

describe("story pages shared among signed-in readers", () => {
  it("gives each reader the page Remix would render for them, with their own name", async () => {
    const { path } = await storyWithDiscussion();
    const first = await resident({ displayName: `Ailsa "Ally" <b>O'Hare</b> & co ${Date.now()}` });
    const second = await resident({ displayName: `Bram \u2028 </script><script>alert(1)</script> ${Date.now()}` });
    const firstPage = await expectSameAsDirectRender(path, await app.cookieFor(first));
    const secondPage = await expectSameAsDirectRender(path, await app.cookieFor(second));
    expect(firstPage.body).toContain("Ailsa &quot;Ally&quot; &lt;b&gt;O&#x27;Hare&lt;/b&gt; &amp; co");
    expect(secondPage.body).not.toContain("Ailsa");
    expect(secondPage.body).not.toContain("<script>alert(1)</script>");
    expect(secondPage.response.headers.get("cache-control")).toBe("private, no-cache");
    expect(secondPage.response.headers.get("vary")).toContain("Cookie");
  });

  it("shows a reader's unread replies, and the tools of moderators, editors and admins, as a direct render would", async () => {
    const { path } = await storyWithDiscussion();
    const reader = await resident();
    const someone = await resident();
    const comment = await makeComment(app.db, { articleId: (await makeArticle(app.db)).id, authorId: someone.id });
    for (let i = 0; i < 3; i++) {
      await app.db
        .insertInto("notification")
        .values({ user_id: reader.id, kind: "reply", comment_id: comment.id, actor_id: someone.id, body: "", created_at: new Date().toISOString(), read_at: null })
        .execute();
    }
    const withUnread = await expectSameAsDirectRender(path, await app.cookieFor(reader));
    expect(withUnread.body).toMatch(/class="badge">3<span class="visually-hidden"> unread/);

    const moderator = await makeUser(app.db, { role: "moderator" });
    const moderatorPage = await expectSameAsDirectRender(path, await app.cookieFor(moderator));
    expect(moderatorPage.body).toContain("Moderate this discussion");
    for (const role of ["editor", "admin"] as const) {
      await expectSameAsDirectRender(path, await app.cookieFor(await makeUser(app.db, { role })));
    }
    const residentPage = await page(path, await app.cookieFor(await resident()));
    expect(residentPage.body).not.toContain("Moderate this discussion");
  });

  it("keeps the rendering shared over HTTPS apart from the one over plain HTTP", async () => {
    const article = await makeArticle(app.db);
    const path = `/articles/${article.slug}`;
    // One reader comes through a proxy on this machine over HTTPS (so with the __Host- cookie), another over HTTP.
    const secureCookie = (await app.cookieFor(await resident())).replace(/^parley_session=/, "__Host-parley_session=");
    const overHttps = await app.request(path, { headers: { cookie: secureCookie, "user-agent": USER_AGENT, "X-Forwarded-Proto": "https" } });
    expect(overHttps.headers.get("x-parley-cache")).toBe("SHARED");
    expect(await overHttps.text()).toMatch(/rel="canonical" href="https:\/\//);
    const plain = await page(path, await app.cookieFor(await resident()));
    expect(plain.cache).toBe("SHARED");
    expect(plain.body).toMatch(/rel="canonical" href="http:\/\//);
  });

  it("keeps readers who may not post apart from those who may", async () => {
    const { path } = await storyWithDiscussion();
    const unverified = await resident({ emailVerified: false });
    const unverifiedPage = await expectSameAsDirectRender(path, await app.cookieFor(unverified));
    expect(unverifiedPage.body).toContain("Please verify your email address before you comment");

    const suspended = await resident();
    const moderator = await makeUser(app.db, { role: "moderator" });
    await sanctionUser(app.db, { moderator: { id: moderator.id, role: "moderator" }, userId: suspended.id, kind: "suspend", ruleNumber: 2, note: "", days: 3 });
    const suspendedPage = await expectSameAsDirectRender(path, await app.cookieFor(suspended));
    expect(suspendedPage.body).toContain("Your account is suspended from posting for now.");

    const free = await page(path, await app.cookieFor(await resident()));
    expect(free.cache).toBe("SHARED");
    expect(free.body).toContain("Post comment");
    expect(free.body).not.toContain("suspended from posting");
  });

  it("renders the page for the reader alone once they have liked, reported or written there", async () => {
    const { article, path } = await storyWithDiscussion();
    const target = await app.db.selectFrom("comment").select("id").where("article_id", "=", article.id).executeTakeFirstOrThrow();

    const liker = await resident();
    const likerCookie = await app.cookieFor(liker);
    expect((await page(path, likerCookie)).cache).toBe("SHARED");
    await app.post(path, { intent: "like", commentId: String(target.id) }, { headers: { cookie: likerCookie } });
    const liked = await page(path, likerCookie);
    expect(liked.cache).not.toBe("SHARED");
    expect(liked.body).toMatch(/aria-pressed="true">Liked/);

    const reporter = await resident();
    const reporterCookie = await app.cookieFor(reporter);
    await app.post(path, { intent: "report", commentId: String(target.id), reason: "spam", note: "" }, { headers: { cookie: reporterCookie } });
    const reported = await page(path, reporterCookie);
    expect(reported.cache).not.toBe("SHARED");
    expect(reported.body).toContain("Reported");

    const writer = await resident();
    const writerCookie = await app.cookieFor(writer);
    await app.post(path, { intent: "comment", body: "My own words on the pier" }, { headers: { cookie: writerCookie } });
    const written = await page(path, writerCookie);
    expect(written.cache).not.toBe("SHARED");
    expect(written.body).toContain("My own words on the pier");
    expect(written.body).toMatch(/>Edit</);

    // Everyone else sees the new comment on the very next request, without the writer's controls.
    const other = await page(path, await app.cookieFor(await resident()));
    expect(other.cache).toBe("SHARED");
    expect(other.body).toContain("My own words on the pier");
    expect(other.body).not.toMatch(/>Edit</);
  });

  it("renders the page for a reader with a warning to read", async () => {
    const { path } = await storyWithDiscussion();
    const warned = await resident();
    const moderator = await makeUser(app.db, { role: "moderator" });
    await sanctionUser(app.db, { moderator: { id: moderator.id, role: "moderator" }, userId: warned.id, kind: "warn", ruleNumber: 2, note: "Mind the tone" });
    const warnedPage = await page(path, await app.cookieFor(warned));
    expect(warnedPage.cache).not.toBe("SHARED");
    expect(warnedPage.body).toContain("A moderator has warned you");
  });

  it("reflects a moderator's removal on the very next shared page", async () => {
    const { article, path } = await storyWithDiscussion();
    const cookie = await app.cookieFor(await resident());
    expect((await page(path, cookie)).body).toContain("Comment number 2 on the pier");
    await app.db.updateTable("comment").set({ status: "removed" }).where("article_id", "=", article.id).where("body_source", "=", "Comment number 2 on the pier").execute();
    const after = await page(path, cookie);
    expect(after.cache).toBe("SHARED");
    expect(after.body).not.toContain("Comment number 2 on the pier");
  });

  it("sends a renewed session cookie from the shared page", async () => {
    const { path } = await storyWithDiscussion();
    const reader = await resident();
    const cookie = await app.cookieFor(reader);
    const soon = new Date(Date.now() + 2 * 86_400_000).toISOString();
    await app.db.updateTable("session").set({ expires_at: soon }).where("user_id", "=", reader.id).execute();
    const renewed = await page(path, cookie);
    expect(renewed.cache).toBe("SHARED");
    expect(renewed.response.headers.get("set-cookie")).toMatch(/^parley_session=.*HttpOnly/);

    // A reader with a stake: the session slides forward here, and the page rendered for them carries it.
    const { article } = await storyWithDiscussion();
    const writer = await resident();
    await makeComment(app.db, { articleId: article.id, authorId: writer.id, bodySource: "Mine" });
    const writerCookie = await app.cookieFor(writer);
    await app.db.updateTable("session").set({ expires_at: soon }).where("user_id", "=", writer.id).execute();
    const own = await page(`/articles/${article.slug}`, writerCookie);
    expect(own.cache).not.toBe("SHARED");
    expect(own.response.headers.get("set-cookie")).toMatch(/^parley_session=.*HttpOnly/);
  });

  it("leaves signed-out visitors, stale sessions and unknown stories to the other paths", async () => {
    const { path } = await storyWithDiscussion();
    const stale = await page(path, "parley_session=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    expect(stale.cache).not.toBe("SHARED");
    expect(stale.response.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    const cookie = await app.cookieFor(await resident());
    const missing = await page("/articles/no-such-story-here", cookie);
    expect(missing.response.status).toBe(404);
    const mangled = await page("/articles/%E0%A4%A", cookie);
    expect(mangled.response.status).toBeLessThan(500);
  });
});
