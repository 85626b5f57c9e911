import { execFileSync, spawn } from "node:child_process";
import type { Kysely } from "kysely";
import { createTestDatabaseUrl, testDialect, type EmptyTestDatabase } from "../support/test-db";
import { createDatabase } from "../../db/database";
import type { Database } from "../../db/schema";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, SESSION_COOKIE } from "../../app/auth/session.server";
import { createComment } from "../../app/models/comment/writing.server";
import { makeArticle, makeUser } from "../factories";
import { post, request, startServer, stopServer, type RunningServer } from "../support/app-process";
import { startTestServer, type TestServer } from "../support/test-server";

describe("Download your data", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("gives a resident their profile, comments with their stories, likes, reports and sanctions as JSON, and nobody else's", async () => {
    const me = await makeUser(server.db, { displayName: "Eilidh Munro", bio: "Lives by the pier." });
    const other = await makeUser(server.db);
    const article = await makeArticle(server.db, { headline: "Pier lights out again" });
    const mine = await createComment(server.db, { articleId: article.id, authorId: me.id, bodySource: "Third week running." });
    const theirs = await createComment(server.db, { articleId: article.id, authorId: other.id, bodySource: "Not mine to share." });
    await server.db.insertInto("comment_like").values({ comment_id: theirs.id, user_id: me.id, created_at: new Date().toISOString() }).execute();
    await server.db.insertInto("comment_report").values({ comment_id: theirs.id, reporter_id: me.id, reason: "off_topic", note: "About the ferry", created_at: new Date().toISOString(), resolved_at: null }).execute();
    await server.db.insertInto("user_sanction").values({ user_id: me.id, kind: "warn", rule_number: 1, note: "Keep it civil", created_by: null, created_at: new Date().toISOString(), ends_at: null, acknowledged_at: null, lifted_at: null, lifted_by: null }).execute();

    const settings = await (await server.request("/settings", { as: me })).text();
    expect(settings).toContain('href="/settings/data.json"');
    const response = await server.request("/settings/data.json", { as: me });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(response.headers.get("content-disposition")).toMatch(/attachment/);
    expect(response.headers.get("cache-control")).toMatch(/no-store/);
    const text = await response.text();
    const data = JSON.parse(text);
    expect(data.profile).toMatchObject({ id: me.id, display_name: "Eilidh Munro", email: me.email, bio: "Lives by the pier." });
    expect(data.comments).toEqual([expect.objectContaining({ id: mine.id, body_source: "Third week running.", story: { headline: "Pier lights out again", path: `/articles/${article.slug}` } })]);
    expect(data.likes).toEqual([expect.objectContaining({ comment_id: theirs.id })]);
    expect(data.reportsMade).toEqual([expect.objectContaining({ comment_id: theirs.id, reason: "off_topic", note: "About the ferry" })]);
    expect(data.sanctions).toEqual([expect.objectContaining({ kind: "warn", note: "Keep it civil" })]);
    expect(text).not.toContain("Not mine to share.");
    expect(text).not.toContain("password");
  });

  it("sends a visitor who is not signed in to sign in", async () => {
    const response = await server.request("/settings/data.json");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/login/);
  });

});

/**
 * The site runs as its own process (build/server.js), as in production, so the backup (another process)
 * and the site share nothing but the database: every request below is answered by a server whose event
 * loop the test and the backup cannot hold up.
 */
describe("npm run backup", () => {
  let database: EmptyTestDatabase;
  let db: Kysely<Database>;
  let site: RunningServer;
  beforeAll(async () => {
    database = await createTestDatabaseUrl();
    site = await startServer("backup", database.databaseUrl); // migrates the database
    db = createDatabase(database.databaseUrl, { poolSize: 2 });
  }, 60_000);
  afterAll(async () => {
    await stopServer(site);
    await db?.destroy();
    await database?.drop();
  });

  async function writers(count: number) {
    const cookies: string[] = [];
    for (let i = 0; i < count; i++) {
      const user = await makeUser(db, { createdAt: new Date(Date.now() - 30 * 86_400_000).toISOString() });
      await db.updateTable("user").set({ trusted: 1 }).where("id", "=", user.id).execute();
      cookies.push(`${SESSION_COOKIE}=${(await createSession(db, user.id, { userAgent: "test" })).token}`);
    }
    return cookies;
  }

  async function commentsIn(copy: Kysely<Database>, articleId: number) {
    return copy.selectFrom("comment").select(["id", "body_source"]).where("article_id", "=", articleId).orderBy("id").execute();
  }

  it("copies one moment's database while the site, in its own process, keeps answering readers and writers", async () => {
    const author = await makeUser(db);
    const article = await makeArticle(db);
    const path = `/articles/${article.slug}`;
    for (let i = 0; i < 200; i++) await createComment(db, { articleId: article.id, authorId: author.id, bodySource: `Backup check ${i}` });
    // Five comments a minute each (the flood limit): enough residents that none is refused here.
    const cookies = await writers(20);
    const target = join(mkdtempSync(join(tmpdir(), "parley-backup-")), "copy.db");

    const backup = spawn("npm", ["run", "--silent", "backup", "--", target], {
      env: { ...process.env, DATABASE_URL: database.databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    backup.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    backup.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    let running = true;
    const finished = new Promise<number | null>((ok) =>
      backup.once("exit", (code) => {
        running = false;
        ok(code);
      }),
    );

    const reads: number[] = [];
    const writes: number[] = [];
    let answeredDuringBackup = 0;
    while (running) {
      const n = writes.length;
      const [page, posted] = await Promise.all([
        request(site, path),
        n < cookies.length * 5 ? post(site, path, { intent: "comment", body: `Written during the backup ${n}` }, { Cookie: cookies[n % cookies.length]! }) : undefined,
      ]);
      if (running) answeredDuringBackup++;
      reads.push(page.status);
      await page.arrayBuffer();
      if (posted) writes.push(posted.status);
    }
    expect(await finished, output).toBe(0);
    expect(output).toMatch(/Backed up/);
    expect(answeredDuringBackup).toBeGreaterThan(0);
    expect(reads.every((status) => status === 200)).toBe(true);
    expect(writes.every((status) => status === 302)).toBe(true);

    // Every write the site answered is in the live database.
    const live = await commentsIn(db, article.id);
    expect(live).toHaveLength(200 + writes.length);

    let copied: { id: number; body_source: string }[];
    if (testDialect() === "postgres") {
      const listing = execFileSync("pg_restore", ["--list", target], { encoding: "utf8" });
      expect(listing).toMatch(/TABLE DATA public comment /);
      const restored = await createTestDatabaseUrl({ migrated: false });
      execFileSync("pg_restore", ["--no-owner", `--dbname=${restored.databaseUrl}`, target]);
      const copy = createDatabase(restored.databaseUrl);
      try {
        copied = await commentsIn(copy, article.id);
      } finally {
        await copy.destroy();
        await restored.drop();
      }
    } else {
      const copy = new SQLite(target, { readonly: true });
      try {
        expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
        copied = copy.prepare("select id, body_source from comment where article_id = ? order by id").all(article.id) as typeof copied;
      } finally {
        copy.close();
      }
    }
    // One moment's database: everything written before the backup, then the writes made during it
    // up to some point, in order, with nothing missing between and nothing half-written.
    expect(copied.length).toBeGreaterThanOrEqual(200);
    expect(copied).toEqual(live.slice(0, copied.length));
  }, 120_000);
});
