import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeArticle, makeComment, makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";
import { createTestDatabaseUrl, testDialect } from "../support/test-db";
import { freshAddress, fromAddress, PASSWORD, passwordHash, sessionCookieFrom, useFreshOutbox } from "./accounts-support";

/**
 * The same request sent many times at once, through real HTTP. On SQLite the app's one connection runs
 * the requests' transactions one after another, so these tests prove the outcome; on PostgreSQL the
 * app's pool of ten connections runs them side by side, so they prove the writes are atomic.
 */
let app: TestServer;
beforeAll(async () => {
  useFreshOutbox();
  app = await startTestServer();
});
afterAll(async () => {
  await app?.close();
});

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();
const times = <T>(n: number, make: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => make(i)));

/** A resident of a month's standing, trusted so no hold applies, with a password and a session cookie. */
async function resident() {
  const user = await makeUser(app.db, { createdAt: minutesAgo(60 * 24 * 30), passwordHash: await passwordHash() });
  await app.db.updateTable("user").set({ trusted: 1 }).where("id", "=", user.id).execute();
  return { user, cookie: await app.cookieFor(user) };
}

const statuses = (responses: Response[]) => responses.map((r) => r.status).sort((a, b) => a - b);

async function throttleRow(key: string) {
  return app.db.selectFrom("throttle").selectAll().where("key", "=", key).executeTakeFirst();
}

describe(`requests sent together (${testDialect()})`, () => {
  it("counts twenty wrong passwords sent at once as twenty, and locks the account", async () => {
    const { user } = await resident();
    const responses = await times(20, (i) =>
      app.post("/login", { email: user.email!, password: `wrong-${i}` }, { headers: fromAddress(freshAddress()) }),
    );
    expect(responses.some((r) => r.status >= 500)).toBe(false);
    expect(responses.every((r) => r.status === 400 || r.status === 429)).toBe(true);
    const row = await throttleRow(`login:email:${user.email}`);
    expect(row?.count).toBe(20);
    expect(Date.parse(row!.blocked_until!) - Date.now()).toBeGreaterThan(14 * 60_000);
    const afterwards = await app.post("/login", { email: user.email!, password: PASSWORD }, { headers: fromAddress() });
    expect(afterwards.status).toBe(429);
    expect(await afterwards.text()).toContain("Try again in 15 minutes.");
    expect(sessionCookieFrom(afterwards)).toBeNull();
  });

  it("checks no more than five of twelve wrong passwords and one right one sent at once", async () => {
    const { user } = await resident();
    const forms = [...Array.from({ length: 12 }, (_, i) => `wrong-${i}`), PASSWORD];
    const responses = await Promise.all(
      forms.map((password) => app.post("/login", { email: user.email!, password }, { headers: fromAddress(freshAddress()) })),
    );
    expect(responses.some((r) => r.status >= 500)).toBe(false);
    // A refusal beside the password field means the password was checked; a bare wait means it was not.
    const bodies = await Promise.all(responses.map((r) => r.text()));
    const checked = bodies.filter((body) => body.includes("The email address or password is not right.")).length;
    const signedIn = responses.filter((r) => r.status === 302).length;
    expect(checked + signedIn).toBeLessThanOrEqual(5);
    expect(checked + signedIn).toBeGreaterThanOrEqual(1);
  });

  it("accepts exactly five of twelve comments one account sends at once, and refuses the rest with the limit", async () => {
    const article = await makeArticle(app.db);
    const { cookie } = await resident();
    const responses = await times(12, (i) =>
      app.post(`/articles/${article.slug}`, { intent: "comment", body: `Point number ${i}`, js: "1" }, { headers: { Cookie: cookie } }),
    );
    const rows = await app.db.selectFrom("comment").select("id").where("article_id", "=", article.id).execute();
    expect(rows).toHaveLength(5);
    expect(statuses(responses)).toEqual([...Array(5).fill(200), ...Array(7).fill(429)]);
    for (const refused of responses.filter((r) => r.status === 429)) {
      expect(await refused.text()).toContain("Please wait a minute before posting again");
    }
    const story = await app.db.selectFrom("article").select("comment_count").where("id", "=", article.id).executeTakeFirstOrThrow();
    expect(story.comment_count).toBe(5);
  });

  it("leaves one like and the right count after a double-click on Like, with and without JavaScript", async () => {
    const article = await makeArticle(app.db);
    const { user: author } = await resident();
    const { user: fan, cookie } = await resident();
    const likes = async (commentId: number) => {
      const row = await app.db.selectFrom("comment").select("like_count").where("id", "=", commentId).executeTakeFirstOrThrow();
      const rows = await app.db.selectFrom("comment_like").select("user_id").where("comment_id", "=", commentId).execute();
      return { count: row.like_count, who: rows.map((r) => r.user_id) };
    };
    for (const js of [{ js: "1" }, {}] as Record<string, string>[]) {
      const comment = await makeComment(app.db, { articleId: article.id, authorId: author.id });
      // The form as the page renders it for a comment not yet liked.
      const form = { intent: "like", commentId: String(comment.id), set: "like", ...js };
      const clicks = await times(2, () => app.post(`/articles/${article.slug}`, form, { headers: { Cookie: cookie } }));
      expect(clicks.every((r) => r.status < 500)).toBe(true);
      expect(await likes(comment.id)).toEqual({ count: 1, who: [fan.id] });
    }
    // An old page's form says only "like", a toggle: two at once may cancel out or leave one like (which
    // runs first decides), but never a 500, never two likes, and the count is the likes there are.
    const comment = await makeComment(app.db, { articleId: article.id, authorId: author.id });
    const toggles = await times(2, () =>
      app.post(`/articles/${article.slug}`, { intent: "like", commentId: String(comment.id), js: "1" }, { headers: { Cookie: cookie } }),
    );
    expect(statuses(toggles)).toEqual([200, 200]);
    const toggled = await likes(comment.id);
    expect(toggled.who.length).toBeLessThanOrEqual(1);
    expect(toggled.count).toBe(toggled.who.length);
    await app.post(`/articles/${article.slug}`, { intent: "like", commentId: String(comment.id), set: "like", js: "1" }, { headers: { Cookie: cookie } });
    // Unlike, double-clicked: none left.
    const unclicks = await times(2, () =>
      app.post(`/articles/${article.slug}`, { intent: "like", commentId: String(comment.id), set: "unlike", js: "1" }, { headers: { Cookie: cookie } }),
    );
    expect(statuses(unclicks)).toEqual([200, 200]);
    expect(await likes(comment.id)).toEqual({ count: 0, who: [] });
  });

  it("accepts exactly five of eight correction reports one sender sends at once", async () => {
    const article = await makeArticle(app.db);
    const address = freshAddress();
    const responses = await times(8, (i) =>
      app.post(
        `/articles/${article.slug}/report-error`,
        { body: `The ferry leaves at 9:1${i}.`, email: "", startedAt: String(Date.now() - 10_000), leave_empty: "" },
        { headers: fromAddress(address) },
      ),
    );
    expect(statuses(responses)).toEqual([...Array(5).fill(200), ...Array(3).fill(429)]);
    const rows = await app.db.selectFrom("correction_report").select("id").where("article_id", "=", article.id).execute();
    expect(rows).toHaveLength(5);
  });

  it("gives two stories saved at once with one headline two addresses, and one new category to both", async () => {
    const editor = await makeUser(app.db, { role: "editor" });
    const cookie = await app.cookieFor(editor);
    const headline = `Ferry timetable changes ${Date.now().toString(36)}`;
    const responses = await times(2, () =>
      app.post(
        "/editor/new",
        { intent: "draft", headline, summary: "Fewer sailings.", body: "From November.", commentsOpen: "on", newCategory: `Ferries ${headline}` },
        { headers: { Cookie: cookie } },
      ),
    );
    expect(statuses(responses)).toEqual([303, 303]);
    const stories = await app.db.selectFrom("article").select(["id", "slug"]).where("headline", "=", headline).orderBy("slug").execute();
    const slug = stories[0]!.slug;
    expect(stories.map((s) => s.slug)).toEqual([slug, `${slug}-2`]);
    const categories = await app.db.selectFrom("category").select("id").where("name", "=", `Ferries ${headline}`).execute();
    expect(categories).toHaveLength(1);
    const filed = await app.db
      .selectFrom("article_category")
      .select("article_id")
      .where("category_id", "=", categories[0]!.id)
      .execute();
    expect(filed.map((f) => f.article_id).sort()).toEqual(stories.map((s) => s.id).sort());
  });

  it("gives two saves of the terms at once a version number each", async () => {
    const admin = await makeUser(app.db, { role: "admin" });
    const cookie = await app.cookieFor(admin);
    const versionNow = async () => {
      const row = await app.db.selectFrom("setting").select("value").where("key", "=", "terms_version").executeTakeFirst();
      return row ? Number(JSON.parse(row.value)) : 1;
    };
    const before = await versionNow();
    const form = (title: string) => ({ rows: "1", "number-0": "1", "title-0": title, "body-0": "Disagree with ideas, not people." });
    const responses = await Promise.all(
      ["Be civil", "Be kind"].map((title) => app.post("/admin/terms", form(title), { headers: { Cookie: cookie } })),
    );
    expect(statuses(responses)).toEqual([200, 200]);
    const messages = await Promise.all(responses.map((r) => r.text()));
    const versions = messages.map((m) => Number(/now version (\d+)\./.exec(m)?.[1])).sort();
    expect(versions).toEqual([before + 1, before + 2]);
    expect(await versionNow()).toBe(before + 2);
    expect(await app.db.selectFrom("terms_rule").selectAll().execute()).toHaveLength(1);
  });
});

/** Runs the built server on a database and resolves with what it printed once it serves (or ends). */
function startServerProcess(databaseUrl: string) {
  const child = spawn(process.execPath, ["build/server.js"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: "0", NODE_ENV: "production", PARLEY_SEED: "on", PARLEY_PAGE_CACHE: "off" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const ready = new Promise<string>((resolve) => {
    const note = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Parley is serving")) resolve(output);
    };
    child.stdout.on("data", note);
    child.stderr.on("data", note);
    child.on("exit", () => resolve(output));
  });
  return { child, ready };
}

// One SQLite file has one server process; several app servers share a PostgreSQL database.
describe.skipIf(testDialect() !== "postgres")("two servers starting together on one empty database", () => {
  it("seed the demo once, and both serve", async () => {
    const fresh = await createTestDatabaseUrl();
    const servers = [startServerProcess(fresh.databaseUrl), startServerProcess(fresh.databaseUrl)];
    try {
      const outputs = await Promise.all(servers.map((s) => s.ready));
      expect(outputs.every((o) => o.includes("Parley is serving"))).toBe(true);
      expect(outputs.filter((o) => o.includes("Seeded ")).length).toBe(1);
      expect(servers.every((s) => s.child.exitCode === null)).toBe(true);
    } finally {
      for (const server of servers) server.child.kill("SIGTERM");
      await Promise.all(servers.map((s) => (s.child.exitCode === null ? new Promise((ok) => s.child.once("exit", ok)) : null)));
      await fresh.drop();
    }
  }, 120_000);
});
