import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveComment } from "../../app/models/moderation/decision.server";
import { sanctionUser } from "../../app/models/moderation/sanction.server";
import { makeArticle, makeComment, makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";

/**
 * ADR 18: a story's page is one rendering for every reader, and what is one reader's own comes apart,
 * in the page's personal layer. For a matrix of readers, the page is byte for byte the visitor's page
 * (its nonce aside), and the layer says exactly what is theirs and nothing of anyone else's.
 */
let app: TestServer;
let moderator: { id: number; role: "moderator" };
const DAY = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const withoutNonce = (html: string) => html.replace(/nonce="[^"]*"/g, 'nonce=""');

beforeAll(async () => {
  app = await startTestServer();
  await app.db.insertInto("terms_rule").values([{ number: 2, title: "No hate", body: "No hate." }]).execute();
  moderator = { id: (await makeUser(app.db, { role: "moderator", createdAt: ago(400 * DAY) })).id, role: "moderator" };
});
afterAll(async () => {
  await app?.close();
});

type Reader = Awaited<ReturnType<typeof makeUser>>;

async function layerOf(slug: string, reader: Reader | null) {
  const response = await app.request(`/articles/${slug}/reader`, reader ? { as: reader } : {});
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toBe("private, no-store");
  return response.json();
}

describe("one story page for every reader", () => {
  it("gives a visitor, a liker, a reporter, authors in and past the edit window, a pending author, warned and suspended residents and staff the same page", async () => {
    const article = await makeArticle(app.db);
    const path = `/articles/${article.slug}`;
    const resident = () => makeUser(app.db, { createdAt: ago(100 * DAY) });
    const other = await resident();
    const theirs = await makeComment(app.db, { articleId: article.id, authorId: other.id, bodySource: "Somebody else's view" });

    const liker = await resident();
    await app.post(path, { intent: "like", commentId: String(theirs.id), js: "1" }, { as: liker });
    const reporter = await resident();
    await app.post(path, { intent: "report", commentId: String(theirs.id), reason: "spam", js: "1" }, { as: reporter });
    const fresh = await resident();
    const freshComment = await makeComment(app.db, { articleId: article.id, authorId: fresh.id, bodySource: "Fresh words", createdAt: ago(60_000) });
    const older = await resident();
    await makeComment(app.db, { articleId: article.id, authorId: older.id, bodySource: "Older words", createdAt: ago(20 * 60_000) });
    const newcomer = await makeUser(app.db, { createdAt: ago(60_000) });
    const held = await makeComment(app.db, { articleId: article.id, authorId: newcomer.id, bodySource: "Held words", status: "pending", parentId: theirs.id });
    const warned = await resident();
    await sanctionUser(app.db, { moderator, userId: warned.id, kind: "warn", ruleNumber: 2, note: "Mind the tone" });
    const suspended = await resident();
    await sanctionUser(app.db, { moderator, userId: suspended.id, kind: "suspend", ruleNumber: 2, note: "", days: 3 });
    const staff = await makeUser(app.db, { role: "moderator", createdAt: ago(300 * DAY) });
    const editor = await makeUser(app.db, { role: "editor", createdAt: ago(300 * DAY) });

    const visitorPage = withoutNonce(await (await app.request(path)).text());
    expect(visitorPage).toContain("Somebody else's view");
    expect(visitorPage).not.toContain("Held words");
    const readers = { liker, reporter, fresh, older, newcomer, warned, suspended, staff, editor };
    for (const [kind, reader] of Object.entries(readers)) {
      const response = await app.request(path, { as: reader });
      expect(withoutNonce(await response.text()), kind).toBe(visitorPage);
    }

    expect(await layerOf(article.slug, null)).toEqual({ articleId: null, user: null, viewer: null, pending: [], ownComments: 0 });
    const likerLayer = await layerOf(article.slug, liker);
    expect(likerLayer.user).toMatchObject({ id: liker.id, displayName: liker.display_name, role: "resident" });
    expect(likerLayer.viewer).toMatchObject({ liked: [theirs.id], reported: [], editable: [], canPost: true, canModerate: false, warning: null });
    expect((await layerOf(article.slug, reporter)).viewer).toMatchObject({ liked: [], reported: [theirs.id] });

    const freshLayer = await layerOf(article.slug, fresh);
    expect(freshLayer.viewer).toMatchObject({ editable: [freshComment.id], sources: { [freshComment.id]: "Fresh words" } });
    expect(freshLayer.ownComments).toBe(1);
    expect((await layerOf(article.slug, older)).viewer).toMatchObject({ editable: [], sources: {} });

    const newcomerLayer = await layerOf(article.slug, newcomer);
    expect(newcomerLayer.pending).toEqual([{ parentId: theirs.id, comment: expect.objectContaining({ id: held.id, pending: true, bodyHtml: expect.stringContaining("Held words") }) }]);
    // Nobody else's layer carries another reader's pending comment or source.
    for (const reader of [liker, reporter, fresh, staff]) {
      const layer = await layerOf(article.slug, reader);
      expect(layer.pending, reader.display_name).toEqual([]);
      expect(JSON.stringify(layer)).not.toContain("Held words");
    }

    const warnedLayer = await layerOf(article.slug, warned);
    expect(warnedLayer.viewer).toMatchObject({ canPost: false, warning: expect.objectContaining({ ruleNumber: 2, note: "Mind the tone" }) });
    const suspendedLayer = await layerOf(article.slug, suspended);
    expect(suspendedLayer.viewer.canPost).toBe(false);
    expect(suspendedLayer.viewer.blockedReason).toMatch(/suspended/);
    expect((await layerOf(article.slug, staff)).viewer.canModerate).toBe(true);
    expect((await layerOf(article.slug, editor)).user.role).toBe("editor");

    // Once approved, the held comment is on everyone's page and no longer pending in its author's layer.
    await approveComment(app.db, { moderator, commentId: held.id });
    expect(await (await app.request(path)).text()).toContain("Held words");
    expect((await layerOf(article.slug, newcomer)).pending).toEqual([]);
  });

  it("gives a visitor and a signed-in reader the same layer before Express as through it, security headers and all", async () => {
    const article = await makeArticle(app.db, { slug: "layer-both-ways" });
    const varying = new Set(["date", "content-security-policy", "keep-alive", "connection"]);
    const comparable = (response: Response) =>
      [...response.headers.entries()].filter(([name]) => !varying.has(name)).sort(([a], [b]) => a.localeCompare(b));
    // A plain address is answered before Express; one with an escape goes through Express's checks first.
    const before = await app.request(`/articles/${article.slug}/reader`);
    const through = await app.request("/articles/layer-both-w%61ys/reader");
    expect(before.status).toBe(200);
    expect(through.status).toBe(200);
    expect(comparable(before)).toEqual(comparable(through));
    expect(before.headers.get("content-security-policy")).toMatch(/'nonce-[\w-]{22}'/);
    expect(before.headers.get("cache-control")).toBe("private, no-store");
    expect(await before.text()).toBe(await through.text());
    const head = await app.request(`/articles/${article.slug}/reader`, { method: "HEAD" });
    expect(await head.text()).toBe("");
    // A signed-in reader's, the same way: made by the same function either way.
    const reader = await makeUser(app.db, { displayName: "Bryn Bothways" });
    const cookie = await app.cookieFor(reader);
    const mine = await app.request(`/articles/${article.slug}/reader`, { headers: { cookie } });
    const mineThrough = await app.request("/articles/layer-both-w%61ys/reader", { headers: { cookie } });
    expect(comparable(mine)).toEqual(comparable(mineThrough));
    const body = await mine.json();
    expect(body).toEqual(await mineThrough.json());
    expect(body.user.displayName).toBe("Bryn Bothways");
    expect(body.articleId).toBe(article.id);
  });

  it("answers a cookie that names no session with a visitor's layer, and clears it", async () => {
    const article = await makeArticle(app.db);
    const response = await app.request(`/articles/${article.slug}/reader`, { headers: { cookie: "parley_session=abcdefghijklmnopqrstuvwxyz234567" } });
    expect(response.status).toBe(200);
    expect((await response.json()).user).toBeNull();
    expect(response.headers.get("set-cookie")).toMatch(/^parley_session=;.*Max-Age=0/);
    // A reader whose story is gone still learns who they are, for the header.
    const reader = await makeUser(app.db, { displayName: "Gwen Gonestory" });
    const gone = await (await app.request("/articles/no-such-story/reader", { as: reader })).json();
    expect(gone).toMatchObject({ articleId: null, viewer: null, user: { displayName: "Gwen Gonestory" } });
  });

  it("renders a page opened for a form for its reader alone, and never keeps it", async () => {
    const article = await makeArticle(app.db);
    const reader = await makeUser(app.db, { displayName: "Ffion Formopen", createdAt: ago(100 * DAY) });
    const comment = await makeComment(app.db, { articleId: article.id, authorId: (await makeUser(app.db)).id });
    for (const query of ["?write=1", `?replyTo=${comment.id}`, `?report=${comment.id}`]) {
      const response = await app.request(`/articles/${article.slug}${query}`, { as: reader });
      expect(response.headers.get("x-parley-cache"), query).toBeNull();
      const html = await response.text();
      if (query === "?write=1") expect(html).toMatch(/Posting as (<!-- -->)?Ffion Formopen/);
      else expect(html).toContain(`${query.slice(1).startsWith("reply") ? "reply" : "report"}-form-${comment.id}`);
      const visitor = await app.request(`/articles/${article.slug}${query}`);
      expect(visitor.headers.get("x-parley-cache"), query).toBeNull();
      expect(await visitor.text()).not.toContain("Ffion Formopen");
    }
    // A visitor who opens Reply is asked to sign in, not shown a form that would refuse them.
    const visitor = await (await app.request(`/articles/${article.slug}?replyTo=${comment.id}`)).text();
    expect(visitor).toMatch(new RegExp(`<p id="reply-form-${comment.id}" class="comment__form notice">[^]*?>Sign in</a>`));
    expect(visitor).not.toContain(">Post reply</button>");
  });

  it("serves the story's data for a live update's re-read from the same cache, to every reader", async () => {
    const article = await makeArticle(app.db);
    const reader = await makeUser(app.db, { displayName: "Rhona Rereads", createdAt: ago(100 * DAY) });
    const data = `/articles/${article.slug}.data?_routes=${encodeURIComponent("routes/articles.$slug")}`;
    const first = await app.request(data, { as: reader });
    expect(first.status).toBe(200);
    expect(["MISS", "HIT"]).toContain(first.headers.get("x-parley-cache"));
    const again = await app.request(`${data}&r=1`, { as: reader });
    expect(again.headers.get("x-parley-cache")).toBe("HIT");
    expect(await again.text()).not.toContain("Rhona Rereads");
    // A new comment is in the very next re-read.
    await makeComment(app.db, { articleId: article.id, authorId: reader.id, bodySource: "A new comment to re-read" });
    await app.post(`/articles/${article.slug}`, { intent: "like", commentId: "0", js: "1" }, { as: reader }); // this server learns of it now
    const after = await app.request(data, { as: reader });
    expect(after.headers.get("x-parley-cache")).toBe("MISS");
    expect(await after.text()).toContain("A new comment to re-read");
    // The whole page's data (the site shell included, which knows the reader) is theirs alone.
    const whole = await app.request(`/articles/${article.slug}.data`, { as: reader });
    expect(whole.headers.get("x-parley-cache")).toBeNull();
    expect(await whole.text()).toContain("Rhona Rereads");
  });

  it("asks a visitor to sign in for their own comments, and shows a resident theirs", async () => {
    const article = await makeArticle(app.db);
    const visitor = await app.request(`/articles/${article.slug}/yours`);
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("location")).toContain("/login?redirectTo=");
    const author = await makeUser(app.db, { createdAt: ago(100 * DAY) });
    await makeComment(app.db, { articleId: article.id, authorId: author.id, bodySource: "Mine, visible" });
    await makeComment(app.db, { articleId: article.id, authorId: author.id, bodySource: "Mine, held", status: "pending" });
    const page = await (await app.request(`/articles/${article.slug}/yours`, { as: author })).text();
    expect(page).toContain("Mine, visible");
    expect(page).toContain("Mine, held");
    expect(page).toContain("Awaiting moderation");
  });
});
