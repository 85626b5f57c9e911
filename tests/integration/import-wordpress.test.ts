import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Kysely } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import { importWordPress } from "../../app/models/import/wordpress.server";
import { XmlSyntaxError } from "../../app/models/import/xml-records";
import { freshDatabases, testDialect } from "../support/test-db";

const FIXTURE = "tests/fixtures/import/skerrin-gazette.wxr.xml";
const dir = mkdtempSync(join(tmpdir(), "parley-import-"));
const freshDatabase = freshDatabases();

async function tableCounts(db: Kysely<Database>) {
  const counts: Record<string, number> = {};
  for (const table of ["article", "comment", "user", "category", "article_category", "import_link", "legacy_address"] as const) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** The comment the old site's comment `oldId` became here: old ids live in the import mapping alone. */
async function importedId(db: Kysely<Database>, oldId: number): Promise<number> {
  const link = await db
    .selectFrom("import_link")
    .select("local_id")
    .where("source", "=", "wordpress:https://gazette.skerrin.example")
    .where("kind", "=", "comment")
    .where("external_id", "=", String(oldId))
    .executeTakeFirstOrThrow();
  return link.local_id;
}

async function importedIds(db: Kysely<Database>, oldIds: number[]): Promise<number[]> {
  return Promise.all(oldIds.map((oldId) => importedId(db, oldId)));
}

describe(`importing a WordPress export (${testDialect()})`, () => {
  let db: Kysely<Database>;
  beforeAll(async () => {
    db = await freshDatabase();
  });

  it("turns posts into stories with their dates, statuses and both categories, and skips pages, attachments and trash", async () => {
    const summary = await importWordPress(db, FIXTURE, { logPath: join(dir, "first.log") });
    expect(summary.source).toBe("wordpress:https://gazette.skerrin.example");
    expect(summary.counts.story).toMatchObject({ created: 4, skipped: 1 });
    expect(summary.counts.record.skipped).toBe(2);
    const ferry = await db.selectFrom("article").selectAll().where("slug", "=", "ferry-timetable-changes").executeTakeFirstOrThrow();
    expect(ferry).toMatchObject({ status: "published", published_at: "2019-05-14T08:00:00.000Z", headline: "Ferry timetable change ‘will make pupils late’" });
    expect(ferry.summary).toBe("Parents say the 08:15 sailing misses the school bell.");
    const categories = await db
      .selectFrom("article_category")
      .innerJoin("category", "category.id", "article_category.category_id")
      .select("category.name")
      .where("article_id", "=", ferry.id)
      .orderBy("category.name")
      .execute();
    expect(categories.map((c) => c.name)).toEqual(["Ferry", "Schools", "Transport"]);
    const statuses = await db.selectFrom("article").select(["slug", "status"]).orderBy("id").execute();
    expect(statuses).toEqual([
      { slug: "ferry-timetable-changes", status: "published" },
      { slug: "harbour-wall-repairs-draft", status: "draft" },
      { slug: "gala-day-lifeboat", status: "published" },
      { slug: "council-budget-vote", status: "scheduled" },
    ]);
    const author = await db.selectFrom("user").selectAll().where("id", "=", ferry.author_id!).executeTakeFirstOrThrow();
    expect(author).toMatchObject({ display_name: "Ailsa Reid", role: "editor", password_hash: null, email_verified_at: null });
  });

  it("converts the HTML to Markdown and stores it through the sanitiser: scripts, handlers and javascript: links come out inert, embeds become links", async () => {
    const ferry = await db.selectFrom("article").selectAll().where("slug", "=", "ferry-timetable-changes").executeTakeFirstOrThrow();
    for (const html of [ferry.body_html, ferry.body_source]) {
      expect(html).not.toMatch(/<script|<iframe|onclick|onload|onmouseover|evil\.example/i);
    }
    expect(ferry.body_html).not.toContain("javascript:");
    expect(ferry.body_html).toContain('<a href="https://maps.skerrin.example/embed?pier=1" rel="noopener">Embedded content: maps.skerrin.example</a>');
    expect(ferry.body_html).toContain('alt="The pier at Port Carrick at dawn"');
    expect(ferry.body_html).toContain("<li>Proposed: 08:15</li>");
    expect(ferry.body_html).toMatch(/<p>The ferry operator[^<]*<\/p>\n<p>Parents at Kilbrae High/);
    const hostile = await db.selectFrom("comment").selectAll().where("id", "=", await importedId(db, 9212)).executeTakeFirstOrThrow();
    expect(hostile.body_html).not.toMatch(/<script|<iframe|<img|onerror|onclick|javascript:|document\.cookie/i);
    expect(hostile.body_html).toContain("publish the consultation replies");
  });

  it("keeps threads six replies deep, with their dates, and the story's count of visible comments", async () => {
    const ids = await importedIds(db, [9201, 9202, 9203, 9204, 9205, 9206, 9207]);
    const chain = await db.selectFrom("comment").select(["id", "parent_id", "depth", "path", "created_at"]).where("id", "in", ids).orderBy("path").execute();
    expect(chain.map((c) => c.depth)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(chain.map((c) => c.parent_id)).toEqual([null, ...ids.slice(0, 6)]);
    expect(chain[6]!.path).toBe(chain.map((c) => String(c.id).padStart(10, "0")).join("."));
    expect(chain[0]!.created_at).toBe("2019-05-14T09:12:00.000Z");
    // 9211 comes before its parent 9210 in the file and still lands under it.
    const reply = await db.selectFrom("comment").select(["parent_id", "depth"]).where("id", "=", await importedId(db, 9211)).executeTakeFirstOrThrow();
    expect(reply).toEqual({ parent_id: await importedId(db, 9210), depth: 1 });
    const ferry = await db.selectFrom("article").select(["id", "comment_count"]).where("slug", "=", "ferry-timetable-changes").executeTakeFirstOrThrow();
    // 11 imported on the story, one of them held: 10 visible.
    expect(ferry.comment_count).toBe(10);
  });

  it("holds unapproved comments for moderation and leaves out spam, trash and pingbacks, counted with reasons", async () => {
    const held = await db.selectFrom("comment").select(["status", "held_reason"]).where("id", "=", await importedId(db, 9212)).executeTakeFirstOrThrow();
    expect(held.status).toBe("pending");
    expect(held.held_reason).toMatch(/waiting for approval/);
    const skipped = await db.selectFrom("import_link").select("external_id").where("kind", "=", "comment").where("external_id", "in", ["9213", "9214", "9215"]).execute();
    expect(skipped).toEqual([]);
    const log = readFileSync(join(dir, "first.log"), "utf8");
    expect(log).toMatch(/^line \d+\tcomment\t9213\tskipped\tspam$/m);
    expect(log).toMatch(/^line \d+\tcomment\t9214\tskipped\ttrash$/m);
    expect(log).toMatch(/^line \d+\tcomment\t9215\tskipped\ta pingback$/m);
    expect(await db.selectFrom("user").select("id").where("display_name", "in", ["Cheap Flights", "Kilbrae Courier"]).execute()).toEqual([]);
  });

  it("makes commenters accounts nobody can sign in to, one per address whatever its case, and keeps name-only commenters under their name", async () => {
    const isla = await db.selectFrom("user").selectAll().where("email", "=", "isla.gunn@skerrin.example").execute();
    expect(isla).toHaveLength(1);
    expect(isla[0]).toMatchObject({ display_name: "Isla Gunn", password_hash: null, email_verified_at: null, role: "resident" });
    const islaComments = await db.selectFrom("comment").select("id").where("author_id", "=", isla[0]!.id).execute();
    expect(islaComments.map((c) => c.id).sort((a, b) => a - b)).toEqual((await importedIds(db, [9201, 9203, 9207])).sort((a, b) => a - b));
    const ruaridh = await db.selectFrom("comment").innerJoin("user", "user.id", "comment.author_id").select(["user.email", "user.display_name", "user.password_hash"]).where("comment.id", "=", await importedId(db, 9206)).executeTakeFirstOrThrow();
    expect(ruaridh).toEqual({ email: null, display_name: "Ruaridh Bain", password_hash: null });
    const nameless = await db.selectFrom("comment").innerJoin("user", "user.id", "comment.author_id").select(["user.email", "user.display_name"]).where("comment.id", "=", await importedId(db, 9216)).executeTakeFirstOrThrow();
    expect(nameless).toEqual({ email: null, display_name: "Anonymous" });
  });

  it("reports bad records with their line in the file and goes on with the rest", async () => {
    const log = readFileSync(join(dir, "first.log"), "utf8");
    const source = readFileSync(FIXTURE, "utf8").split("\n");
    const bad = log.split("\n").filter((line) => line.includes("\tbad\t"));
    expect(bad).toHaveLength(2);
    for (const entry of bad) {
      const line = Number(/^line (\d+)/.exec(entry)![1]);
      expect(source[line - 1]).toContain("<wp:comment>");
    }
    expect(bad.join("\n")).toMatch(/9217\tbad\tno date/);
    expect(bad.join("\n")).toMatch(/9218\tbad\tunknown wp:comment_approved "maybe"/);
  });

  it("changes nothing when the same file is imported again", async () => {
    const before = await tableCounts(db);
    const summary = await importWordPress(db, FIXTURE);
    expect(await tableCounts(db)).toEqual(before);
    expect(summary.counts.story).toMatchObject({ created: 0, matched: 4 });
    expect(summary.counts.comment).toMatchObject({ created: 0, matched: 12 });
    expect(summary.counts.account.created).toBe(0);
  });

  it("adds only what is new from a newer export of the same site, and never removes what is here", async () => {
    const before = await tableCounts(db);
    const newer = readFileSync(FIXTURE, "utf8")
      .replace("<wp:comment_id>9301</wp:comment_id>", "<wp:comment_id>9302</wp:comment_id>")
      .replace("A grand day. Well done the committee.", "Same again next year, please.")
      .replace(/<item>\s*<title><!\[CDATA\[Council budget vote[\s\S]*?<\/item>/, "");
    const file = join(dir, "newer.xml");
    writeFileSync(file, newer);
    const summary = await importWordPress(db, file);
    expect(summary.counts.comment.created).toBe(1);
    expect(summary.counts.story.created).toBe(0);
    const after = await tableCounts(db);
    expect(after.comment).toBe(before.comment! + 1);
    expect(after.article).toBe(before.article);
    const reply = await db.selectFrom("comment").select("body_source").where("id", "=", await importedId(db, 9302)).executeTakeFirstOrThrow();
    expect(reply.body_source).toBe("Same again next year, please.");
  });

  it("reads WXR 1.1 the same way", async () => {
    const other = await freshDatabase();
    const file = join(dir, "wxr-1.1.xml");
    writeFileSync(file, readFileSync(FIXTURE, "utf8").replaceAll("export/1.2/", "export/1.1/").replace("<wp:wxr_version>1.2", "<wp:wxr_version>1.1"));
    const summary = await importWordPress(other, file);
    expect(summary.counts.story.created).toBe(4);
    expect(summary.counts.comment.created).toBe(12);
  });

  it("stops on a file that is not well-formed, naming the line, and keeps what came before", async () => {
    const other = await freshDatabase();
    const text = readFileSync(FIXTURE, "utf8");
    const cut = text.indexOf("<item>", text.indexOf("<wp:post_id>105"));
    const broken = join(dir, "broken.xml");
    writeFileSync(broken, `${text.slice(0, text.lastIndexOf("<item>", cut))}<item><title>Half a story</wrong>`);
    const error = await importWordPress(other, broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XmlSyntaxError);
    expect((error as XmlSyntaxError).message).toMatch(/line \d+, column \d+/);
    const kept = await other.selectFrom("article").select("slug").execute();
    expect(kept.map((a) => a.slug)).toContain("ferry-timetable-changes");
  });

  it("never gives an imported comment its old id: each site's old ids stay apart in the import mapping", async () => {
    const other = await freshDatabase();
    const file = join(dir, "clash.xml");
    writeFileSync(file, readFileSync(FIXTURE, "utf8"));
    await importWordPress(other, file);
    // The same comment ids under another site's name.
    writeFileSync(file, readFileSync(FIXTURE, "utf8").replaceAll("https://gazette.skerrin.example", "https://archive.skerrin.example").replaceAll("ferry-timetable-changes", "ferry-timetable-archive"));
    await importWordPress(other, file);
    const links = await other
      .selectFrom("import_link")
      .select(["source", "local_id"])
      .where("kind", "=", "comment")
      .where("external_id", "=", "9207")
      .orderBy("source")
      .execute();
    expect(links.map((l) => l.source)).toEqual(["wordpress:https://archive.skerrin.example", "wordpress:https://gazette.skerrin.example"]);
    expect(links[0]!.local_id).not.toBe(links[1]!.local_id);
    for (const link of links) {
      expect(link.local_id).not.toBe(9207);
      const comment = await other.selectFrom("comment").select(["depth"]).where("id", "=", link.local_id).executeTakeFirstOrThrow();
      expect(comment.depth).toBe(6);
    }
    expect(await other.selectFrom("comment").select("id").where("id", "=", 9207).execute()).toEqual([]);
  });
});
