import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../db/database";
import { createTestDatabaseUrl, testDialect, type EmptyTestDatabase } from "../support/test-db";

// The import as run from the command line (npm run import's own settings), on a generated export.
const dir = mkdtempSync(join(tmpdir(), "parley-import-large-"));
let database: EmptyTestDatabase;
beforeAll(async () => {
  database = await createTestDatabaseUrl();
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await database.drop();
});

// PostgreSQL takes a round trip for each statement, and each comment has its own savepoint: 50,000
// comments took about 300 s there on a busy 2-core machine (SQLite: about 70 s), so on PostgreSQL the
// same run is checked with 10,000 (twenty stories of 500 comments, read one at a time as with 50,000).
const COMMENTS = testDialect() === "postgres" ? 10_000 : 50_000;
const shown = COMMENTS.toLocaleString("en-GB");

describe(`importing a large WordPress export (${testDialect()})`, () => {
  it(`imports ${shown} comments with its peak memory under 300 MB, and a second run adds nothing`, { timeout: 600_000 }, async () => {
    const file = join(dir, "big.wxr.xml");
    execFileSync("npx", ["tsx", "scripts/generate-wxr.ts", file, String(COMMENTS)]);
    const env = { ...process.env, DATABASE_URL: database.databaseUrl };
    const run = () => spawnSync("npm", ["run", "--silent", "import", "--", "wordpress", file], { env, encoding: "utf8" });
    const first = run();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`comments: +${COMMENTS} created`));
    const peak = Number(/Peak memory: (\d+) MB/.exec(first.stdout)![1]);
    console.info(`${shown}-comment import: ${/in ([\d.]+) s/.exec(first.stdout)![1]} s, peak memory ${peak} MB`);
    expect(peak).toBeLessThan(300);
    const second = run();
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toMatch(new RegExp(`comments: +0 created, ${COMMENTS} already here`));
    const db = createDatabase(env.DATABASE_URL);
    const row = await db.selectFrom("comment").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(row.n)).toBe(COMMENTS);
    const deepest = await db.selectFrom("comment").select((eb) => eb.fn.max("depth").as("d")).executeTakeFirstOrThrow();
    expect(Number(deepest.d)).toBe(5);
    await db.destroy();
  });
});
