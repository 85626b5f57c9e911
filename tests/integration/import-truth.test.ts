import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { importWordPress } from "../../app/models/import/wordpress.server";
import type { ImportSummary } from "../../app/models/import/import-run";
import { createTestDatabase, testDialect, type TestDatabase } from "../support/test-db";

// What an import run says it did, held against what the database holds afterwards (issue 28, part 6).
const dir = mkdtempSync(join(tmpdir(), "parley-import-truth-"));
const opened: TestDatabase[] = [];
afterAll(async () => {
  for (const database of opened) await database.close();
});

async function freshDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  opened.push(database);
  return database;
}

interface TestComment {
  id: string;
  parent?: string;
  body: string;
  minute: number;
}

function wxrComment(c: TestComment): string {
  return `    <wp:comment>
      <wp:comment_id>${c.id}</wp:comment_id>
      <wp:comment_author><![CDATA[Resident ${c.id.slice(-2)}]]></wp:comment_author>
      <wp:comment_author_email><![CDATA[resident${c.id.slice(-2)}@skerrin.example]]></wp:comment_author_email>
      <wp:comment_date_gmt><![CDATA[2013-03-26 11:${String(c.minute).padStart(2, "0")}:00]]></wp:comment_date_gmt>
      <wp:comment_content><![CDATA[${c.body}]]></wp:comment_content>
      <wp:comment_approved><![CDATA[1]]></wp:comment_approved>
      <wp:comment_type><![CDATA[comment]]></wp:comment_type>
      <wp:comment_parent>${c.parent ?? "0"}</wp:comment_parent>
      <wp:comment_user_id>0</wp:comment_user_id>
    </wp:comment>`;
}

function harbourWallExport(comments: TestComment[]): string {
  return `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>The Skerrin Gazette</title>
  <link>https://gazette.skerrin.example</link>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>https://gazette.skerrin.example</wp:base_site_url>
  <item>
    <title><![CDATA[Harbour wall repairs begin]]></title>
    <link>https://gazette.skerrin.example/2013/03/26/harbour-wall-repairs/</link>
    <dc:creator><![CDATA[ailsa]]></dc:creator>
    <content:encoded><![CDATA[<p>Work on the harbour wall starts on Monday.</p>]]></content:encoded>
    <wp:post_id>601</wp:post_id>
    <wp:post_date_gmt><![CDATA[2013-03-26 10:00:00]]></wp:post_date_gmt>
    <wp:post_name><![CDATA[harbour-wall-repairs]]></wp:post_name>
    <wp:status><![CDATA[publish]]></wp:status>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    <category domain="category" nicename="harbour"><![CDATA[Harbour]]></category>
${comments.map(wxrComment).join("\n")}
  </item>
</channel>
</rss>
`;
}

const FIVE_WITH_AN_IMPOSSIBLE_ID: TestComment[] = [
  { id: "6001", body: "About time the wall was mended.", minute: 1 },
  { id: "6002", parent: "6001", body: "It has been crumbling since the storm.", minute: 2 },
  { id: "99999999999999999999", body: "A comment whose id no database can keep.", minute: 3 },
  { id: "6004", parent: "6002", body: "The storm of 2012, yes.", minute: 4 },
  { id: "6005", body: "Will the slipway stay open?", minute: 5 },
];

async function count(database: TestDatabase, table: "article" | "comment" | "user" | "category"): Promise<number> {
  const row = await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The summary's "created" counts are what the database holds: it was empty before the run. */
async function expectSummaryToMatchDatabase(database: TestDatabase, summary: ImportSummary): Promise<void> {
  expect({
    story: summary.counts.story.created,
    comment: summary.counts.comment.created,
    account: summary.counts.account.created,
    category: summary.counts.category.created,
  }).toEqual({
    story: await count(database, "article"),
    comment: await count(database, "comment"),
    account: await count(database, "user"),
    category: await count(database, "category"),
  });
}

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split("\n").length;
}

function createdInLog(log: string, kind: string): string[] {
  return log
    .split("\n")
    .map((line) => line.split("\t"))
    .filter((fields) => fields[1] === kind && fields[3] === "created")
    .map((fields) => fields[2]!);
}

describe(`an import's summary and log are the truth (${testDialect()})`, () => {
  it("lets a comment with an impossible id fail alone, on its own line, and counts only what was written", async () => {
    const database = await freshDatabase();
    const text = harbourWallExport(FIVE_WITH_AN_IMPOSSIBLE_ID);
    const file = join(dir, "impossible-id.xml");
    const logPath = join(dir, "impossible-id.log");
    writeFileSync(file, text);

    const summary = await importWordPress(database.db, file, { logPath });

    expect(summary.counts.story).toMatchObject({ created: 1, bad: 0 });
    expect(summary.counts.comment).toMatchObject({ created: 4, bad: 1 });
    expect(summary.counts.record.bad).toBe(0);
    await expectSummaryToMatchDatabase(database, summary);
    const badLine = lineOf(text, "<wp:comment_id>99999999999999999999") - 1;
    expect(text.split("\n")[badLine - 1]).toContain("<wp:comment>");
    expect(summary.problems).toEqual([expect.stringMatching(new RegExp(`^line ${badLine}: comment 99999999999999999999: .*id`))]);

    const story = await database.db.selectFrom("article").select(["id", "comment_count"]).where("slug", "=", "harbour-wall-repairs").executeTakeFirstOrThrow();
    expect(story.comment_count).toBe(4);
    const kept = await database.db.selectFrom("comment").select(["id", "parent_id", "depth"]).where("article_id", "=", story.id).orderBy("path").execute();
    expect(kept.map((c) => c.depth)).toEqual([0, 1, 2, 0]);

    // Every comment the log calls created is in the database, and no other.
    const log = readFileSync(logPath, "utf8");
    const linked = await database.db.selectFrom("import_link").select("external_id").where("kind", "=", "comment").execute();
    expect(createdInLog(log, "comment").sort()).toEqual(linked.map((l) => l.external_id).sort());
    expect(createdInLog(log, "comment").sort()).toEqual(["6001", "6002", "6004", "6005"]);
  });

  it("lets a comment the database refuses fail alone with the database's reason; the rest of the post's comments stay", async () => {
    const database = await freshDatabase();
    // Stands for any refusal at write time (a constraint, a trigger, a value out of range).
    if (database.dialect === "postgres") {
      await sql`create function refuse_marked_comment() returns trigger language plpgsql as $$
        begin if new.body_source like '%REFUSE ME%' then raise exception 'refused by the test trigger'; end if; return new; end $$`.execute(database.db);
      await sql`create trigger refuse_marked_comment before insert on comment for each row execute function refuse_marked_comment()`.execute(database.db);
    } else {
      await sql`create trigger refuse_marked_comment before insert on comment when new.body_source like '%REFUSE ME%'
        begin select raise(abort, 'refused by the test trigger'); end`.execute(database.db);
    }
    const comments = FIVE_WITH_AN_IMPOSSIBLE_ID.map((c) => (c.id.length > 10 ? { ...c, id: "6003", body: "REFUSE ME, please." } : c));
    const text = harbourWallExport(comments);
    const file = join(dir, "refused.xml");
    const logPath = join(dir, "refused.log");
    writeFileSync(file, text);

    const summary = await importWordPress(database.db, file, { logPath });

    expect(summary.counts.comment).toMatchObject({ created: 4, bad: 1 });
    await expectSummaryToMatchDatabase(database, summary);
    const badLine = lineOf(text, "<wp:comment_id>6003") - 1;
    expect(summary.problems).toEqual([expect.stringMatching(new RegExp(`^line ${badLine}: comment 6003: .*refused by the test trigger`))]);
    const story = await database.db.selectFrom("article").select("comment_count").executeTakeFirstOrThrow();
    expect(story.comment_count).toBe(4);
    expect(createdInLog(readFileSync(logPath, "utf8"), "comment").sort()).toEqual(["6001", "6002", "6004", "6005"]);

    // Running it again after the cause is gone adds just the comment that failed.
    await sql`drop trigger refuse_marked_comment${sql.raw(database.dialect === "postgres" ? " on comment" : "")}`.execute(database.db);
    const again = await importWordPress(database.db, file);
    expect(again.counts.comment).toMatchObject({ created: 1, matched: 4, bad: 0 });
    expect(await count(database, "comment")).toBe(5);
  });

  it("lets a comment whose author's account cannot be made fail alone, on its own line", async () => {
    const database = await freshDatabase();
    if (database.dialect === "postgres") {
      await sql`create function refuse_marked_account() returns trigger language plpgsql as $$
        begin if new.email = 'resident05@skerrin.example' then raise exception 'account refused by the test trigger'; end if; return new; end $$`.execute(database.db);
      await sql`create trigger refuse_marked_account before insert on "user" for each row execute function refuse_marked_account()`.execute(database.db);
    } else {
      await sql`create trigger refuse_marked_account before insert on "user" when new.email = 'resident05@skerrin.example'
        begin select raise(abort, 'account refused by the test trigger'); end`.execute(database.db);
    }
    const comments = FIVE_WITH_AN_IMPOSSIBLE_ID.map((c) => (c.id.length > 10 ? { ...c, id: "6003" } : c));
    const text = harbourWallExport(comments);
    const file = join(dir, "account-refused.xml");
    writeFileSync(file, text);

    const summary = await importWordPress(database.db, file, { logPath: join(dir, "account-refused.log") });

    expect(summary.counts.comment).toMatchObject({ created: 4, bad: 1 });
    expect(summary.counts.record.bad).toBe(0);
    await expectSummaryToMatchDatabase(database, summary);
    const badLine = lineOf(text, "<wp:comment_id>6005") - 1;
    expect(summary.problems).toEqual([expect.stringMatching(new RegExp(`^line ${badLine}: comment 6005: its author's account: .*account refused by the test trigger`))]);
  });
});
