import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeArticle, makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";

let app: TestServer;
let storyId: number;
let versionId: number;
let reportId: number;

beforeAll(async () => {
  app = await startTestServer();
  const story = await makeArticle(app.db, { headline: "A story the newsroom guards" });
  storyId = story.id;
  const version = await app.db
    .insertInto("article_version")
    .values({
      article_id: story.id,
      headline: "Earlier",
      summary: "",
      body_source: "",
      slug: story.slug,
      categories: "[]",
      saved_by: null,
      created_at: "2026-01-01T00:00:00.000Z",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  versionId = version.id;
  const report = await app.db
    .insertInto("correction_report")
    .values({ article_id: story.id, body: "A typo", email: "", reporter_id: null, rate_key: "x", created_at: "2026-01-01T00:00:00.000Z" })
    .returning("id")
    .executeTakeFirstOrThrow();
  reportId = report.id;
});
afterAll(async () => {
  await app?.close();
});

const pages = () => ["/editor", "/editor?status=draft", "/editor/new", `/editor/${storyId}`, `/editor/${storyId}/versions`, "/editor/corrections"];

const actions = (): [string, Record<string, string>][] => [
  ["/editor?index", { commentsCloseAfterDays: "3" }],
  ["/editor/new", { intent: "publish", headline: "Sneaky story", summary: "S", body: "B" }],
  ["/editor/new", { intent: "preview", headline: "Sneaky preview", body: "B" }],
  [`/editor/${storyId}`, { intent: "unpublish", headline: "Taken down", summary: "S", body: "B" }],
  [`/editor/${storyId}`, { intent: "preview", headline: "Peek", body: "B" }],
  [`/editor/${storyId}`, { intent: "correction", note: "Sneaky correction" }],
  [`/editor/${storyId}/versions`, { versionId: String(versionId) }],
  ["/editor/corrections", { intent: "handle", reportId: String(reportId) }],
  ["/editor/corrections", { intent: "note", articleId: String(storyId), note: "Sneaky note" }],
];

async function nothingChanged() {
  const story = await app.db.selectFrom("article").selectAll().where("id", "=", storyId).executeTakeFirstOrThrow();
  expect(story.status).toBe("published");
  expect(story.headline).toBe("A story the newsroom guards");
  const sneaky = await app.db.selectFrom("article").select("id").where("headline", "like", "Sneaky%").execute();
  expect(sneaky).toEqual([]);
  expect(await app.db.selectFrom("article_correction").select("id").execute()).toEqual([]);
  const report = await app.db.selectFrom("correction_report").select("handled_at").where("id", "=", reportId).executeTakeFirstOrThrow();
  expect(report.handled_at).toBeNull();
  const setting = await app.db.selectFrom("setting").select("value").where("key", "=", "comments_close_after_days").executeTakeFirst();
  expect(setting).toBeUndefined();
}

describe("newsroom permissions", () => {
  it("sends a visitor who is not signed in to sign in, and back here afterwards", async () => {
    for (const path of pages()) {
      const response = await app.request(path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get("location"), path).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    }
    for (const [path, fields] of actions()) {
      const response = await app.post(path, fields);
      expect(response.status, path).toBe(302);
      expect(response.headers.get("location"), path).toMatch(/^\/login\?redirectTo=/);
    }
    await nothingChanged();
  });

  it("answers 403 to residents and moderators on every newsroom page and action", async () => {
    for (const role of ["resident", "moderator"] as const) {
      const user = await makeUser(app.db, { role });
      for (const path of pages()) {
        const response = await app.request(path, { as: user });
        expect(response.status, `${role} ${path}`).toBe(403);
        expect(await response.text()).toContain("You cannot do that");
      }
      for (const [path, fields] of actions()) {
        const response = await app.post(path, fields, { as: user });
        expect(response.status, `${role} POST ${path} ${fields.intent ?? ""}`).toBe(403);
      }
    }
    await nothingChanged();
  });

  it("lets editors and admins in", async () => {
    for (const role of ["editor", "admin"] as const) {
      const user = await makeUser(app.db, { role });
      for (const path of pages()) {
        const response = await app.request(path, { as: user });
        expect(response.status, `${role} ${path}`).toBe(200);
      }
    }
  });

  it("keeps the site-wide comment setting for admins: an editor gets 403", async () => {
    const editor = await makeUser(app.db, { role: "editor" });
    const response = await app.post("/editor?index", { commentsCloseAfterDays: "3" }, { as: editor });
    expect(response.status).toBe(403);
    expect(await (await app.request("/editor", { as: editor })).text()).not.toContain("Close comments automatically");
    const admin = await makeUser(app.db, { role: "admin" });
    expect(await (await app.request("/editor", { as: admin })).text()).toContain("Close comments automatically");
  });

  it("answers 404 for a story number that does not exist", async () => {
    const editor = await makeUser(app.db, { role: "editor" });
    for (const path of ["/editor/999999", "/editor/abc", "/editor/999999/versions"]) {
      expect((await app.request(path, { as: editor })).status, path).toBe(404);
    }
  });
});
