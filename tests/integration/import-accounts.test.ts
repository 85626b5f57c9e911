import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { importDisqus } from "../../app/models/import/disqus.server";
import { importWordPress } from "../../app/models/import/wordpress.server";
import { makeUser } from "../factories";
import { createTestDatabase, testDialect, type TestDatabase } from "../support/test-db";

// Imports never attach old comments to an account by an address nobody verified (issue 28, part 5).
const execFileAsync = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "parley-import-accounts-"));
const opened: TestDatabase[] = [];
afterAll(async () => {
  for (const database of opened) await database.close();
});

interface Commenter {
  id: string;
  name: string;
  email: string;
  userId?: string;
}

const COMMENTERS: Commenter[] = [
  // A guest who typed the admin's address: WordPress never checked it.
  { id: "8001", name: "Anyone At All", email: "admin@skerrin.example" },
  // A guest who typed a resident's address.
  { id: "8002", name: "Morven S", email: "morven.sinclair@skerrin.example" },
  // The same new guest twice: one account, claimable by the address's owner.
  { id: "8003", name: "Isla Gunn", email: "isla.gunn@skerrin.example" },
  { id: "8004", name: "Isla Gunn", email: "ISLA.GUNN@skerrin.example" },
  // The site's own users, signed in on WordPress when they wrote.
  { id: "8005", name: "Morven Sinclair", email: "morven.sinclair@skerrin.example", userId: "7" },
  { id: "8006", name: "Sam Okonedo", email: "admin@skerrin.example", userId: "5" },
  // A user id with no wp:author behind it is a guest like any other.
  { id: "8007", name: "Not The Admin", email: "admin@skerrin.example", userId: "99" },
];

function wxr(commenters: Commenter[]): string {
  const comments = commenters.map(
    (c, i) => `    <wp:comment>
      <wp:comment_id>${c.id}</wp:comment_id>
      <wp:comment_author><![CDATA[${c.name}]]></wp:comment_author>
      <wp:comment_author_email><![CDATA[${c.email}]]></wp:comment_author_email>
      <wp:comment_date_gmt><![CDATA[2019-05-14 10:${String(i + 10)}:00]]></wp:comment_date_gmt>
      <wp:comment_content><![CDATA[Comment ${c.id} on the ferry.]]></wp:comment_content>
      <wp:comment_approved><![CDATA[1]]></wp:comment_approved>
      <wp:comment_type><![CDATA[comment]]></wp:comment_type>
      <wp:comment_parent>0</wp:comment_parent>
      <wp:comment_user_id>${c.userId ?? "0"}</wp:comment_user_id>
    </wp:comment>`,
  );
  return `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>The Skerrin Gazette</title>
  <link>https://gazette.skerrin.example</link>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>https://gazette.skerrin.example</wp:base_site_url>
  <wp:author><wp:author_id>5</wp:author_id><wp:author_login><![CDATA[sam]]></wp:author_login><wp:author_email><![CDATA[admin@skerrin.example]]></wp:author_email><wp:author_display_name><![CDATA[Sam Okonedo]]></wp:author_display_name></wp:author>
  <wp:author><wp:author_id>7</wp:author_id><wp:author_login><![CDATA[morven]]></wp:author_login><wp:author_email><![CDATA[Morven.Sinclair@skerrin.example]]></wp:author_email><wp:author_display_name><![CDATA[Morven Sinclair]]></wp:author_display_name></wp:author>
  <item>
    <title><![CDATA[Ferry timetable changes]]></title>
    <link>https://gazette.skerrin.example/2019/05/14/ferry-timetable-changes/</link>
    <dc:creator><![CDATA[sam]]></dc:creator>
    <content:encoded><![CDATA[<p>The 08:15 sailing moves.</p>]]></content:encoded>
    <wp:post_id>701</wp:post_id>
    <wp:post_date_gmt><![CDATA[2019-05-14 08:00:00]]></wp:post_date_gmt>
    <wp:post_name><![CDATA[ferry-timetable-changes]]></wp:post_name>
    <wp:status><![CDATA[publish]]></wp:status>
    <wp:post_type><![CDATA[post]]></wp:post_type>
${comments.join("\n")}
  </item>
</channel>
</rss>
`;
}

const DISQUS = `<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
  <thread dsq:id="t1">
    <id>701 https://gazette.skerrin.example/?p=701</id>
    <forum>skerrin-gazette</forum>
    <link>https://gazette.skerrin.example/2019/05/14/ferry-timetable-changes/</link>
    <title>Ferry timetable changes</title>
  </thread>
  <post dsq:id="d1"><id/><message><![CDATA[<p>Disqus post typed with the admin's address.</p>]]></message><createdAt>2019-05-15T10:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam><author><email>admin@skerrin.example</email><name>Sam Okonedo</name><isAnonymous>false</isAnonymous></author><thread dsq:id="t1"/></post>
  <post dsq:id="d2"><id/><message><![CDATA[<p>Disqus post typed with a resident's address.</p>]]></message><createdAt>2019-05-15T10:01:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam><author><email>morven.sinclair@skerrin.example</email><name>Morven Sinclair</name><isAnonymous>false</isAnonymous></author><thread dsq:id="t1"/></post>
  <post dsq:id="d3"><id/><message><![CDATA[<p>Isla again, on Disqus.</p>]]></message><createdAt>2019-05-15T10:02:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam><author><email>isla.gunn@skerrin.example</email><name>Isla Gunn</name><isAnonymous>false</isAnonymous></author><thread dsq:id="t1"/></post>
</disqus>
`;

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** A site with its admin and a resident who signed up and confirmed their address. */
async function siteWithAccounts() {
  const database = await createTestDatabase();
  opened.push(database);
  const admin = await makeUser(database.db, { email: "admin@skerrin.example", displayName: "Sam Okonedo", role: "admin", passwordHash: "hash" });
  const morven = await makeUser(database.db, { email: "morven.sinclair@skerrin.example", displayName: "Morven Sinclair", passwordHash: "hash" });
  return { database, admin, morven };
}

async function authorOf(database: TestDatabase, wordpressId: string) {
  return database.db
    .selectFrom("import_link")
    .innerJoin("comment", "comment.id", "import_link.local_id")
    .innerJoin("user", "user.id", "comment.author_id")
    .select(["user.id", "user.email", "user.display_name", "user.role", "user.password_hash"])
    .where("import_link.kind", "=", "comment")
    .where("import_link.external_id", "=", wordpressId)
    .executeTakeFirstOrThrow();
}

async function userCount(database: TestDatabase): Promise<number> {
  const row = await database.db.selectFrom("user").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe(`whose account an imported comment joins (${testDialect()})`, () => {
  it("never attaches a guest's comment to an account here by the address they typed, and keeps one claimable account per new address", async () => {
    const { database, admin, morven } = await siteWithAccounts();
    const log = join(dir, "guests.log");
    const summary = await importWordPress(database.db, file("guests.xml", wxr(COMMENTERS)), { logPath: log });
    expect(summary.counts.comment).toMatchObject({ created: 7, bad: 0 });

    const anyone = await authorOf(database, "8001");
    expect(anyone.id).not.toBe(admin.id);
    expect(anyone).toMatchObject({ display_name: "Anyone At All", email: null, role: "resident", password_hash: null });
    const notMorven = await authorOf(database, "8002");
    expect(notMorven.id).not.toBe(morven.id);
    expect(notMorven).toMatchObject({ email: null, password_hash: null });
    expect((await authorOf(database, "8007")).id).not.toBe(admin.id);

    const isla = [await authorOf(database, "8003"), await authorOf(database, "8004")];
    expect(isla[1]!.id).toBe(isla[0]!.id);
    expect(isla[0]).toMatchObject({ display_name: "Isla Gunn", email: "isla.gunn@skerrin.example", password_hash: null });

    // The site's own WordPress user is matched to the resident with that address.
    expect((await authorOf(database, "8005")).id).toBe(morven.id);
    // ... but never to a staff account unless the operator says so: the comment and the story get an account of their own.
    const sam = await authorOf(database, "8006");
    expect(sam.id).not.toBe(admin.id);
    expect(sam).toMatchObject({ email: null, password_hash: null });
    const story = await database.db.selectFrom("article").select("author_id").executeTakeFirstOrThrow();
    expect(story.author_id).not.toBe(admin.id);
    expect(story.author_id).toBe(sam.id);

    // Nothing the admin or the resident holds was touched.
    const adminComments = await database.db.selectFrom("comment").select("id").where("author_id", "in", [admin.id, morven.id]).execute();
    expect(adminComments).toHaveLength(1); // 8005, Morven's own as a WordPress user
    expect(readFileSync(log, "utf8")).toMatch(/\taccount\tAnyone At All\tnote\ttyped an address that an account here holds; nobody verified it/);
    expect(readFileSync(log, "utf8")).toMatch(/\taccount\tSam Okonedo\tnote\t.*staff account.*--match-staff/);

    // Running it again matches every account: none is made twice.
    const users = await userCount(database);
    const again = await importWordPress(database.db, join(dir, "guests.xml"));
    expect(again.counts.comment).toMatchObject({ created: 0, matched: 7 });
    expect(await userCount(database)).toBe(users);

    // A newer export with a new comment by the same guests lands on the same accounts, never the admin's.
    const newer = wxr([...COMMENTERS, { id: "8008", name: "Anyone At All", email: "admin@skerrin.example" }, { id: "8009", name: "Isla Gunn", email: "isla.gunn@skerrin.example" }]);
    await importWordPress(database.db, file("guests-newer.xml", newer));
    expect((await authorOf(database, "8008")).id).toBe(anyone.id);
    expect((await authorOf(database, "8009")).id).toBe(isla[0]!.id);
    expect(await userCount(database)).toBe(users);
  });

  it("gives every Disqus post a guest's account: never the admin's or a resident's, and the same unclaimed account as the WordPress guest of that address", async () => {
    const { database, admin, morven } = await siteWithAccounts();
    await importWordPress(database.db, file("before-disqus.xml", wxr(COMMENTERS)));
    const islaFromWordPress = await authorOf(database, "8003");

    const summary = await importDisqus(database.db, file("disqus.xml", DISQUS), { logPath: join(dir, "disqus.log") });
    expect(summary.counts.comment).toMatchObject({ created: 3, bad: 0 });
    const byPost = async (id: string) => {
      const row = await database.db
        .selectFrom("import_link")
        .innerJoin("comment", "comment.id", "import_link.local_id")
        .select("comment.author_id")
        .where("import_link.source", "=", "disqus:skerrin-gazette")
        .where("import_link.external_id", "=", id)
        .executeTakeFirstOrThrow();
      return row.author_id;
    };
    expect(await byPost("d1")).not.toBe(admin.id);
    expect(await byPost("d2")).not.toBe(morven.id);
    expect(await byPost("d3")).toBe(islaFromWordPress.id);
    const staffComments = await database.db.selectFrom("comment").select("id").where("author_id", "=", admin.id).execute();
    expect(staffComments).toEqual([]);
  });

  it("matches the site's own user to a staff account only when the operator names it with --match-staff", { timeout: 120_000 }, async () => {
    const { database, admin } = await siteWithAccounts();
    const xml = file("match-staff.xml", wxr(COMMENTERS));
    const importCli = async (...args: string[]) => {
      try {
        const { stdout, stderr } = await execFileAsync(resolve("node_modules/.bin/tsx"), ["db/import-cli.ts", ...args], {
          env: { ...process.env, DATABASE_URL: database.databaseUrl },
        });
        return { code: 0, stdout, stderr };
      } catch (error) {
        const e = error as { code: number; stdout: string; stderr: string };
        return { code: e.code, stdout: e.stdout, stderr: e.stderr };
      }
    };
    const refused = await importCli("wordpress", xml, "--match-staff", "not-an-address");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--match-staff takes email addresses; "not-an-address" is not one/);

    const run = await importCli("wordpress", xml, "--match-staff", "admin@skerrin.example", "--log", join(dir, "match-staff.log"));
    expect(run.code).toBe(0);
    // The admin's own WordPress user, and its story, are the admin's now; guests who typed the address are not.
    expect((await authorOf(database, "8006")).id).toBe(admin.id);
    const story = await database.db.selectFrom("article").select("author_id").executeTakeFirstOrThrow();
    expect(story.author_id).toBe(admin.id);
    expect((await authorOf(database, "8001")).id).not.toBe(admin.id);
    expect((await authorOf(database, "8007")).id).not.toBe(admin.id);
  });
});
