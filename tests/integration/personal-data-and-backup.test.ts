import { execFileSync } from "node:child_process";
import { createTestDatabaseUrl, testDialect } from "../support/test-db";
import { createDatabase } from "../../db/database";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createComment } from "../../app/models/comment/writing.server";
import { makeArticle, makeUser } from "../factories";
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

  it("npm run backup copies the database consistently while the site is serving", async () => {
    const user = await makeUser(server.db);
    const article = await makeArticle(server.db);
    for (let i = 0; i < 20; i++) await createComment(server.db, { articleId: article.id, authorId: user.id, bodySource: `Backup check ${i}` });
    const target = join(mkdtempSync(join(tmpdir(), "parley-backup-")), "copy.db");
    const page = server.request(`/articles/${article.slug}`);
    const output = execFileSync("npm", ["run", "--silent", "backup", "--", target], { env: { ...process.env, DATABASE_URL: server.databaseUrl }, encoding: "utf8" });
    expect((await page).status).toBe(200);
    expect(output).toMatch(/Backed up/);
    if (testDialect() === "postgres") {
      const listing = execFileSync("pg_restore", ["--list", target], { encoding: "utf8" });
      expect(listing).toMatch(/TABLE DATA public comment /);
      const restored = await createTestDatabaseUrl({ migrated: false });
      execFileSync("pg_restore", ["--no-owner", `--dbname=${restored.databaseUrl}`, target]);
      const copy = createDatabase(restored.databaseUrl);
      const row = await copy.selectFrom("comment").select((eb) => eb.fn.countAll<number>().as("n")).where("article_id", "=", article.id).executeTakeFirstOrThrow();
      expect(row.n).toBe(20);
      await copy.destroy();
      await restored.drop();
      return;
    }
    const copy = new SQLite(target, { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    const row = copy.prepare("select count(*) as n from comment where article_id = ?").get(article.id) as { n: number };
    expect(row.n).toBe(20);
    copy.close();
  });
});
