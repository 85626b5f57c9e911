import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import { importWordPress } from "../../app/models/import/wordpress.server";
import { exportWordPress } from "../../app/models/import/wordpress-export.server";
import { SaxesParser } from "saxes";
import { makeArticle } from "../factories";
import { freshDatabases, testDialect } from "../support/test-db";

const dir = mkdtempSync(join(tmpdir(), "parley-round-trip-"));
const fresh = freshDatabases();

async function snapshot(db: Kysely<Database>) {
  const stories = await db.selectFrom("article").select(["slug", "headline", "summary", "status", "published_at", "body_html"]).orderBy("slug").execute();
  const comments = await db
    .selectFrom("comment")
    .innerJoin("article", "article.id", "comment.article_id")
    .innerJoin("user", "user.id", "comment.author_id")
    .select(["comment.id", "comment.parent_id", "comment.depth", "comment.status", "comment.body_html", "comment.created_at", "article.slug", "user.display_name"])
    .orderBy("comment.id")
    .execute();
  const categories = await db.selectFrom("article_category").innerJoin("category", "category.id", "article_category.category_id").innerJoin("article", "article.id", "article_category.article_id").select(["article.slug", "category.name"]).orderBy("article.slug").orderBy("category.name").execute();
  return { stories, comments, categories };
}

describe(`round trip (${testDialect()})`, () => {
  it("import, export to WXR, import into a fresh database: the same stories, categories and threads", async () => {
    const first = await fresh();
    await importWordPress(first, "tests/fixtures/import/skerrin-gazette.wxr.xml");
    const chunks: string[] = [];
    await exportWordPress(first, { origin: "https://parley.skerrin.example", siteName: "The Skerrin Gazette", write: (chunk) => void chunks.push(chunk) });
    const file = join(dir, "export.xml");
    writeFileSync(file, chunks.join(""));

    const second = await fresh();
    const summary = await importWordPress(second, file);
    expect(summary.counts.story.bad + summary.counts.comment.bad).toBe(0);
    const [a, b] = [await snapshot(first), await snapshot(second)];
    expect(b.stories).toEqual(a.stories);
    expect(b.categories).toEqual(a.categories);
    expect(b.comments).toEqual(a.comments);
    expect(a.comments.length).toBe(12);
  });
});

describe(`the WordPress export as XML (${testDialect()})`, () => {
  it("stays well-formed with ]]>, control characters and lone surrogates in a story, and keeps ]]> itself", async () => {
    const db = await fresh();
    const hostile = "Pier ]]> twice ]]> \u0001\u0008 half \uD800 end";
    await makeArticle(db, { headline: hostile, summary: hostile, bodySource: `Body ${hostile}` });
    const chunks: string[] = [];
    await exportWordPress(db, { origin: "https://parley.skerrin.example", siteName: `Gazette \u0002 ${hostile}`, write: (chunk) => void chunks.push(chunk) });
    const parser = new SaxesParser({ xmlns: true });
    let text = "";
    parser.on("error", (error) => {
      throw error;
    });
    parser.on("cdata", (t) => (text += t));
    parser.write(chunks.join("")).close();
    expect(text).toContain("Pier ]]> twice ]]>");
    expect(text).not.toMatch(/[\u0001\u0008]/);
  });
});
