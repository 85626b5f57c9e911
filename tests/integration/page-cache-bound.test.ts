import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../db/database";
import { migrateToLatest } from "../../db/migrate";
import { PageCache } from "../../server/page-cache";

let dir: string;
let databaseUrl: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "parley-page-cache-"));
  databaseUrl = join(dir, "parley.db");
  const db = createDatabase(databaseUrl);
  await migrateToLatest(db);
  await db.destroy();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const page = (fill: number, bytes: number) => ({
  status: 200,
  headers: new Headers({ "content-type": "text/html; charset=utf-8" }),
  body: Buffer.alloc(bytes, fill),
});

describe("the anonymous page cache's bound", () => {
  it("keeps its pages within a number of bytes, the oldest going first", async () => {
    const cache = new PageCache({ databaseUrl, maxBytes: 250_000 });
    const version = cache.beginRendering();
    for (const n of [1, 2, 3]) cache.store(`/articles/page-${n}`, page(n, 100_000), version);
    expect(cache.lookup("/articles/page-1")).toBeUndefined();
    expect(cache.lookup("/articles/page-2")).toBeDefined();
    expect(cache.lookup("/articles/page-3")).toBeDefined();
    await cache.close();
  });

  it("serves a page larger than the whole bound without keeping it", async () => {
    const cache = new PageCache({ databaseUrl, maxBytes: 50_000 });
    const entry = cache.store("/articles/huge", page(7, 60_000), cache.beginRendering());
    expect(entry?.body.length).toBe(60_000);
    expect(cache.lookup("/articles/huge")).toBeUndefined();
    await cache.close();
  });
});
