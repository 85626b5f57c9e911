import { describe, expect, it } from "vitest";
import { importDisqus } from "../../app/models/import/disqus.server";
import { importWordPress } from "../../app/models/import/wordpress.server";
import { freshDatabases, testDialect } from "../support/test-db";

const freshDatabase = freshDatabases();

describe(`importing a Disqus export (${testDialect()})`, () => {
  it("matches threads to imported stories by their old address, keeps replies under parents, leaves out spam and deleted posts, and runs twice safely", async () => {
    const db = await freshDatabase();
    await importWordPress(db, "tests/fixtures/import/skerrin-gazette.wxr.xml");
    const ferry = await db.selectFrom("article").select(["id", "comment_count"]).where("slug", "=", "ferry-timetable-changes").executeTakeFirstOrThrow();

    const summary = await importDisqus(db, "tests/fixtures/import/skerrin-disqus.xml");
    expect(summary.source).toBe("disqus:skerrin-gazette");
    expect(summary.counts.story).toMatchObject({ matched: 2, skipped: 1 });
    expect(summary.counts.comment).toMatchObject({ created: 3, skipped: 3 });
    expect(summary.reasons).toMatchObject({ "comment skipped: spam": 1, "comment skipped: deleted": 1, "comment skipped: its thread matches no story here": 1 });

    const seonaid = await db.selectFrom("comment").innerJoin("user", "user.id", "comment.author_id").select(["comment.id", "comment.body_html", "comment.depth", "comment.article_id"]).where("user.email", "=", "seonaid@skerrin.example").executeTakeFirstOrThrow();
    expect(seonaid).toMatchObject({ depth: 0, article_id: ferry.id });
    expect(seonaid.body_html).not.toMatch(/script|alert/);
    // The reply came first in the file; it waited for its parent.
    const calum = await db.selectFrom("comment").innerJoin("user", "user.id", "comment.author_id").select(["comment.parent_id", "comment.depth"]).where("user.email", "=", "calum.rae@skerrin.example").executeTakeFirstOrThrow();
    expect(calum).toEqual({ parent_id: seonaid.id, depth: 1 });
    const after = await db.selectFrom("article").select("comment_count").where("id", "=", ferry.id).executeTakeFirstOrThrow();
    expect(after.comment_count).toBe(ferry.comment_count + 2);

    const again = await importDisqus(db, "tests/fixtures/import/skerrin-disqus.xml");
    expect(again.counts.comment).toMatchObject({ created: 0, matched: 3 });
  });
});
