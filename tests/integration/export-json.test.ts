import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "../../app/auth/session.server";
import { EXPORTED_TABLES } from "../../app/models/import/json-export.server";
import { makeArticle, makeComment, makeUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

const run = promisify(execFile);
let test: TestDatabase;
let sessionId = "";
const out = mkdtempSync(join(tmpdir(), "parley-json-export-"));

function lines(file: string): Record<string, unknown>[] {
  return readFileSync(join(out, file), "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
}

beforeAll(async () => {
  test = await createTestDatabase();
  const author = await makeUser(test.db, { displayName: "Morag Linklater", passwordHash: "argon2id-secret-hash" });
  const article = await makeArticle(test.db, { headline: "Ferry timetable changes for the winter", authorId: author.id });
  const first = await makeComment(test.db, { articleId: article.id, authorId: author.id, bodySource: "Will the early sailing stay?" });
  await makeComment(test.db, { articleId: article.id, authorId: author.id, bodySource: "It stays on weekdays.", parentId: first.id });
  await createSession(test.db, author.id, { userAgent: "test" });
  sessionId = (await test.db.selectFrom("session").select("id").executeTakeFirstOrThrow()).id;
  await run("npx", ["tsx", "db/export-cli.ts", "json", out], { env: { ...process.env, DATABASE_URL: test.databaseUrl }, timeout: 60_000 });
}, 90_000);

afterAll(async () => {
  await test.close();
});

describe("npm run export -- json DIR", () => {
  it("writes one JSON Lines file per table and a manifest that counts them", () => {
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as {
      format: string;
      files: Record<string, { table: string; rows: number }>;
    };
    expect(manifest.format).toBe("parley-json-export");
    expect(readdirSync(out).sort()).toEqual([...Object.keys(EXPORTED_TABLES).map((t) => `${t}.jsonl`), "manifest.json"].sort());
    for (const [file, { rows }] of Object.entries(manifest.files)) expect(lines(file)).toHaveLength(rows);
    expect(manifest.files["comment.jsonl"]?.rows).toBe(2);
  });

  it("keeps stories, threads and people as stored, in key order", () => {
    const [article] = lines("article.jsonl");
    expect(article?.headline).toBe("Ferry timetable changes for the winter");
    const comments = lines("comment.jsonl");
    expect(comments.map((c) => c.body_source)).toEqual(["Will the early sailing stay?", "It stays on weekdays."]);
    expect(comments[1]?.parent_id).toBe(comments[0]?.id);
    expect(lines("user.jsonl").map((u) => u.display_name)).toContain("Morag Linklater");
  });

  it("leaves out password hashes, sessions, emailed-link tokens and throttles", () => {
    const dump = readdirSync(out).map((file) => readFileSync(join(out, file), "utf8")).join("\n");
    expect(dump).not.toContain("argon2id-secret-hash");
    expect(sessionId).toMatch(/^[0-9a-f]{64}$/);
    expect(dump).not.toContain(sessionId);
    expect(readdirSync(out)).not.toContain("session.jsonl");
    expect(lines("user.jsonl").every((u) => !("password_hash" in u))).toBe(true);
  });
});
