import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStaff, makeStoryWithComment } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";
import { commentStatus, logRows, useTestRules } from "./moderation-support";

/**
 * Who may open each moderation page and use each of its forms: anonymous visitors are sent to sign
 * in, residents get 403, moderators get 403 on /admin/*, admins may do everything.
 */
let app: TestServer;
let staff: Awaited<ReturnType<typeof makeStaff>>;
let target: Awaited<ReturnType<typeof makeStoryWithComment>>;

beforeAll(async () => {
  app = await startTestServer();
  await useTestRules(app.db);
  staff = await makeStaff(app.db);
  target = await makeStoryWithComment(app.db, { status: "pending" });
});
afterAll(async () => {
  await app?.close();
});

const moderatorPages = () => [
  "/moderation",
  "/moderation?tab=held",
  "/moderation?tab=recent",
  "/moderation?tab=decided",
  `/moderation/comments/${target.comment.id}`,
  `/moderation/users/${target.author.id}`,
  `/moderation/stories/${target.article.id}`,
  "/moderation/log",
];
const adminPages = ["/admin/terms", "/admin/moderation"];

const moderatorActions = (): [string, Record<string, string>][] => [
  ["/moderation?index", { intent: "approve", commentId: String(target.comment.id) }],
  ["/moderation?index", { intent: "reject", commentId: String(target.comment.id), ruleNumber: "1" }],
  ["/moderation?index", { intent: "approve-selected", commentIds: String(target.comment.id) }],
  [`/moderation/comments/${target.comment.id}`, { intent: "reject", ruleNumber: "1" }],
  [`/moderation/comments/${target.comment.id}`, { intent: "feature" }],
  [`/moderation/stories/${target.article.id}`, { intent: "close" }],
  [`/moderation/stories/${target.article.id}`, { intent: "premoderate" }],
  [`/moderation/users/${target.author.id}`, { intent: "sanction", kind: "ban", ruleNumber: "1" }],
  [`/moderation/users/${target.author.id}`, { intent: "trust" }],
  [`/moderation/users/${target.author.id}`, { intent: "note", body: "Sneaky note" }],
];
const adminActions = (): [string, Record<string, string>][] => [
  ["/admin/terms", { rows: "1", "number-0": "1", "title-0": "Sneaky", "body-0": "Sneaky rule" }],
  [
    "/admin/moderation",
    {
      newAccountHoldCount: "9",
      linkHoldCount: "9",
      reportHideThreshold: "9",
      suspectWords: "",
      bannedWords: "",
      bannedWordsRule: "1",
      premoderateAll: "on",
    },
  ],
];

async function nothingChanged() {
  expect((await commentStatus(app.db, target.comment.id)).status).toBe("pending");
  const story = await app.db.selectFrom("article").select(["comments_open", "premoderate"]).where("id", "=", target.article.id).executeTakeFirstOrThrow();
  expect(story).toEqual({ comments_open: 1, premoderate: 0 });
  const author = await app.db.selectFrom("user").select(["status", "trusted"]).where("id", "=", target.author.id).executeTakeFirstOrThrow();
  expect(author).toEqual({ status: "active", trusted: 0 });
  expect(await app.db.selectFrom("user_note").select("id").execute()).toEqual([]);
  expect(await app.db.selectFrom("user_sanction").select("id").execute()).toEqual([]);
  const rules = await app.db.selectFrom("terms_rule").select("title").where("title", "=", "Sneaky").execute();
  expect(rules).toEqual([]);
  expect(await app.db.selectFrom("setting").select("key").where("key", "=", "moderation_rules").execute()).toEqual([]);
  expect(await logRows(app.db)).toEqual([]);
}

describe("anonymous visitors", () => {
  it("are sent to sign in from every moderation and admin page, and come back afterwards", async () => {
    for (const path of [...moderatorPages(), ...adminPages]) {
      const response = await app.request(path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get("location"), path).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    }
  });

  it("cannot use any moderation or admin form", async () => {
    for (const [path, fields] of [...moderatorActions(), ...adminActions()]) {
      const response = await app.post(path, fields);
      expect(response.status, path).toBe(302);
      expect(response.headers.get("location"), path).toMatch(/^\/login\?redirectTo=/);
    }
    await nothingChanged();
  });
});

describe("residents", () => {
  it("get 403 on every moderation and admin page", async () => {
    for (const path of [...moderatorPages(), ...adminPages]) {
      expect((await app.request(path, { as: staff.resident })).status, path).toBe(403);
    }
  });

  it("get 403 from every moderation and admin action, which changes nothing", async () => {
    for (const [path, fields] of [...moderatorActions(), ...adminActions()]) {
      expect((await app.post(path, fields, { as: staff.resident })).status, path).toBe(403);
    }
    await nothingChanged();
  });

  it("may read the public moderation log", async () => {
    expect((await app.request("/moderation-log", { as: staff.resident })).status).toBe(200);
    expect((await app.request("/moderation-log")).status).toBe(200);
  });
});

describe("moderators", () => {
  it("open every moderation page", async () => {
    for (const path of moderatorPages()) {
      expect((await app.request(path, { as: staff.moderator })).status, path).toBe(200);
    }
  });

  it("get 403 on the admin pages and their forms, which change nothing", async () => {
    for (const path of adminPages) {
      expect((await app.request(path, { as: staff.moderator })).status, path).toBe(403);
    }
    for (const [path, fields] of adminActions()) {
      expect((await app.post(path, fields, { as: staff.moderator })).status, path).toBe(403);
    }
    await nothingChanged();
  });

  it("cannot change roles either", async () => {
    expect((await app.request("/admin/users", { as: staff.moderator })).status).toBe(403);
  });
});

describe("admins", () => {
  it("open every moderation and admin page", async () => {
    for (const path of [...moderatorPages(), ...adminPages]) {
      expect((await app.request(path, { as: staff.admin })).status, path).toBe(200);
    }
  });
});

describe("staff whose own comment is in the queue", () => {
  it("cannot decide on it, through either the queue or the comment's page", async () => {
    for (const who of [staff.moderator, staff.admin]) {
      const own = await makeStoryWithComment(app.db, { status: "pending" });
      await app.db.updateTable("comment").set({ author_id: who.id }).where("id", "=", own.comment.id).execute();
      const viaQueue = await app.post("/moderation?index", { intent: "reject", commentId: String(own.comment.id), ruleNumber: "1" }, { as: who });
      expect(viaQueue.status).toBe(400);
      const viaPage = await app.post(`/moderation/comments/${own.comment.id}`, { intent: "approve" }, { as: who });
      expect(viaPage.status).toBe(400);
      expect(await viaPage.text()).toContain("You cannot moderate your own comments");
      expect((await commentStatus(app.db, own.comment.id)).status).toBe("pending");
      expect(await logRows(app.db, { commentId: own.comment.id })).toEqual([]);
    }
  });
});
