import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../db/database";
import { importWordPress } from "../../app/models/import/wordpress.server";
import { createTestDatabase, testDialect, type TestDatabase } from "../support/test-db";

const dir = mkdtempSync(join(tmpdir(), "parley-import-races-"));
// Many small stories, so the runs meet on the same post many times: 80 stories of 4 comments.
const FIXTURE = join(dir, "many-stories.wxr.xml");
execFileSync(process.execPath, ["--import", "tsx", "scripts/generate-wxr.ts", FIXTURE, "320", "4"]);
const opened: TestDatabase[] = [];
afterAll(async () => {
  for (const database of opened) await database.close();
});

async function counts(database: TestDatabase) {
  const result: Record<string, number> = {};
  for (const table of ["article", "comment", "import_link", "legacy_address", "category"] as const) {
    const row = await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    result[table] = Number(row.n);
  }
  return result;
}

describe(`two imports of one file at the same time (${testDialect()})`, () => {
  it("bring each story and comment in once, as a single run does", { timeout: 60_000 }, async () => {
    const alone = await createTestDatabase();
    opened.push(alone);
    const single = await importWordPress(alone.db, FIXTURE, { logPath: join(dir, "alone.log") });
    const bad = (summary: typeof single) => Object.values(summary.counts).reduce((sum, kind) => sum + (kind.bad ?? 0), 0);
    expect(bad(single)).toBe(0);

    const together = await createTestDatabase();
    opened.push(together);
    // PostgreSQL: two connection pools, as two `npm run import` processes would have. SQLite: one
    // handle, whose transactions take turns (two processes would wait on the file's write lock).
    const second = testDialect() === "postgres" ? createDatabase(together.databaseUrl) : together.db;
    try {
      const [first, other] = await Promise.all([
        importWordPress(together.db, FIXTURE, { logPath: join(dir, "first.log") }),
        importWordPress(second, FIXTURE, { logPath: join(dir, "second.log") }),
      ]);
      expect(await counts(together)).toEqual(await counts(alone));
      // Between them the two runs created each story once; the other run matched it.
      // Neither run reports a record as bad because the other one was busy with it.
      expect([bad(first), bad(other)]).toEqual([0, 0]);
      expect((first.counts.story.created ?? 0) + (other.counts.story.created ?? 0)).toBe((await counts(alone)).article);
    } finally {
      if (second !== together.db) await second.destroy();
    }
  });
});
