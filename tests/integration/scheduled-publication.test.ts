import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDatabase } from "../../db/database";
import { publishDueStories } from "../../app/models/article/publishing.server";
import { makeArticle } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";
import { createTestDatabase, type TestDatabase } from "../support/test-db";
import { useTestClock } from "../support/clock";
import { ContentVersions } from "../../server/content-versions";
import { ScheduledPublisher } from "../../server/scheduled-publisher";

/**
 * A scheduled story goes live at its time for readers whatever happens (isPublicAt), and at that time
 * one app server marks it published, so its content version and the lists' move and every server and
 * live stream hears of it from the database (issue 27, part 4).
 */
describe("publishing a scheduled story at its time", () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(async () => {
    await test?.close();
  });

  it("publishes a story once when four connections find it due at the same moment", async () => {
    const others = [createDatabase(test.databaseUrl), createDatabase(test.databaseUrl), createDatabase(test.databaseUrl)];
    try {
      for (let round = 0; round < 5; round++) {
        const story = await makeArticle(test.db, { status: "scheduled", publishedAt: new Date(Date.now() - 1000).toISOString() });
        const later = await makeArticle(test.db, { status: "scheduled", publishedAt: new Date(Date.now() + 3_600_000).toISOString() });
        const results = await Promise.all([test.db, ...others].map((db) => publishDueStories(db)));
        expect(results.flat().filter((id) => id === story.id), `round ${round}`).toHaveLength(1);
        expect(results.flat()).not.toContain(later.id);
        const rows = await test.db.selectFrom("article").select(["id", "status"]).where("id", "in", [story.id, later.id]).orderBy("id").execute();
        expect(rows.map((row) => row.status)).toEqual(["published", "scheduled"]);
      }
      // Nothing due: nothing written.
      expect(await publishDueStories(test.db)).toEqual([]);
    } finally {
      await Promise.all(others.map((db) => db.destroy()));
    }
  });

  it("publishes at start a story whose time came while no server ran", async () => {
    const story = await makeArticle(test.db, { status: "scheduled", publishedAt: new Date(Date.now() - 60_000).toISOString() });
    const versions = new ContentVersions(test.databaseUrl);
    await versions.ready();
    const publisher = new ScheduledPublisher(test.db, versions);
    try {
      await vi.waitFor(async () => {
        const row = await test.db.selectFrom("article").select("status").where("id", "=", story.id).executeTakeFirstOrThrow();
        expect(row.status).toBe("published");
      });
    } finally {
      publisher.stop();
      await versions.close();
    }
  });
});

describe("an app server at a scheduled story's time", () => {
  let app: TestServer;
  beforeAll(async () => {
    app = await startTestServer();
  });
  afterAll(async () => {
    await app?.close();
  });

  const versionOf = async (key: string) =>
    Number((await app.db.selectFrom("content_version").select("version").where("key", "=", key).executeTakeFirst())?.version ?? 0);

  it("publishes it on its own, moving the story's and the lists' versions, with no reader asking", async () => {
    // The clock stands still until the test moves it; the server's publisher keeps waking on real
    // timers, each time reading this clock, so it publishes only once the clock reaches the story's time.
    const clock = useTestClock();
    const at = clock.now() + 600;
    const story = await makeArticle(app.db, { headline: "On at its time", status: "scheduled", publishedAt: new Date(at).toISOString() });
    // One request: the server hears of the new story (on SQLite, at its next question to the file).
    expect((await app.request(`/articles/${story.slug}`)).status).toBe(404);
    const storyBefore = await versionOf(`article:${story.id}`);
    const listsBefore = await versionOf("lists");
    // Its publisher has looked (each look is at most the story's 600 ms away) and left it alone.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await app.db.selectFrom("article").select("status").where("id", "=", story.id).executeTakeFirstOrThrow()).status).toBe("scheduled");
    clock.set(at);
    await vi.waitFor(
      async () => {
        const row = await app.db.selectFrom("article").select("status").where("id", "=", story.id).executeTakeFirstOrThrow();
        expect(row.status).toBe("published");
      },
      { timeout: 10_000, interval: 100 },
    );
    expect(await versionOf(`article:${story.id}`)).toBeGreaterThan(storyBefore);
    expect(await versionOf("lists")).toBeGreaterThan(listsBefore);
    expect((await app.request(`/articles/${story.slug}`)).status).toBe(200);
  });
});
