import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../db/database";
import { createTestDatabaseUrl, testDialect, type EmptyTestDatabase } from "../support/test-db";

// `npm run import` as an operator runs it: a child process, its exit code, what it prints.
const execFileAsync = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "parley-import-cli-"));
const WXR = "tests/fixtures/import/skerrin-gazette.wxr.xml";
const DISQUS = "tests/fixtures/import/skerrin-disqus.xml";
const databases: EmptyTestDatabase[] = [];
afterAll(async () => {
  for (const database of databases) await database.drop();
});

async function freshDatabaseUrl(): Promise<string> {
  const database = await createTestDatabaseUrl();
  databases.push(database);
  return database.databaseUrl;
}

async function importCli(databaseUrl: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await execFileAsync(resolve("node_modules/.bin/tsx"), ["db/import-cli.ts", ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function storiesAndComments(databaseUrl: string): Promise<number> {
  const db = createDatabase(databaseUrl);
  try {
    const articles = await db.selectFrom("article").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const comments = await db.selectFrom("comment").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    return Number(articles.n) + Number(comments.n);
  } finally {
    await db.destroy();
  }
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const RSS_FEED = file(
  "feed.xml",
  `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>The Skerrin Gazette</title><link>https://gazette.skerrin.example</link>
<item><title>Ferry timetable changes</title><link>https://gazette.skerrin.example/2019/05/14/ferry-timetable-changes/</link><description>Parents say the 08:15 sailing misses the school bell.</description></item>
<item><title>Gala day</title><link>https://gazette.skerrin.example/?p=105</link><description>The lifeboat crew won the tug of war.</description></item>
</channel></rss>
`,
);
const UNRELATED = file("note.xml", `<?xml version="1.0"?>\n<note><to>Morven</to><body>The ferry is late again.</body></note>\n`);
const NOT_XML = file("posts.json", `{"posts": [{"title": "Ferry timetable changes"}]}\n`);

describe(`npm run import on a file of the wrong kind (${testDialect()})`, () => {
  it("stops at once with exit code 2 and a message naming what the file is, and imports nothing", { timeout: 120_000 }, async () => {
    const cases: { args: string[]; message: RegExp }[] = [
      { args: ["wordpress", UNRELATED], message: /not a WordPress export: its root element is <note>/ },
      { args: ["wordpress", DISQUS], message: /This is a Disqus export, not a WordPress one: import it with `npm run import -- disqus FILE`/ },
      { args: ["disqus", WXR], message: /This is a WordPress export, not a Disqus one: import it with `npm run import -- wordpress FILE`/ },
      { args: ["wordpress", RSS_FEED], message: /This is an RSS feed, not a WordPress export/ },
      { args: ["disqus", UNRELATED], message: /not a Disqus export: its root element is <note>/ },
      { args: ["disqus", NOT_XML], message: /This is not an XML file: it begins "\{"posts"/ },
    ];
    const urls = await Promise.all(cases.map(() => freshDatabaseUrl()));
    const results = await Promise.all(cases.map((c, i) => importCli(urls[i]!, ...c.args, "--log", join(dir, `wrong-${i}.log`))));
    for (const [i, result] of results.entries()) {
      expect({ args: cases[i]!.args, code: result.code }).toEqual({ args: cases[i]!.args, code: 2 });
      expect(result.stderr).toMatch(cases[i]!.message);
      expect(result.stderr).toMatch(/Nothing was imported\./);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(await storiesAndComments(urls[i]!)).toBe(0);
    }
  });

  it("says so when a WordPress export holds nothing it could import, and when everything is already here", { timeout: 120_000 }, async () => {
    const databaseUrl = await freshDatabaseUrl();
    const pagesOnly = file(
      "pages-only.xml",
      `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://gazette.skerrin.example</wp:base_site_url>
<item><title>About us</title><wp:post_id>2</wp:post_id><wp:post_type>page</wp:post_type><wp:status>publish</wp:status></item>
</channel></rss>
`,
    );
    const empty = await importCli(databaseUrl, "wordpress", pagesOnly);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toMatch(/1 × record skipped: a WordPress page, not a post/);
    expect(empty.stdout).toMatch(/Nothing was imported: the file holds no story or comment that could be imported/);

    const first = await importCli(databaseUrl, "wordpress", WXR, "--log", join(dir, "gazette.log"));
    expect(first.code).toBe(0);
    expect(first.stdout).not.toMatch(/Nothing/);
    const again = await importCli(databaseUrl, "wordpress", WXR, "--log", join(dir, "gazette.log"));
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Nothing new was imported: everything in the file that could be imported is already here\./);
  });
});

describe(`npm run import's log (${testDialect()})`, () => {
  it("keeps every run: each appends its lines under a header with its date and command", { timeout: 120_000 }, async () => {
    const databaseUrl = await freshDatabaseUrl();
    const log = join(dir, "kept.log");
    const before = new Date().toISOString().slice(0, 10);
    expect((await importCli(databaseUrl, "wordpress", WXR, "--log", log)).code).toBe(0);
    expect((await importCli(databaseUrl, "disqus", DISQUS, "--log", log)).code).toBe(0);

    const text = readFileSync(log, "utf8");
    const headers = text.split("\n").filter((line) => line.startsWith("# "));
    expect(headers).toEqual([
      expect.stringMatching(new RegExp(`^# ${before}T[\\d:.]+Z npm run import -- wordpress ${WXR} --log ${log}$`)),
      expect.stringMatching(new RegExp(`^# ${before}T[\\d:.]+Z npm run import -- disqus ${DISQUS} --log ${log}$`)),
    ]);
    const [first, second] = text.split(/^# .*$/m).slice(1);
    // The first run's reasons are still there after the second, each under its own run.
    expect(first).toMatch(/^line \d+\tcomment\t9213\tskipped\tspam$/m);
    expect(first).toMatch(/^line \d+\tcomment\t9217\tbad\tno date$/m);
    expect(second).not.toMatch(/\t9213\t/);
    expect(second).toMatch(/^line \d+\tcomment\t7001\tcreated\t$/m);
  });
});
