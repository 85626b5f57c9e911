import { describe, expect, it } from "vitest";
import { createDatabase } from "../../db/database";
import { migrateToLatest, migrations } from "../../db/migrate";
import { searchPublicArticles } from "../../app/models/article/reading.server";
import { createTestDatabaseUrl, testDialect } from "../support/test-db";

// On PostgreSQL the stories already there are indexed by 0008 and their text put right by 0017.
describe(`migration 0003-newsroom (${testDialect()})`, () => {
  it("indexes the stories a site already has, so search finds them at once", async () => {
    const fresh = await createTestDatabaseUrl({ migrated: false });
    const db = createDatabase(fresh.databaseUrl);
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < "0003"));
    await migrateToLatest(db, before);
    const at = "2026-01-01T09:00:00.000Z";
    await db
      .insertInto("article")
      .values({
        slug: "old-story",
        headline: "Lifeboat crew honoured",
        summary: "Medals for the volunteers.",
        body_source: "",
        body_html: "<p>The <strong>coxswain</strong> &amp; crew were honoured.</p>",
        author_id: null,
        status: "published",
        published_at: at,
        comments_open: 1,
        comment_count: 0,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await migrateToLatest(db);
    const results = await searchPublicArticles(db, "coxswain crew");
    expect(results.hits.map((h) => h.slug)).toEqual(["old-story"]);
    expect(results.hits[0]!.snippetHtml).toContain("<mark>coxswain</mark> &amp; <mark>crew</mark>");
    await db.destroy();
    await fresh.drop();
  });
});
