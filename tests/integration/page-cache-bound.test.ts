import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDatabase } from "../../db/database";
import { migrateToLatest } from "../../db/migrate";
import { PageCache } from "../../server/page-cache";
import { SplicedBody } from "../../server/spliced-body";
import { makeArticle } from "../factories";
import { createTestDatabaseUrl, testDialect, type EmptyTestDatabase } from "../support/test-db";

let fresh: EmptyTestDatabase;
let databaseUrl: string;
beforeAll(async () => {
  fresh = await createTestDatabaseUrl();
  databaseUrl = fresh.databaseUrl;
  const db = createDatabase(databaseUrl);
  await migrateToLatest(db);
  await db.destroy();
});
afterAll(() => fresh.drop());

/** Another connection's commit reaches the cache within a millisecond on SQLite (server/content-versions.ts, SQLITE_ASK_EVERY_MS), and when its NOTIFY arrives on PostgreSQL. */
async function untilStale(cache: PageCache, path: string): Promise<void> {
  if (testDialect() === "sqlite") {
    await new Promise((ok) => setTimeout(ok, 2));
    expect(cache.lookup(path)).toBeUndefined();
    return;
  }
  await vi.waitFor(() => expect(cache.lookup(path)).toBeUndefined(), { timeout: 5_000, interval: 2 });
}

const page = (fill: number, bytes: number) => ({
  status: 200,
  headers: new Headers({ "content-type": "text/html; charset=utf-8" }),
  body: new SplicedBody([Buffer.alloc(bytes, fill)]),
});

describe(`the anonymous page cache's bound (${testDialect()})`, () => {
  it("keeps its pages within a number of bytes, the oldest going first", async () => {
    const cache = new PageCache({ databaseUrl, maxBytes: 250_000 });
    await cache.versions.ready();
    const version = cache.beginRendering();
    for (const n of [1, 2, 3]) cache.store(`/articles/page-${n}`, page(n, 100_000), version);
    expect(cache.lookup("/articles/page-1")).toBeUndefined();
    expect(cache.lookup("/articles/page-2")).toBeDefined();
    expect(cache.lookup("/articles/page-3")).toBeDefined();
    await cache.close();
  });

  it("counts the pages a write made stale against the same bound", async () => {
    const db = createDatabase(databaseUrl);
    const cache = new PageCache({ databaseUrl, maxBytes: 1_000_000 });
    await cache.versions.ready();
    // 40 address variants of one story, 100 KB each: far over the bound once all of them go stale.
    const article = await makeArticle(db);
    const story = (n: number) => ({ ...page(n, 100_000), headers: new Headers({ "x-parley-article": String(article.id) }) });
    for (let n = 0; n < 40; n++) {
      cache.store(`/articles/variant?page=${n}`, story(n), cache.beginRendering());
      expect(cache.heldBytes()).toBeLessThanOrEqual(1_000_000);
    }
    await db.updateTable("article").set({ headline: "Changed" }).where("id", "=", article.id).execute();
    await untilStale(cache, "/articles/variant?page=39");
    for (let n = 0; n < 40; n++) cache.lookup(`/articles/variant?page=${n}`);
    expect(cache.heldBytes()).toBeLessThanOrEqual(1_000_000);
    await cache.close();
    await db.destroy();
  });

  it("serves a page larger than the whole bound without keeping it", async () => {
    const cache = new PageCache({ databaseUrl, maxBytes: 50_000 });
    await cache.versions.ready();
    const entry = cache.store("/articles/huge", page(7, 60_000), cache.beginRendering());
    expect(entry?.body.byteLength).toBe(60_000);
    expect(cache.lookup("/articles/huge")).toBeUndefined();
    await cache.close();
  });
});

describe(`the page cache on a database with content (${testDialect()})`, () => {
  it("starts on a database whose stories have versions already, and keeps a story's page until it changes", async () => {
    const db = createDatabase(databaseUrl);
    const article = await makeArticle(db);
    const cache = new PageCache({ databaseUrl });
    await cache.versions.ready();
    const response = { status: 200, headers: new Headers({ "content-type": "text/html", "x-parley-article": String(article.id) }), body: new SplicedBody([Buffer.from("story")]) };
    // On PostgreSQL the versions read at start count as stories that changed, so for the next read of
    // when a scheduled story goes live (about 20 ms, server/content-versions.ts) pages are not kept.
    await vi.waitFor(
      () => {
        cache.store("/articles/with-content", response, cache.beginRendering());
        expect(cache.lookup("/articles/with-content")).toBeDefined();
      },
      { timeout: testDialect() === "sqlite" ? 1 : 5_000, interval: 5 },
    );
    await db.updateTable("article").set({ headline: "Changed" }).where("id", "=", article.id).execute();
    await untilStale(cache, "/articles/with-content");
    await cache.close();
    await db.destroy();
  });
});
