import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { utcIsoToZonedLocal } from "../../app/utils/zoned-time";
import { makeArticle, makeCategory, makeUser } from "../factories";
import { useTestClock } from "../support/clock";
import { startTestServer, type TestServer } from "../support/test-server";

let app: TestServer;
let editor: { id: number };

beforeAll(async () => {
  app = await startTestServer();
  editor = await makeUser(app.db, { role: "editor", displayName: "Ishbel Newsroom" });
});
afterAll(async () => {
  await app?.close();
});

const story = (fields: Record<string, string> = {}) => ({
  headline: "Ferry timetable changes for winter",
  summary: "Fewer sailings from November.",
  body: "The council confirmed the **winter timetable** today.",
  commentsOpen: "on",
  ...fields,
});

/** Posts the story form as the editor; returns the response and, after a save, the story's id. */
async function submit(path: string, fields: Record<string, string>) {
  const response = await app.post(path, fields, { as: editor });
  const location = response.headers.get("location") ?? "";
  const id = /^\/editor\/(\d+)\?saved=/.exec(location)?.[1];
  return { response, location, id: id ? Number(id) : null };
}

async function articleRow(id: number) {
  return app.db.selectFrom("article").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

describe("writing a story", () => {
  it("saves a draft that readers cannot see, with the slug made from the headline", async () => {
    const { response, id, location } = await submit("/editor/new", story({ intent: "draft", headline: "Càrn Mòr: the Council’s plan!" }));
    expect(response.status).toBe(303);
    expect(location).toMatch(/\?saved=draft$/);
    const row = await articleRow(id!);
    expect(row).toMatchObject({ status: "draft", published_at: null, slug: "carn-mor-the-councils-plan", author_id: editor.id, updated_by: editor.id });
    expect((await app.request(`/articles/${row.slug}`)).status).toBe(404);
    const page = await (await app.request(`/editor/${id}?saved=draft`, { as: editor })).text();
    expect(page).toContain("Draft saved.");
    expect(page).toContain('value="carn-mor-the-councils-plan"');
  });

  it("publishes a story: on the front page, its page, and its category", async () => {
    const category = await makeCategory(app.db, { name: "Harbour News" });
    const { id } = await submit("/editor/new", story({ intent: "publish", headline: "Harbour wall repaired at last", categories: String(category.id) }));
    const row = await articleRow(id!);
    expect(row.status).toBe("published");
    expect(Date.now() - Date.parse(row.published_at!)).toBeLessThan(60_000);
    const page = await app.request(`/articles/${row.slug}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<strong>winter timetable</strong>");
    expect(await (await app.request("/")).text()).toContain("Harbour wall repaired at last");
    expect(await (await app.request(`/categories/${category.slug}`)).text()).toContain("Harbour wall repaired at last");
  });

  it("files a story under a new category typed into the form, reusing one with that name", async () => {
    const { id } = await submit("/editor/new", story({ intent: "draft", headline: "New category story", newCategory: "Island Sport" }));
    const first = await app.db.selectFrom("category").selectAll().where("name", "=", "Island Sport").execute();
    expect(first).toHaveLength(1);
    expect(first[0]!.slug).toBe("island-sport");
    const { id: second } = await submit("/editor/new", story({ intent: "draft", headline: "Another sport story", newCategory: "island sport" }));
    expect(await app.db.selectFrom("category").selectAll().where("slug", "like", "island-sport%").execute()).toHaveLength(1);
    for (const storyId of [id!, second!]) {
      const links = await app.db.selectFrom("article_category").select("category_id").where("article_id", "=", storyId).execute();
      expect(links).toEqual([{ category_id: first[0]!.id }]);
    }
  });

  it("shows mistakes beside the fields, keeps what was typed, and saves nothing", async () => {
    const before = await app.db.selectFrom("article").select("id").execute();
    const response = await app.post(
      "/editor/new",
      { intent: "publish", headline: "   ", summary: "", body: "Kept <body> text", slug: "my-slug" },
      { as: editor },
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Give the story a headline.");
    expect(html).toMatch(/id="headline-error"/);
    expect(html).toContain("Kept &lt;body&gt; text");
    expect(html).toContain('value="my-slug"');
    expect(await app.db.selectFrom("article").select("id").execute()).toHaveLength(before.length);

    const noSummary = await app.post("/editor/new", { intent: "publish", headline: "No summary", summary: "", body: "" }, { as: editor });
    expect(noSummary.status).toBe(400);
    const text = await noSummary.text();
    expect(text).toContain("Write a summary before publishing");
    expect(text).toContain("Write the story before publishing it.");
  });

  it("previews exactly as readers will see it, sanitised, without saving anything", async () => {
    const before = await app.db.selectFrom("article").select("id").execute();
    const response = await app.post(
      "/editor/new",
      {
        intent: "preview",
        headline: "Preview headline",
        summary: "Preview summary",
        body: "# Big\n\nHello **there** <script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1))",
      },
      { as: editor },
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    const frame = /data-testid="story-preview">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? "";
    expect(frame).toContain("Preview headline");
    expect(frame).toContain("Hello <strong>there</strong>");
    expect(frame).toContain("<h2>Big</h2>");
    expect(frame).not.toContain("<script");
    expect(frame).not.toContain("onerror");
    expect(frame).not.toContain("javascript:");
    // what was typed stays in the form
    expect(html).toContain('value="Preview headline"');
    expect(await app.db.selectFrom("article").select("id").execute()).toHaveLength(before.length);
  });
});

describe("slugs", () => {
  it("numbers a slug made from a headline until it is free", async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await submit("/editor/new", story({ intent: "draft", headline: "Same headline twice" }))).id!);
    const slugs = await Promise.all(ids.map(async (id) => (await articleRow(id)).slug));
    expect(slugs).toEqual(["same-headline-twice", "same-headline-twice-2", "same-headline-twice-3"]);
  });

  it("refuses a typed slug another story has, beside the field", async () => {
    await makeArticle(app.db, { slug: "taken-slug", headline: "The first taker" });
    const response = await app.post("/editor/new", story({ intent: "draft", slug: "Taken Slug" }), { as: editor });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toMatch(/id="slug-error"[^>]*>The address \/articles\/taken-slug belongs to another story \(“The first taker”\)/);
  });

  it("refuses a body packed with emphasis marks that cannot be paired, beside the field, keeping the text", async () => {
    const before = await app.db.selectFrom("article").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const body = "a_*".repeat(20_000);
    const response = await app.post("/editor/new", story({ intent: "draft", body }), { as: editor });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toMatch(/id="body-error"[^>]*>This text has too many \*, _ or ~ marks packed together/);
    expect(html).toContain(body);
    const after = await app.db.selectFrom("article").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("tidies a typed slug into lower-case words and keeps it within 80 characters", async () => {
    const { id } = await submit("/editor/new", story({ intent: "draft", slug: `  Ferry NEWS ${"x".repeat(100)} ` }));
    const row = await articleRow(id!);
    expect(row.slug.startsWith("ferry-news-")).toBe(true);
    expect(row.slug.length).toBeLessThanOrEqual(80);
  });

  it("keeps a published story's old address working with a 301, and lets no other story take it", async () => {
    const { id } = await submit("/editor/new", story({ intent: "publish", headline: "Pier reopens", slug: "pier-reopens" }));
    await submit(`/editor/${id}`, story({ intent: "save", headline: "Pier reopens after repairs", slug: "pier-reopens-after-repairs" }));
    const old = await app.request("/articles/pier-reopens");
    expect(old.status).toBe(301);
    expect(old.headers.get("location")).toBe("/articles/pier-reopens-after-repairs");
    expect((await app.request("/articles/pier-reopens-after-repairs")).status).toBe(200);

    // renamed again: the first address goes straight to the newest, no chain
    await submit(`/editor/${id}`, story({ intent: "save", headline: "Pier reopens", slug: "pier-open-again" }));
    for (const oldSlug of ["pier-reopens", "pier-reopens-after-repairs"]) {
      const response = await app.request(`/articles/${oldSlug}`);
      expect(response.status).toBe(301);
      expect(response.headers.get("location")).toBe("/articles/pier-open-again");
    }

    const thief = await app.post("/editor/new", story({ intent: "draft", slug: "pier-reopens" }), { as: editor });
    expect(thief.status).toBe(400);
    expect(await thief.text()).toContain("belongs to another story");
    // a blank slug made from the same headline skips the old address too
    const { id: other } = await submit("/editor/new", story({ intent: "draft", headline: "Pier reopens" }));
    expect((await articleRow(other!)).slug).toBe("pier-reopens-2");

    // the story itself may go back to an old address, which is then its address again
    await submit(`/editor/${id}`, story({ intent: "save", headline: "Pier reopens", slug: "pier-reopens" }));
    expect((await app.request("/articles/pier-reopens")).status).toBe(200);
    const back = await app.request("/articles/pier-open-again");
    expect(back.headers.get("location")).toBe("/articles/pier-reopens");
  });

  it("does not keep the addresses of a draft that nobody could read", async () => {
    const { id } = await submit("/editor/new", story({ intent: "draft", slug: "draft-address" }));
    await submit(`/editor/${id}`, story({ intent: "draft", slug: "draft-address-renamed" }));
    expect((await app.request("/articles/draft-address")).status).toBe(404);
    const redirects = await app.db.selectFrom("article_slug_redirect").selectAll().where("article_id", "=", id!).execute();
    expect(redirects).toEqual([]);
  });
});

describe("short links", () => {
  it("sends /s/<id in base 36> to the story with a 301, and 404s unknown or hidden stories", async () => {
    const published = await makeArticle(app.db, { slug: "short-link-story" });
    const code = published.id.toString(36);
    const response = await app.request(`/s/${code}`);
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe("/articles/short-link-story");
    const page = await (await app.request("/articles/short-link-story")).text();
    expect(page).toMatch(new RegExp(`Short link: <a href="http://127\\.0\\.0\\.1:\\d+/s/${code}"`));

    const draft = await makeArticle(app.db, { status: "draft" });
    const future = await makeArticle(app.db, { status: "scheduled", publishedAt: new Date(Date.now() + 86_400_000).toISOString() });
    for (const path of [`/s/${draft.id.toString(36)}`, `/s/${future.id.toString(36)}`, "/s/zzzzzz", "/s/0", "/s/A", "/s/%F0%9F%98%80"]) {
      const r = await app.request(path);
      expect(r.status, path).toBe(404);
    }
  });
});

describe("scheduling", () => {
  it("schedules a story for a London date and time, hidden until then", async () => {
    const when = new Date(Date.now() + 3 * 86_400_000);
    const local = utcIsoToZonedLocal(when.toISOString());
    const { id, location } = await submit(
      "/editor/new",
      story({ intent: "schedule", headline: "Gala week programme revealed", scheduleDate: local.date, scheduleTime: local.time }),
    );
    expect(location).toMatch(/saved=scheduled$/);
    const row = await articleRow(id!);
    expect(row.status).toBe("scheduled");
    // the minute typed in London, stored in UTC
    expect(utcIsoToZonedLocal(row.published_at!)).toEqual(local);
    expect((await app.request(`/articles/${row.slug}`)).status).toBe(404);
    expect(await (await app.request("/")).text()).not.toContain("Gala week programme revealed");
    const editPage = await (await app.request(`/editor/${id}`, { as: editor })).text();
    expect(editPage).toContain(`value="${local.date}"`);
    expect(editPage).toContain(`value="${local.time}"`);
    expect(editPage).toContain("Publish now");
  });

  it("turns a summer London time into UTC an hour earlier", async () => {
    const { id } = await submit(
      "/editor/new",
      story({ intent: "schedule", headline: "Summer show", scheduleDate: "2099-07-01", scheduleTime: "09:30" }),
    );
    expect((await articleRow(id!)).published_at).toBe("2099-07-01T08:30:00.000Z");
    const { id: winter } = await submit(
      "/editor/new",
      story({ intent: "schedule", headline: "Winter show", scheduleDate: "2099-01-15", scheduleTime: "09:30" }),
    );
    expect((await articleRow(winter!)).published_at).toBe("2099-01-15T09:30:00.000Z");
  });

  it("publishes at once when the time chosen has already passed", async () => {
    const { id, location } = await submit(
      "/editor/new",
      story({ intent: "schedule", headline: "Late story", scheduleDate: "2020-01-01", scheduleTime: "10:00" }),
    );
    expect(location).toMatch(/saved=published-schedule-passed$/);
    const row = await articleRow(id!);
    expect(row.status).toBe("published");
    expect(Date.now() - Date.parse(row.published_at!)).toBeLessThan(60_000);
    expect((await app.request(`/articles/${row.slug}`)).status).toBe(200);
  });

  it("asks for a date and time, and refuses ones that do not exist", async () => {
    const missing = await app.post("/editor/new", story({ intent: "schedule" }), { as: editor });
    expect(missing.status).toBe(400);
    const html = await missing.text();
    expect(html).toContain("Choose the day the story should appear.");
    expect(html).toContain("Choose the time (UK time) the story should appear.");
    const bogus = await app.post("/editor/new", story({ intent: "schedule", scheduleDate: "2099-02-30", scheduleTime: "10:00" }), { as: editor });
    expect(bogus.status).toBe(400);
    expect(await bogus.text()).toContain("That is not a date and time on the calendar.");
  });

  it("shows a scheduled story on its own once its time comes, with no job to run", async () => {
    const clock = useTestClock();
    const at = clock.now() + 60_000;
    const soon = await makeArticle(app.db, {
      headline: "Appears on its own",
      status: "scheduled",
      publishedAt: new Date(at).toISOString(),
    });
    expect((await app.request(`/articles/${soon.slug}`)).status).toBe(404);
    clock.set(at - 1);
    expect((await app.request(`/articles/${soon.slug}`)).status).toBe(404);
    expect(await (await app.request("/")).text()).not.toContain("Appears on its own");
    clock.set(at);
    expect((await app.request(`/articles/${soon.slug}`)).status).toBe(200);
    expect(await (await app.request("/")).text()).toContain("Appears on its own");
  });
});

describe("unpublishing and comments", () => {
  it("takes a published story back to draft, and publishing it again brings it back", async () => {
    const { id } = await submit("/editor/new", story({ intent: "publish", headline: "Up and down" }));
    const { slug } = await articleRow(id!);
    const { location } = await submit(`/editor/${id}`, story({ intent: "unpublish", headline: "Up and down", slug }));
    expect(location).toMatch(/saved=unpublished$/);
    expect((await articleRow(id!)).status).toBe("draft");
    expect((await app.request(`/articles/${slug}`)).status).toBe(404);
    await submit(`/editor/${id}`, story({ intent: "publish", headline: "Up and down", slug }));
    expect((await app.request(`/articles/${slug}`)).status).toBe(200);
  });

  it("closes comments on a story but keeps the thread visible", async () => {
    const { id } = await submit("/editor/new", story({ intent: "publish", headline: "Closing time" }));
    const { slug } = await articleRow(id!);
    const fields = story({ intent: "save", headline: "Closing time", slug });
    delete (fields as Record<string, string>).commentsOpen;
    await submit(`/editor/${id}`, fields);
    expect((await articleRow(id!)).comments_open).toBe(0);
    const page = await app.request(`/articles/${slug}`);
    expect(page.status).toBe(200);
    const list = await (await app.request("/editor", { as: editor })).text();
    expect(list).toMatch(/Closing time[\s\S]*?closed/);
  });

  it("keeps the editor's reason for closing or reopening comments in the moderation log; a save that changes neither logs nothing", async () => {
    const { id } = await submit("/editor/new", story({ intent: "publish", headline: "Reasons to close" }));
    const { slug } = await articleRow(id!);
    const closing = story({ intent: "save", headline: "Reasons to close", slug, commentsReason: "The court case starts tomorrow" });
    delete (closing as Record<string, string>).commentsOpen;
    await submit(`/editor/${id}`, closing);
    await submit(`/editor/${id}`, closing); // still closed: nothing to log
    await submit(`/editor/${id}`, story({ intent: "save", headline: "Reasons to close", slug }));
    const log = await app.db
      .selectFrom("moderation_action")
      .select(["action", "moderator_id", "note"])
      .where("article_id", "=", id!)
      .where("action", "in", ["close_comments", "open_comments"])
      .orderBy("id")
      .execute();
    expect(log).toEqual([
      { action: "close_comments", moderator_id: editor.id, note: "The court case starts tomorrow" },
      { action: "open_comments", moderator_id: editor.id, note: "" },
    ]);
    const tooLong = await app.post(`/editor/${id}`, story({ intent: "save", headline: "Reasons to close", slug, commentsReason: "x".repeat(1500) }), { as: editor });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toContain("Keep the reason under 1,000 characters.");
  });

  it("closes comments automatically N days after publication when an admin turns the setting on", async () => {
    const admin = await makeUser(app.db, { role: "admin" });
    const old = await makeArticle(app.db, { headline: "Old news", publishedAt: new Date(Date.now() - 10 * 86_400_000).toISOString() });
    const fresh = await makeArticle(app.db, { headline: "Fresh news" });
    const bad = await app.post("/editor?index", { commentsCloseAfterDays: "-4" }, { as: admin });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Enter a whole number of days");
    expect((await app.post("/editor?index", { commentsCloseAfterDays: "7" }, { as: admin })).status).toBe(200);
    try {
      const { getPublishedArticleBySlug } = await import("../../app/models/article/reading.server");
      expect((await getPublishedArticleBySlug(app.db, old.slug))?.commentsOpen).toBe(false);
      expect((await getPublishedArticleBySlug(app.db, fresh.slug))?.commentsOpen).toBe(true);
      const list = await (await app.request("/editor", { as: editor })).text();
      expect(list).toMatch(/Old news[\s\S]*?closed automatically/);
      expect((await app.request(`/articles/${old.slug}`)).status).toBe(200);
    } finally {
      await app.post("/editor?index", { commentsCloseAfterDays: "0" }, { as: admin });
    }
  });
});

describe("versions", () => {
  it("keeps the previous text at every save, lists who saved it and when, and restores one", async () => {
    const other = await makeUser(app.db, { role: "editor", displayName: "Second Editor" });
    const { id } = await submit("/editor/new", story({ intent: "publish", headline: "Version one", body: "First text." }));
    const v1 = await articleRow(id!);
    await submit(`/editor/${id}`, story({ intent: "save", headline: "Version two", body: "Second text.", slug: v1.slug }));
    await app.post(`/editor/${id}`, story({ intent: "save", headline: "Version three", body: "Third text.", slug: v1.slug }), { as: other });
    // a save that changes nothing adds no version
    await app.post(`/editor/${id}`, story({ intent: "save", headline: "Version three", body: "Third text.", slug: v1.slug }), { as: other });

    const versions = await app.db
      .selectFrom("article_version")
      .selectAll()
      .where("article_id", "=", id!)
      .orderBy("id")
      .execute();
    expect(versions.map((v) => [v.headline, v.body_source, v.saved_by])).toEqual([
      ["Version one", "First text.", editor.id],
      ["Version two", "Second text.", editor.id],
    ]);

    const page = (await (await app.request(`/editor/${id}/versions`, { as: editor })).text()).replace(/<!-- -->/g, "");
    expect(page).toContain("Current version: saved by Second Editor");
    expect(page).toContain("Saved by Ishbel Newsroom");
    expect(page.indexOf("Version two")).toBeLessThan(page.indexOf("Version one"));

    const restore = await app.post(`/editor/${id}/versions`, { versionId: String(versions[0]!.id) }, { as: editor });
    expect(restore.status).toBe(303);
    expect(restore.headers.get("location")).toBe(`/editor/${id}?saved=restored`);
    const restored = await articleRow(id!);
    expect(restored).toMatchObject({ headline: "Version one", body_source: "First text.", status: "published" });
    expect(restored.body_html).toContain("First text.");
    // restoring was a save: the text it replaced is a version now
    const after = await app.db.selectFrom("article_version").select("headline").where("article_id", "=", id!).orderBy("id").execute();
    expect(after.map((v) => v.headline)).toEqual(["Version one", "Version two", "Version three"]);
    expect(await (await app.request(`/articles/${restored.slug}`)).text()).toContain("First text.");
  });

  it("refuses to restore a version of another story", async () => {
    const { id: a } = await submit("/editor/new", story({ intent: "draft", headline: "Story A" }));
    const { id: b } = await submit("/editor/new", story({ intent: "draft", headline: "Story B" }));
    await submit(`/editor/${b}`, story({ intent: "draft", headline: "Story B changed" }));
    const version = await app.db.selectFrom("article_version").select("id").where("article_id", "=", b!).executeTakeFirstOrThrow();
    const response = await app.post(`/editor/${a}/versions`, { versionId: String(version.id) }, { as: editor });
    expect(response.status).toBe(400);
    expect((await articleRow(a!)).headline).toBe("Story A");
    const junk = await app.post(`/editor/${a}/versions`, { versionId: "banana" }, { as: editor });
    expect(junk.status).toBe(400);
  });
});

describe("the stories list", () => {
  it("lists drafts, scheduled and published stories newest first, filtered by status and category", async () => {
    const category = await makeCategory(app.db, { name: "Filter Cat", slug: "filter-cat" });
    const base = Date.now() + 86_400_000 * 400; // newer than everything else in this file
    await makeArticle(app.db, { headline: "List draft", status: "draft", createdAt: new Date(base + 3000).toISOString(), categoryIds: [category.id] });
    await makeArticle(app.db, {
      headline: "List scheduled",
      status: "scheduled",
      publishedAt: new Date(Date.now() + 86_400_000).toISOString(),
      createdAt: new Date(base + 2000).toISOString(),
    });
    await makeArticle(app.db, { headline: "List published", createdAt: new Date(base + 1000).toISOString(), categoryIds: [category.id] });
    const all = await (await app.request("/editor", { as: editor })).text();
    expect(all.indexOf("List draft")).toBeLessThan(all.indexOf("List scheduled"));
    expect(all.indexOf("List scheduled")).toBeLessThan(all.indexOf("List published"));

    const drafts = await (await app.request("/editor?status=draft", { as: editor })).text();
    expect(drafts).toContain("List draft");
    expect(drafts).not.toContain("List scheduled");
    expect(drafts).not.toContain("List published");
    const scheduled = await (await app.request("/editor?status=scheduled", { as: editor })).text();
    expect(scheduled).toContain("List scheduled");
    expect(scheduled).not.toContain("List draft");
    const inCategory = await (await app.request("/editor?category=filter-cat", { as: editor })).text();
    expect(inCategory).toContain("List draft");
    expect(inCategory).toContain("List published");
    expect(inCategory).not.toContain("List scheduled");
    expect((await app.request("/editor?status=nonsense&category=nope&page=abc", { as: editor })).status).toBe(200);
  });
});
