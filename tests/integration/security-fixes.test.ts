import { request as httpRequest } from "node:http";
import { SaxesParser } from "saxes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../app/auth/password.server";
import { approveComment } from "../../app/models/moderation/decision.server";
import { DEFAULT_MODERATION_SETTINGS, saveModerationSettings } from "../../app/models/moderation/hold-rules.server";
import { sanctionUser } from "../../app/models/moderation/sanction.server";
import { makeArticle, makeComment, makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";
import { useFreshOutbox, waitForMail } from "./accounts-support";

useFreshOutbox();

let app: TestServer;
let moderator: { id: number; role: "moderator" };
beforeAll(async () => {
  app = await startTestServer();
  await app.db.insertInto("terms_rule").values([{ number: 1, title: "Be civil", body: "b" }, { number: 2, title: "No hate", body: "b" }]).execute();
  moderator = { id: (await makeUser(app.db, { role: "moderator" })).id, role: "moderator" };
});
afterAll(async () => {
  await app?.close();
});

/** A raw HTTP request with a Host header of the caller's choosing (fetch does not allow setting it). */
function rawRequest(path: string, options: { method?: string; host: string; body?: string; origin?: string }) {
  const url = new URL(app.baseUrl);
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = httpRequest(
      {
        hostname: url.hostname,
        port: url.port,
        path,
        method: options.method ?? "GET",
        headers: {
          Host: options.host,
          ...(options.body ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
          ...(options.origin ? { Origin: options.origin } : {}),
        },
      },
      (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on("error", reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

async function trusted() {
  const user = await makeUser(app.db, { createdAt: new Date(Date.now() - 30 * 86_400_000).toISOString() });
  await app.db.updateTable("user").set({ trusted: 1 }).where("id", "=", user.id).execute();
  return user;
}

describe("a forged Host header", () => {
  it("never puts another site's address into a password-reset mail", async () => {
    const user = await makeUser(app.db, { email: "host-victim@skerrin.example" });
    const response = await rawRequest("/forgot-password", {
      method: "POST",
      host: "evil.example",
      origin: "http://evil.example",
      body: new URLSearchParams({ email: user.email! }).toString(),
    });
    expect(response.status).toBeLessThan(500);
    const mail = await waitForMail((m) => m.to.includes("host-victim@skerrin.example"));
    expect(mail.text).not.toContain("evil.example");
    expect(mail.text).toMatch(/http:\/\/localhost:\d+\/reset-password\//);
  });

  it("cannot poison the anonymous page cache", async () => {
    await rawRequest("/feed.xml", { host: "evil.example" });
    const normal = await (await app.request("/feed.xml")).text();
    expect(normal).not.toContain("evil.example");
  });
});

describe("signing in", () => {
  it("never sends the person to another site, however the return address is dressed up", async () => {
    const user = await makeUser(app.db, { passwordHash: await hashPassword("harbour-lights-42") });
    for (const redirectTo of ["/.//evil.example/x", "//evil.example", "/\\evil.example", "https://evil.example/"]) {
      const response = await app.post("/login", { email: user.email!, password: "harbour-lights-42", redirectTo });
      expect(response.status, redirectTo).toBe(302);
      expect(response.headers.get("location"), redirectTo).toBe("/");
    }
  });

  it("treats a mangled session cookie as no session, without an error page", async () => {
    const response = await app.request("/", { headers: { Cookie: "parley_session=%zz" } });
    expect(response.status).toBe(200);
  });
});

describe("comment forms", () => {
  it("answer an unknown intent, even a built-in name, with a 400", async () => {
    const article = await makeArticle(app.db);
    const user = await trusted();
    for (const intent of ["toString", "constructor", "__proto__", "nonsense"]) {
      const response = await app.post(`/articles/${article.slug}`, { intent }, { as: user });
      expect(response.status, intent).toBe(400);
    }
  });

  it("let only residents with a confirmed email like or report", async () => {
    const article = await makeArticle(app.db);
    const comment = await makeComment(app.db, { articleId: article.id, authorId: (await trusted()).id });
    const unconfirmed = await makeUser(app.db, { emailVerified: false });
    const report = await app.post(`/articles/${article.slug}`, { intent: "report", commentId: String(comment.id), reason: "spam" }, { as: unconfirmed });
    expect(report.status).toBe(400);
    const like = await app.post(`/articles/${article.slug}`, { intent: "like", commentId: String(comment.id) }, { as: unconfirmed });
    expect(like.status).toBe(400);
    expect(await app.db.selectFrom("comment_report").select("id").where("comment_id", "=", comment.id).execute()).toEqual([]);
  });

  it("screen an edit like a new comment: links hold it, banned words refuse it, a banned author cannot edit", async () => {
    await saveModerationSettings(app.db, { settings: { ...DEFAULT_MODERATION_SETTINGS, bannedWords: ["scum"] }, adminId: moderator.id });
    const article = await makeArticle(app.db);
    const author = await trusted();
    await app.post(`/articles/${article.slug}`, { intent: "comment", body: "A fair point about the pier" }, { as: author });
    const comment = await app.db.selectFrom("comment").selectAll().where("article_id", "=", article.id).executeTakeFirstOrThrow();
    expect(comment.status).toBe("visible");
    const banned = await app.post(`/articles/${article.slug}`, { intent: "edit", commentId: String(comment.id), body: "You scum" }, { as: author });
    expect(banned.status).toBe(400);
    const links = await app.post(
      `/articles/${article.slug}`,
      { intent: "edit", commentId: String(comment.id), body: "Buy now https://example.com/a https://example.com/b" },
      { as: author },
    );
    expect(links.status).toBe(302);
    const after = await app.db.selectFrom("comment").select(["status", "held_reason"]).where("id", "=", comment.id).executeTakeFirstOrThrow();
    expect(after.status).toBe("pending");
    const count = await app.db.selectFrom("article").select("comment_count").where("id", "=", article.id).executeTakeFirstOrThrow();
    expect(count.comment_count).toBe(0);
    await sanctionUser(app.db, { moderator, userId: author.id, kind: "ban", ruleNumber: 1, note: "" });
    const refused = await app.post(`/articles/${article.slug}`, { intent: "edit", commentId: String(comment.id), body: "Let me change it" }, { as: author });
    expect(refused.status).toBe(400);
    await saveModerationSettings(app.db, { settings: DEFAULT_MODERATION_SETTINGS, adminId: moderator.id });
  });
});

describe("moderation", () => {
  it("keeps the longer of two suspensions", async () => {
    const user = await trusted();
    await sanctionUser(app.db, { moderator, userId: user.id, kind: "suspend", ruleNumber: 1, note: "", days: 30 });
    await sanctionUser(app.db, { moderator, userId: user.id, kind: "suspend", ruleNumber: 1, note: "", days: 1 });
    const row = await app.db.selectFrom("user").select(["status", "status_until"]).where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("suspended");
    expect(Date.parse(row.status_until!)).toBeGreaterThan(Date.now() + 29 * 86_400_000);
  });

  it("tells the parent's author about a held reply once it is approved", async () => {
    const article = await makeArticle(app.db);
    const parentAuthor = await trusted();
    const parent = await makeComment(app.db, { articleId: article.id, authorId: parentAuthor.id });
    const newcomer = await makeUser(app.db);
    await app.post(`/articles/${article.slug}`, { intent: "reply", parentId: String(parent.id), body: "My first reply here" }, { as: newcomer });
    const reply = await app.db.selectFrom("comment").selectAll().where("parent_id", "=", parent.id).executeTakeFirstOrThrow();
    expect(reply.status).toBe("pending");
    const notices = () => app.db.selectFrom("notification").select("id").where("user_id", "=", parentAuthor.id).where("kind", "=", "reply").execute();
    expect(await notices()).toHaveLength(0);
    await approveComment(app.db, { moderator, commentId: reply.id });
    expect(await notices()).toHaveLength(1);
  });
});

describe("paging a long thread", () => {
  it("counts only threads readers can see", async () => {
    const article = await makeArticle(app.db);
    const author = await trusted();
    for (let i = 0; i < 100; i++) await makeComment(app.db, { articleId: article.id, authorId: author.id, bodySource: `Thread ${i}` });
    // ten more top-level comments nobody sees: removed without replies, and someone else's held ones
    for (let i = 0; i < 5; i++) await makeComment(app.db, { articleId: article.id, authorId: author.id, status: "removed" });
    for (let i = 0; i < 5; i++) await makeComment(app.db, { articleId: article.id, authorId: author.id, status: "pending" });
    const page = await (await app.request(`/articles/${article.slug}`)).text();
    expect(page).not.toContain("Threads page");
    expect(page).toContain("Thread 99");
  });
});

describe("feeds and the sitemap as XML", () => {
  /** Every element name and all the text of a document, parsed strictly; throws on XML that is not well-formed. */
  function parseXml(xml: string): { elements: string[]; text: string } {
    const parser = new SaxesParser();
    const elements: string[] = [];
    let text = "";
    parser.on("error", (error) => {
      throw error;
    });
    parser.on("opentag", (tag) => elements.push(tag.name));
    parser.on("text", (t) => (text += t));
    parser.on("cdata", (t) => (text += t));
    parser.write(xml).close();
    return { elements, text };
  }

  it("stay well-formed with ]]> twice, control characters and lone surrogates in a story and its comments", async () => {
    const hostile = "Pier ]]><script>alert(1)</script> and ]]><b>again</b> \u0001\u0008 half \uD800 pair";
    const article = await makeArticle(app.db, { headline: hostile, summary: hostile, bodySource: `Body ${hostile}` });
    const author = await makeUser(app.db, { displayName: "Feed Tester" });
    await makeComment(app.db, { articleId: article.id, authorId: author.id, bodySource: `A comment ]]> with \u0002 ${hostile}` });
    for (const path of ["/feed.xml", `/articles/${article.slug}/comments.xml`, "/sitemap.xml"]) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      const { elements, text } = parseXml(await response.text());
      expect(elements, path).not.toContain("script");
      expect(elements, path).not.toContain("b");
      if (path !== "/sitemap.xml") expect(text, path).toContain("Pier ]]");
      expect(text).not.toMatch(/[\u0001\u0002\u0008]/);
    }
  });
});
