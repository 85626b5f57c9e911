import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ContentVersions } from "../../server/content-versions";
import { makeArticle, makeComment, makeUser } from "../factories";
import { createTestDatabase, testDialect, type TestDatabase } from "../support/test-db";

/**
 * After its own write an app server reads the content versions that write bumped (server/app.ts), so
 * its next page is never one from before the write. On PostgreSQL that read is a query; writes that end
 * together share reads, and none of them is answered by a read that began before it asked.
 */
describe.skipIf(testDialect() !== "postgres")("reading the content versions after a write (PostgreSQL)", () => {
  let test: TestDatabase;
  let versions: ContentVersions;
  const reads: string[] = [];
  let answersHeld: Promise<void> | null = null;
  const query = pg.Pool.prototype.query;
  beforeAll(async () => {
    test = await createTestDatabase();
    versions = new ContentVersions(test.databaseUrl);
    await versions.ready();
    // Counts the version reads every pool in this process makes (the source's own pool among them).
    pg.Pool.prototype.query = function (this: pg.Pool, ...args: unknown[]) {
      const result = (query as (...a: unknown[]) => Promise<unknown>).apply(this, args);
      // The read is a named statement: its text comes in the query's config.
      const text = typeof args[0] === "string" ? args[0] : (args[0] as { text?: unknown } | undefined)?.text;
      if (typeof text !== "string" || !text.includes("from content_version where version >")) return result;
      reads.push(text);
      // A held answer stands for a read the database answered before a write committed.
      const held = answersHeld;
      return held ? held.then(() => result) : result;
    } as typeof query;
  });
  afterAll(async () => {
    pg.Pool.prototype.query = query;
    await versions?.close();
    await test?.close();
  });

  const storedVersion = async (key: string) =>
    Number((await test.db.selectFrom("content_version").select("version").where("key", "=", key).executeTakeFirstOrThrow()).version);

  it("makes three reads for eight writers that ask at once, and each learns of its own write", async () => {
    const article = await makeArticle(test.db);
    const author = await makeUser(test.db);
    const key = `article:${article.id}`;
    await versions.refresh();
    reads.length = 0;
    const committed: number[] = [];
    for (let i = 0; i < 8; i++) {
      await makeComment(test.db, { articleId: article.id, authorId: author.id });
      committed.push(await storedVersion(key));
    }
    const asked = committed.map(async (version) => {
      await versions.refresh();
      return versions.versionOf(key) >= version;
    });
    expect(await Promise.all(asked)).toEqual(committed.map(() => true));
    // Two at once, on the pool's two connections; the other six share the one that follows.
    expect(reads).toHaveLength(3);
  });

  it("answers a writer who asks while reads are under way with a read that begins after it asked", async () => {
    const article = await makeArticle(test.db);
    const author = await makeUser(test.db);
    const key = `article:${article.id}`;
    reads.length = 0;
    let release!: () => void;
    answersHeld = new Promise((ok) => (release = ok));
    const early = [versions.refresh(), versions.refresh()];
    answersHeld = null;
    await makeComment(test.db, { articleId: article.id, authorId: author.id });
    const version = await storedVersion(key);
    let learnt = false;
    const late = versions.refresh().then(() => (learnt = versions.versionOf(key) >= version));
    expect(reads).toHaveLength(2);
    release();
    await Promise.all([...early, late]);
    expect(reads).toHaveLength(3);
    expect(learnt).toBe(true);
  });

  it("learns when a story just scheduled goes live from the same read that learns of its version", async () => {
    const at = new Date(Date.now() + 3 * 3_600_000).toISOString();
    const scheduled = await makeArticle(test.db, { status: "scheduled", publishedAt: at });
    reads.length = 0;
    await versions.refresh();
    expect(reads).toHaveLength(1);
    expect(reads[0]).toContain("status = 'scheduled'");
    expect(versions.versionOf(`article:${scheduled.id}`)).toBe(await storedVersion(`article:${scheduled.id}`));
    // Never later than the story's time (sooner while a change heard meanwhile is being read), then exactly it.
    expect(versions.nextScheduledAt()).toBeLessThanOrEqual(Date.parse(at));
    await vi.waitFor(() => expect(versions.nextScheduledAt()).toBe(Date.parse(at)));
  });
  it("takes a story's change heard while a read runs as settled by that read when the read holds it", async () => {
    const at = new Date(Date.now() + 3_600_000).toISOString();
    await makeArticle(test.db, { status: "scheduled", publishedAt: at });
    await versions.refresh();
    await vi.waitFor(() => expect(versions.nextScheduledAt()).toBe(Date.parse(at)));
    const article = await makeArticle(test.db);
    const author = await makeUser(test.db);
    const key = `article:${article.id}`;
    await versions.refresh();
    // The comment's notification is held back until the read below is under way.
    const held: unknown[][] = [];
    const emit = pg.Client.prototype.emit;
    pg.Client.prototype.emit = function (this: pg.Client, event: string | symbol, ...args: unknown[]) {
      if (event !== "notification") return emit.call(this, event, ...args);
      held.push([this, event, ...args]);
      return true;
    } as typeof emit;
    try {
      await makeComment(test.db, { articleId: article.id, authorId: author.id });
      const version = await storedVersion(key);
      await vi.waitFor(() => expect(held.length).toBeGreaterThan(0));
      expect(versions.versionOf(key)).toBeLessThan(version);
      // The read's snapshot holds the comment (committed before it began); its answer arrives only after
      // the notification of that same comment has been heard.
      let release!: () => void;
      answersHeld = new Promise((ok) => (release = ok));
      const read = versions.refresh();
      answersHeld = null;
      pg.Client.prototype.emit = emit;
      for (const [client, event, ...args] of held) emit.call(client as pg.Client, event as string, ...args);
      expect(versions.versionOf(key)).toBe(version);
      release();
      await read;
    } finally {
      pg.Client.prototype.emit = emit;
    }
    // Nothing left to settle: pages made now keep until the next story goes live, not expire at once.
    expect(versions.nextScheduledAt()).toBe(Date.parse(at));
  });
});
