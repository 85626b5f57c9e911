import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../db/database";

// The import as run from the command line (npm run import's own settings), on a generated export.
const dir = mkdtempSync(join(tmpdir(), "parley-import-large-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("importing a large WordPress export", () => {
  it("imports 50,000 comments with its peak memory under 300 MB, and a second run adds nothing", { timeout: 600_000 }, async () => {
    const file = join(dir, "big.wxr.xml");
    execFileSync("npx", ["tsx", "scripts/generate-wxr.ts", file, "50000"]);
    const env = { ...process.env, DATABASE_URL: join(dir, "big.db") };
    const run = () => spawnSync("npm", ["run", "--silent", "import", "--", "wordpress", file], { env, encoding: "utf8" });
    const first = run();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/comments: +50000 created/);
    const peak = Number(/Peak memory: (\d+) MB/.exec(first.stdout)![1]);
    console.info(`50,000-comment import: ${/in ([\d.]+) s/.exec(first.stdout)![1]} s, peak memory ${peak} MB`);
    expect(peak).toBeLessThan(300);
    const second = run();
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/comments: +0 created, 50000 already here/);
    const db = createDatabase(env.DATABASE_URL);
    const row = await db.selectFrom("comment").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(row.n)).toBe(50_000);
    const deepest = await db.selectFrom("comment").select((eb) => eb.fn.max("depth").as("d")).executeTakeFirstOrThrow();
    expect(Number(deepest.d)).toBe(5);
    await db.destroy();
  });
});
