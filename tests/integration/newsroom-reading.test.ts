import { DomUtils, parseDocument } from "htmlparser2";
import type { Element } from "domhandler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeArticle, makeCategory, makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";

let app: TestServer;
let editor: { id: number };

const FUTURE = () => new Date(Date.now() + 5 * 86_400_000).toISOString();

beforeAll(async () => {
  app = await startTestServer();
  editor = await makeUser(app.db, { role: "editor", displayName: "Feed Editor" });
});
afterAll(async () => {
  await app?.close();
});

function xml(text: string) {
  return parseDocument(text, { xmlMode: true });
}

const textOf = (el: Element | undefined) => (el ? DomUtils.textContent(el).trim() : "");
const child = (el: Element, name: string) => DomUtils.getElementsByTagName(name, el.children, false)[0];

describe("RSS feeds", () => {
  it("/feed.xml is RSS 2.0 with the latest public stories, newest first, absolute links", async () => {
    const older = await makeArticle(app.db, { headline: "Feed older & <wiser>", publishedAt: new Date(Date.now() - 7200_000).toISOString(), authorId: editor.id });
    const newer = await makeArticle(app.db, {
      headline: "Feed newer",
      summary: "The newer summary",
      bodySource: "Body with **bold** & more",
      publishedAt: new Date(Date.now() - 60_000).toISOString(),
    });
    await makeArticle(app.db, { headline: "Feed draft", status: "draft" });
    await makeArticle(app.db, { headline: "Feed future", status: "scheduled", publishedAt: FUTURE() });

    const response = await app.request("/feed.xml");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/rss\+xml/);
    const body = await response.text();
    expect(body.startsWith("<?xml")).toBe(true);
    const doc = xml(body);
    const rss = DomUtils.getElementsByTagName("rss", doc)[0]!;
    expect(rss.attribs.version).toBe("2.0");
    const channel = child(rss, "channel")!;
    expect(textOf(child(channel, "title"))).toBe("Parley");
    expect(textOf(child(channel, "link"))).toBe(`${app.baseUrl}/`);
    const items = DomUtils.getElementsByTagName("item", channel);
    const titles = items.map((item) => textOf(child(item, "title")));
    expect(titles.indexOf("Feed newer")).toBeLessThan(titles.indexOf("Feed older & <wiser>"));
    expect(titles).not.toContain("Feed draft");
    expect(titles).not.toContain("Feed future");
    const item = items[titles.indexOf("Feed newer")]!;
    expect(textOf(child(item, "link"))).toBe(`${app.baseUrl}/articles/${newer.slug}`);
    expect(textOf(child(item, "guid"))).toBe(`${app.baseUrl}/s/${newer.id.toString(36)}`);
    expect(textOf(child(item, "description"))).toBe("The newer summary");
    expect(textOf(child(item, "content:encoded"))).toContain("<strong>bold</strong>");
    // RFC 822 dates carry whole seconds
    expect(new Date(textOf(child(item, "pubDate"))).getTime()).toBe(Math.floor(Date.parse(newer.published_at!) / 1000) * 1000);
    const olderItem = items[titles.indexOf("Feed older & <wiser>")]!;
    expect(textOf(child(olderItem, "dc:creator"))).toBe("Feed Editor");
    expect(older.id).toBeGreaterThan(0);
  });

  it("holds at most 30 stories", async () => {
    for (let i = 0; i < 32; i++) await makeArticle(app.db, { headline: `Bulk ${i}`, publishedAt: `2019-01-01T10:${String(i).padStart(2, "0")}:00.000Z` });
    const items = DomUtils.getElementsByTagName("item", xml(await (await app.request("/feed.xml")).text()));
    expect(items).toHaveLength(30);
  });

  it("/categories/:slug/feed.xml has only that category's public stories, and 404s an unknown category", async () => {
    const schools = await makeCategory(app.db, { slug: "feed-schools", name: "Feed Schools" });
    await makeArticle(app.db, { headline: "In the schools feed", categoryIds: [schools.id] });
    await makeArticle(app.db, { headline: "Not in the schools feed" });
    await makeArticle(app.db, { headline: "Schools future", categoryIds: [schools.id], status: "scheduled", publishedAt: FUTURE() });
    const response = await app.request("/categories/feed-schools/feed.xml");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/rss\+xml/);
    const doc = xml(await response.text());
    const channel = DomUtils.getElementsByTagName("channel", doc)[0]!;
    expect(textOf(child(channel, "title"))).toBe("Parley: Feed Schools");
    const titles = DomUtils.getElementsByTagName("item", channel).map((item) => textOf(child(item, "title")));
    expect(titles).toEqual(["In the schools feed"]);
    expect((await app.request("/categories/no-such-category/feed.xml")).status).toBe(404);
  });
});

describe("sitemap and robots", () => {
  it("/sitemap.xml lists public stories and categories with absolute <loc> and <lastmod>", async () => {
    const category = await makeCategory(app.db, { slug: "sitemap-cat", name: "Sitemap Cat" });
    const story = await makeArticle(app.db, { slug: "sitemap-story", categoryIds: [category.id] });
    await makeArticle(app.db, { slug: "sitemap-draft", status: "draft" });
    await makeArticle(app.db, { slug: "sitemap-future", status: "scheduled", publishedAt: FUTURE() });
    const response = await app.request("/sitemap.xml");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/xml/);
    const doc = xml(await response.text());
    const urlset = DomUtils.getElementsByTagName("urlset", doc)[0]!;
    expect(urlset.attribs.xmlns).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
    const urls = DomUtils.getElementsByTagName("url", urlset).map((url) => ({
      loc: textOf(child(url, "loc")),
      lastmod: textOf(child(url, "lastmod")),
    }));
    const locs = urls.map((u) => u.loc);
    expect(locs).toContain(`${app.baseUrl}/`);
    expect(locs).toContain(`${app.baseUrl}/categories/sitemap-cat`);
    expect(locs).toContain(`${app.baseUrl}/articles/sitemap-story`);
    expect(locs).not.toContain(`${app.baseUrl}/articles/sitemap-draft`);
    expect(locs).not.toContain(`${app.baseUrl}/articles/sitemap-future`);
    const entry = urls.find((u) => u.loc.endsWith("/articles/sitemap-story"))!;
    expect(Number.isNaN(Date.parse(entry.lastmod))).toBe(false);
    expect(entry.lastmod).toBe(story.updated_at);
    expect(urls.find((u) => u.loc.endsWith("/categories/sitemap-cat"))!.lastmod).toBe(story.published_at);
  });

  it("/robots.txt allows everything but the staff and account pages, and names the sitemap", async () => {
    const response = await app.request("/robots.txt");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const lines = (await response.text()).split("\n");
    expect(lines).toContain("User-agent: *");
    expect(lines).toContain("Allow: /");
    for (const path of ["/editor", "/admin", "/moderation", "/settings"]) expect(lines).toContain(`Disallow: ${path}`);
    expect(lines).toContain(`Sitemap: ${app.baseUrl}/sitemap.xml`);
  });
});

describe("the story page for sharing and printing", () => {
  it("has a canonical link, a description from the summary, Open Graph and Twitter card tags", async () => {
    const story = await makeArticle(app.db, { slug: "meta-story", headline: "Meta \"quoted\" headline", summary: "A summary for sharing." });
    const doc = parseDocument(await (await app.request("/articles/meta-story")).text());
    const metas = DomUtils.getElementsByTagName("meta", doc);
    const content = (attr: "name" | "property", value: string) => metas.find((m) => m.attribs[attr] === value)?.attribs.content;
    const canonical = DomUtils.getElementsByTagName("link", doc).find((l) => l.attribs.rel === "canonical");
    expect(canonical?.attribs.href).toBe(`${app.baseUrl}/articles/meta-story`);
    expect(content("name", "description")).toBe("A summary for sharing.");
    expect(content("property", "og:title")).toBe('Meta "quoted" headline');
    expect(content("property", "og:description")).toBe("A summary for sharing.");
    expect(content("property", "og:type")).toBe("article");
    expect(content("property", "og:url")).toBe(`${app.baseUrl}/articles/meta-story`);
    expect(content("property", "og:site_name")).toBe("Parley");
    expect(content("name", "twitter:card")).toBe("summary");
    expect(content("property", "article:published_time")).toBe(story.published_at);
  });

  it("hides the report form and share link when printed", async () => {
    const css = await (await app.request("/")).text();
    const href = /href="(\/assets\/[^"]+\.css)"/.exec(css)?.[1];
    const stylesheet = await (await app.request(href!)).text();
    const print = stylesheet.slice(stylesheet.lastIndexOf("@media print"));
    expect(print).toMatch(/\.report-error/);
    expect(print).toMatch(/\.story-share/);
  });
});

describe("stories scheduled for later", () => {
  it("stay out of the front page, category pages, story page, feeds, search and sitemap", async () => {
    const category = await makeCategory(app.db, { slug: "hidden-cat", name: "Hidden Cat" });
    const hidden = await makeArticle(app.db, {
      slug: "zebra-crossing-future",
      headline: "Zebracrossing plans unveiled",
      summary: "Zebracrossing summary",
      status: "scheduled",
      publishedAt: FUTURE(),
      categoryIds: [category.id],
    });
    const checks: [string, string][] = [
      ["/", "Zebracrossing"],
      ["/categories/hidden-cat", "Zebracrossing"],
      ["/feed.xml", "Zebracrossing"],
      ["/categories/hidden-cat/feed.xml", "Zebracrossing"],
      ["/sitemap.xml", "zebra-crossing-future"],
      ["/search?q=zebracrossing", "Zebracrossing plans"],
    ];
    for (const [path, needle] of checks) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).not.toContain(needle);
    }
    expect((await app.request("/articles/zebra-crossing-future")).status).toBe(404);
    expect((await app.request(`/s/${hidden.id.toString(36)}`)).status).toBe(404);
  });

  it("appear everywhere once scheduled in the past", async () => {
    const category = await makeCategory(app.db, { slug: "due-cat", name: "Due Cat" });
    await makeArticle(app.db, {
      slug: "quagga-due",
      headline: "Quaggaday arrives",
      status: "scheduled",
      publishedAt: new Date(Date.now() - 1000).toISOString(),
      categoryIds: [category.id],
    });
    for (const [path, needle] of [
      ["/", "Quaggaday"],
      ["/categories/due-cat", "Quaggaday"],
      ["/feed.xml", "Quaggaday"],
      ["/categories/due-cat/feed.xml", "Quaggaday"],
      ["/sitemap.xml", "quagga-due"],
      ["/search?q=quaggaday", "Quaggaday"],
    ] as const) {
      expect(await (await app.request(path)).text(), path).toContain(needle);
    }
  });
});

describe("search", () => {
  it("finds stories by headline, summary and body, best matches first, with the match highlighted", async () => {
    const body = await makeArticle(app.db, {
      headline: "Council meets on Tuesday",
      summary: "Agenda published.",
      bodySource: "Members will also discuss the lighthouse keeper's cottage and other matters.",
      publishedAt: new Date(Date.now() - 3000).toISOString(),
    });
    const headline = await makeArticle(app.db, {
      headline: "Lighthouse keeper retires after forty years",
      summary: "A farewell at the point.",
      bodySource: "She kept the light burning.",
      publishedAt: new Date(Date.now() - 5000).toISOString(),
    });
    const summary = await makeArticle(app.db, {
      headline: "Point road closure",
      summary: "Works near the lighthouse keeper's path.",
      bodySource: "Closed for a week.",
      publishedAt: new Date(Date.now() - 4000).toISOString(),
    });
    const html = (await (await app.request("/search?q=lighthouse+keeper")).text()).replace(/<!-- -->/g, "");
    const order = [headline, summary, body].map((s) => html.indexOf(`href="/articles/${s.slug}"`));
    expect(order.every((i) => i > -1)).toBe(true);
    expect(order[0]).toBeLessThan(order[1]!);
    expect(order[1]).toBeLessThan(order[2]!);
    expect(html).toMatch(/<mark>[Ll]ighthouse<\/mark> <mark>keeper<\/mark>/);
  });

  it("matches the last word as it is being typed, and folds accents", async () => {
    await makeArticle(app.db, { headline: "Ceilidh at the Càrn hall", bodySource: "Dancing until late." });
    expect(await (await app.request("/search?q=ceilid")).text()).toContain("Ceilidh at the");
    expect(await (await app.request("/search?q=carn")).text()).toContain("Ceilidh at the");
  });

  it("escapes the snippet: HTML typed into a story is shown as text", async () => {
    await makeArticle(app.db, {
      headline: "Snippet safety",
      bodySource: "The word xylophonic appears beside `<script>alert(1)</script>` and &lt;b&gt; and \uE000sneaky\uE001 markers.",
    });
    const html = await (await app.request("/search?q=xylophonic")).text();
    const snippet = /class="search-result__snippet">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? "";
    expect(snippet).toContain("<mark>xylophonic</mark>");
    expect(snippet).not.toMatch(/<script/i);
    expect(snippet).toContain("&lt;script&gt;");
    expect(snippet.match(/<mark>/g)).toHaveLength(1);
  });

  it("never fails on empty or odd queries", async () => {
    await makeArticle(app.db, { headline: "Odd query target", bodySource: "Harbour and ferry." });
    const odd = [
      "",
      '"',
      '""',
      "AND OR NOT",
      "*",
      "(",
      ")",
      "harbour AND",
      "NEAR(harbour ferry)",
      "headline:harbour",
      "-harbour",
      "^harbour",
      "harbour*",
      "'",
      "\\",
      "%",
      "🦀🎉",
      "ferry 🚢",
      "x".repeat(5000),
      "harbour ".repeat(1000),
      "\u0000",
      "<script>alert(1)</script>",
    ];
    for (const q of odd) {
      const response = await app.request(`/search?q=${encodeURIComponent(q)}`);
      expect(response.status, JSON.stringify(q.slice(0, 40))).toBe(200);
      const html = await response.text();
      expect(html).not.toContain("<script>alert(1)</script>");
    }
    expect(await (await app.request(`/search?q=${encodeURIComponent('"harbour" AND (ferry')}`)).text()).toContain("Odd query target");
    expect((await app.request("/search?q=a&q=b&page=99999")).status).toBe(200);
  });
});

describe("report an error", () => {
  const fields = (extra: Record<string, string> = {}) => ({
    body: "The ferry leaves at 9:15, not 9:50.",
    email: "",
    startedAt: String(Date.now() - 10_000),
    leave_empty: "",
    ...extra,
  });

  it("takes a report from a reader who is not signed in, for the newsroom", async () => {
    const story = await makeArticle(app.db, { slug: "report-me" });
    const page = await (await app.request("/articles/report-me")).text();
    expect(page).toContain("Report an error");
    expect(page).toContain('action="/articles/report-me/report-error"');
    expect(page).toContain("Leave this empty");

    const response = await app.post("/articles/report-me/report-error", fields({ email: "reader@example.com" }));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Thanks — the newsroom will look at it.");
    const rows = await app.db.selectFrom("correction_report").selectAll().where("article_id", "=", story.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ body: "The ferry leaves at 9:15, not 9:50.", email: "reader@example.com", reporter_id: null, handled_at: null });
    // not a moderation matter
    expect(await app.db.selectFrom("comment_report").selectAll().execute()).toEqual([]);
  });

  it("records who sent it when signed in", async () => {
    const story = await makeArticle(app.db, { slug: "report-signed-in" });
    const reader = await makeUser(app.db);
    const response = await app.post("/articles/report-signed-in/report-error", fields(), { as: reader });
    expect(response.status).toBe(200);
    const row = await app.db.selectFrom("correction_report").selectAll().where("article_id", "=", story.id).executeTakeFirstOrThrow();
    expect(row.reporter_id).toBe(reader.id);
  });

  it("keeps nothing from robots: a filled trap field, or a form sent within seconds", async () => {
    const story = await makeArticle(app.db, { slug: "report-bots" });
    const trapped = await app.post("/articles/report-bots/report-error", fields({ leave_empty: "http://spam.example" }));
    expect(trapped.status).toBe(200);
    const tooFast = await app.post("/articles/report-bots/report-error", fields({ startedAt: String(Date.now()) }));
    expect(tooFast.status).toBe(400);
    expect(await tooFast.text()).toContain("That was very quick");
    const noTime = await app.post("/articles/report-bots/report-error", fields({ startedAt: "banana" }));
    expect(noTime.status).toBe(400);
    // The story page's own form says how long the reader spent on it, measured in the browser (ADR 18).
    const quickScript = await app.post("/articles/report-bots/report-error", fields({ startedAt: "", filledMs: "400" }));
    expect(quickScript.status).toBe(400);
    expect(await quickScript.text()).toContain("That was very quick");
    expect(await app.db.selectFrom("correction_report").selectAll().where("article_id", "=", story.id).execute()).toEqual([]);
    const scripted = await app.post("/articles/report-bots/report-error", fields({ startedAt: "", filledMs: "8000" }));
    expect(scripted.status).toBe(200);
    expect(await app.db.selectFrom("correction_report").selectAll().where("article_id", "=", story.id).execute()).toHaveLength(1);
  });

  it("shows mistakes beside the fields and keeps what was typed", async () => {
    await makeArticle(app.db, { slug: "report-mistakes" });
    const empty = await app.post("/articles/report-mistakes/report-error", fields({ body: "  " }));
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Tell us what is wrong.");
    const badEmail = await app.post("/articles/report-mistakes/report-error", fields({ email: "not-an-email" }));
    expect(badEmail.status).toBe(400);
    const html = await badEmail.text();
    expect(html).toMatch(/id="report-error-email-error"/);
    expect(html).toContain("The ferry leaves at 9:15, not 9:50.");
  });

  it("limits reports to five an hour per story from one sender", async () => {
    const story = await makeArticle(app.db, { slug: "report-limit" });
    for (let i = 0; i < 5; i++) {
      expect((await app.post("/articles/report-limit/report-error", fields({ body: `Report ${i}` }))).status).toBe(200);
    }
    const sixth = await app.post("/articles/report-limit/report-error", fields({ body: "Report 6" }));
    expect(sixth.status).toBe(429);
    expect(await sixth.text()).toContain("try again later");
    expect(await app.db.selectFrom("correction_report").selectAll().where("article_id", "=", story.id).execute()).toHaveLength(5);
  });

  it("404s for a story readers cannot see", async () => {
    await makeArticle(app.db, { slug: "report-draft", status: "draft" });
    expect((await app.post("/articles/report-draft/report-error", fields())).status).toBe(404);
    expect((await app.request("/articles/report-draft/report-error")).status).toBe(404);
  });

  it("reaches editors at /editor/corrections, who mark it handled and add a dated correction note to the story", async () => {
    const story = await makeArticle(app.db, { slug: "report-flow", headline: "Ferry fares rise" });
    await app.post("/articles/report-flow/report-error", fields({ body: "Fares rise by 5%, not 50%." }));
    const report = await app.db.selectFrom("correction_report").select("id").where("article_id", "=", story.id).executeTakeFirstOrThrow();

    const open = await (await app.request("/editor/corrections", { as: editor })).text();
    expect(open).toContain("Fares rise by 5%, not 50%.");
    expect(open).toContain("Ferry fares rise");
    expect(open).toContain("Mark handled");

    const note = await app.post(
      "/editor/corrections",
      { intent: "note", articleId: String(story.id), note: "An earlier version said fares rise by 50%. They rise by 5%." },
      { as: editor },
    );
    expect(note.status).toBe(200);
    const handled = await app.post("/editor/corrections", { intent: "handle", reportId: String(report.id) }, { as: editor });
    expect(handled.status).toBe(200);
    const row = await app.db.selectFrom("correction_report").selectAll().where("id", "=", report.id).executeTakeFirstOrThrow();
    expect(row.handled_by).toBe(editor.id);
    expect(await (await app.request("/editor/corrections", { as: editor })).text()).not.toContain("Fares rise by 5%, not 50%.");
    expect(await (await app.request("/editor/corrections?show=handled", { as: editor })).text()).toContain("Fares rise by 5%, not 50%.");

    const page = (await (await app.request("/articles/report-flow")).text()).replace(/<!-- -->/g, "");
    const today = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric" }).format(new Date());
    expect(page).toMatch(new RegExp(`Correction, <time dateTime="[^"]+">${today}</time>:</strong> An earlier version said fares rise by 50%\\. They rise by 5%\\.`));

    // a note sent without JavaScript comes back with its mistake beside the field, under its report
    await app.post("/articles/report-flow/report-error", fields({ body: "Another report." }));
    const second = await app.db.selectFrom("correction_report").select("id").where("body", "=", "Another report.").executeTakeFirstOrThrow();
    const empty = await app.post(
      "/editor/corrections",
      { intent: "note", articleId: String(story.id), reportId: String(second.id), note: " " },
      { as: editor },
    );
    expect(empty.status).toBe(400);
    expect(await empty.text()).toMatch(new RegExp(`id="note-${second.id}-error"[^>]*>Write the correction`));
    const missing = await app.post("/editor/corrections", { intent: "handle", reportId: "999999" }, { as: editor });
    expect(missing.status).toBe(404);
  });

  it("lets an editor add a correction note from the story's editing page", async () => {
    const story = await makeArticle(app.db, { slug: "note-from-editor" });
    const response = await app.post(`/editor/${story.id}`, { intent: "correction", note: "The photo was of Tuesday's meeting." }, { as: editor });
    expect(response.status).toBe(200);
    expect(await (await app.request("/articles/note-from-editor")).text()).toContain("The photo was of Tuesday&#x27;s meeting.");
  });
});
