import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearDatabase, DEMO_ACCOUNTS, isDatabaseEmpty, seedDemo, type SeedSummary } from "../../db/seed";
import { createTestDatabase, testDialect } from "../support/test-db";
import { startTestServer, type TestServer } from "../support/test-server";

let app: TestServer;
let summary: SeedSummary;
const fixedNow = new Date("2026-11-20T12:00:00.000Z");

beforeAll(async () => {
  app = await startTestServer();
  summary = await seedDemo(app.db, { now: fixedNow });
}, 120_000);
afterAll(async () => {
  await app?.close();
});

describe(`the demo content (${testDialect()})`, () => {
  it("has at least 12 stories across 5 categories, about 40 residents and one of each staff role", async () => {
    const articles = await app.db.selectFrom("article").select(["id"]).where("status", "=", "published").execute();
    expect(articles.length).toBeGreaterThanOrEqual(12);
    const categories = await app.db
      .selectFrom("category")
      .innerJoin("article_category", "article_category.category_id", "category.id")
      .select("category.slug")
      .distinct()
      .execute();
    expect(categories.length).toBeGreaterThanOrEqual(5);
    const roles = await app.db
      .selectFrom("user")
      .select(["role", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("role")
      .execute();
    const byRole = Object.fromEntries(roles.map((r) => [r.role, Number(r.n)]));
    expect(byRole.resident).toBeGreaterThanOrEqual(40);
    expect(byRole.editor).toBeGreaterThanOrEqual(1);
    expect(byRole.moderator).toBeGreaterThanOrEqual(1);
    expect(byRole.admin).toBeGreaterThanOrEqual(1);
    for (const email of Object.values(DEMO_ACCOUNTS)) {
      expect(await app.db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst(), email).toBeDefined();
    }
  });

  it("has threads six levels deep and one story with at least 1,500 comments", async () => {
    const deepest = await app.db.selectFrom("comment").select((eb) => eb.fn.max("depth").as("d")).executeTakeFirstOrThrow();
    expect(Number(deepest.d)).toBe(5);
    expect(summary.biggestArticle.comments).toBeGreaterThanOrEqual(1500);
  });

  it("keeps each story's comment count equal to its visible comments", async () => {
    const rows = await app.db
      .selectFrom("article")
      .select((eb) => [
        "article.slug",
        "article.comment_count",
        eb
          .selectFrom("comment")
          .select((c) => c.fn.countAll<number>().as("n"))
          .whereRef("comment.article_id", "=", "article.id")
          .where("comment.status", "=", "visible")
          .as("visible"),
      ])
      .execute();
    for (const row of rows) expect(row.comment_count, row.slug).toBe(Number(row.visible));
  });

  it("renders every comment of the 1,500-comment story across its pages, each page from the same few queries as a small story", async () => {
    const small = await app.db.selectFrom("article").select("slug").where("comment_count", "<", 20).where("status", "=", "published").executeTakeFirstOrThrow();
    const smallCount = await app.countQueries(() => app.request(`/articles/${small.slug}`).then((r) => r.text()));
    const seen = new Set<string>();
    for (let page = 1; ; page++) {
      let body = "";
      const queries = await app.countQueries(async () => {
        const response = await app.request(`/articles/${summary.biggestArticle.slug}?page=${page}`);
        expect(response.status).toBe(200);
        body = await response.text();
      });
      expect(queries, `page ${page}`).toBe(smallCount);
      for (const match of body.matchAll(/<article id="comment-(\d+)"/g)) seen.add(match[1]!);
      if (!body.includes('rel="next"')) break;
      expect(page).toBeLessThan(10);
    }
    const visible = await app.db
      .selectFrom("comment")
      .innerJoin("article", "article.id", "comment.article_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("article.slug", "=", summary.biggestArticle.slug)
      .where("comment.status", "=", "visible")
      .executeTakeFirstOrThrow();
    expect(seen.size).toBeGreaterThanOrEqual(Number(visible.n));
    expect(seen.size).toBeGreaterThanOrEqual(1500);
  });

  it("is the same every time it is built", async () => {
    const again = await createTestDatabase();
    const other = again.db;
    try {
      expect(await isDatabaseEmpty(other)).toBe(true);
      await seedDemo(other, { now: fixedNow });
      const shape = (db: typeof other) =>
        db.selectFrom("comment").select(["path", "body_source", "created_at", "like_count"]).orderBy("path").execute();
      expect(await shape(other)).toEqual(await shape(app.db));
      // --reset clears and rebuilds to the same demo
      await clearDatabase(other);
      expect(await isDatabaseEmpty(other)).toBe(true);
      await seedDemo(other, { now: fixedNow });
      const count = await other.selectFrom("comment").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(summary.comments);
    } finally {
      await again.close();
    }
  }, 120_000);
});
