import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importDisqus } from "../../app/models/import/disqus.server";
import { importWordPress } from "../../app/models/import/wordpress.server";
import { makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";
import { testDialect } from "../support/test-db";

// Issue 28 part 7: old ids live in the import mapping alone, one namespace per site they came from, and
// Parley's own ids never meet them. The scenario over real HTTP: a WordPress import, a Disqus
// import, new comments here, a newer WordPress export; then every old link lands on the right comment.

const SITE = "https://gazette.gala.example";
const OLD_ADDRESS = "/2013/06/01/gala-day-returns/";
const STORY = "/articles/gala-day-returns";
const LANDING = `${STORY}/from-old-site`;
const dir = mkdtempSync(join(tmpdir(), "parley-id-space-"));

interface OldComment {
  id: string;
  parent?: string;
  at: string;
  body: string;
}

function wordpressExport(comments: OldComment[]): string {
  const items = comments
    .map(
      (c) => `<wp:comment><wp:comment_id>${c.id}</wp:comment_id><wp:comment_author><![CDATA[Reader ${c.id}]]></wp:comment_author>
<wp:comment_author_email><![CDATA[reader${c.id}@gala.example]]></wp:comment_author_email><wp:comment_date_gmt><![CDATA[${c.at}]]></wp:comment_date_gmt>
<wp:comment_content><![CDATA[${c.body}]]></wp:comment_content><wp:comment_approved><![CDATA[1]]></wp:comment_approved>
<wp:comment_type><![CDATA[comment]]></wp:comment_type><wp:comment_parent>${c.parent ?? "0"}</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>The Gala Gazette</title><link>${SITE}</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>${SITE}</wp:base_site_url>
<item><title><![CDATA[Gala day returns]]></title><link>${SITE}${OLD_ADDRESS}</link><dc:creator><![CDATA[editor]]></dc:creator>
<guid isPermaLink="false">${SITE}/?p=11</guid><content:encoded><![CDATA[<p>The gala is back after four years.</p>]]></content:encoded>
<wp:post_id>11</wp:post_id><wp:post_date_gmt><![CDATA[2013-06-01 09:00:00]]></wp:post_date_gmt><wp:comment_status><![CDATA[open]]></wp:comment_status>
<wp:post_name><![CDATA[gala-day-returns]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>
${items}
</item></channel></rss>
`;
}

const DISQUS = `<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
  <thread dsq:id="900"><id>11 ${SITE}/?p=11</id><forum>gala-gazette</forum><link>${SITE}${OLD_ADDRESS}</link><title>Gala day returns</title></thread>
  <post dsq:id="7001"><message><![CDATA[<p>Disqus post 7001: the raffle drew itself.</p>]]></message><createdAt>2013-06-02T10:00:00Z</createdAt>
    <isDeleted>false</isDeleted><isSpam>false</isSpam><author><email>dsq7001@gala.example</email><name>Disqus Reader</name></author><thread dsq:id="900"/></post>
  <post dsq:id="3456789012"><message><![CDATA[<p>Disqus post 3456789012, replying to 7001.</p>]]></message><createdAt>2013-06-02T11:00:00Z</createdAt>
    <isDeleted>false</isDeleted><isSpam>false</isSpam><author><email>dsq-big@gala.example</email><name>Another Disqus Reader</name></author>
    <thread dsq:id="900"/><parent dsq:id="7001"/></post>
</disqus>
`;

/** The first export: the oldest comment has the largest id, so Parley's fresh ids and the old ones cross. */
const FIRST: OldComment[] = [
  { id: "3", at: "2013-06-01 10:00:00", body: "WordPress comment 3: first on the field." },
  { id: "2", parent: "3", at: "2013-06-01 11:00:00", body: "WordPress comment 2, replying to 3." },
  { id: "1", at: "2013-06-01 12:00:00", body: "WordPress comment 1: bring back the pipe band." },
];

describe(`one id space for old links (${testDialect()})`, () => {
  let server: TestServer;
  /** Each old link's comment by its text, and the ids Parley gave comments written here. */
  const expected = new Map<string, string>();
  let ownIds: number[] = [];

  async function bodyOf(commentId: number): Promise<string> {
    const row = await server.db.selectFrom("comment").select("body_source").where("id", "=", commentId).executeTakeFirstOrThrow();
    return row.body_source;
  }

  /** The comment a redirect leads to, from its Location (the comment's own page, at the comment). */
  function commentIn(response: Response): number {
    const match = /^\/articles\/gala-day-returns\/comments\/(\d+)#comment-(\d+)$/.exec(response.headers.get("location") ?? "");
    expect(match?.[1]).toBe(match?.[2]);
    return Number(match![1]);
  }

  beforeAll(async () => {
    server = await startTestServer();
    const first = join(dir, `first-${testDialect()}.xml`);
    writeFileSync(first, wordpressExport(FIRST));
    expect((await importWordPress(server.db, first)).counts.comment.created).toBe(3);
    const disqus = join(dir, `disqus-${testDialect()}.xml`);
    writeFileSync(disqus, DISQUS);
    expect((await importDisqus(server.db, disqus)).counts.comment.created).toBe(2);

    // New comments, posted here by residents.
    for (const text of ["Posted here: the first comment written on Parley.", "Posted here: a second one."]) {
      const resident = await makeUser(server.db, { createdAt: new Date(Date.now() - 90 * 86_400_000).toISOString() });
      await server.db.updateTable("user").set({ trusted: 1 }).where("id", "=", resident.id).execute();
      expect((await server.post(STORY, { intent: "comment", body: text }, { as: resident })).status).toBe(302);
    }
    const own = await server.db.selectFrom("comment").select("id").where("body_source", "like", "Posted here:%").orderBy("id").execute();
    ownIds = own.map((c) => c.id);
    expect(ownIds).toHaveLength(2);

    // The old site went on taking comments; its newer ones have numbers Parley has already given to a
    // Disqus post and to a comment written here.
    const disqusLocal = await server.db.selectFrom("comment").select("id").where("body_source", "like", "Disqus post 7001%").executeTakeFirstOrThrow();
    const newer: OldComment[] = [
      ...FIRST,
      { id: String(disqusLocal.id), parent: "1", at: "2013-06-03 10:00:00", body: `WordPress comment ${disqusLocal.id}, a newer one replying to 1.` },
      { id: String(ownIds[0]), at: "2013-06-03 11:00:00", body: `WordPress comment ${ownIds[0]}, a newer one.` },
    ];
    const newerFile = join(dir, `newer-${testDialect()}.xml`);
    writeFileSync(newerFile, wordpressExport(newer));
    const summary = await importWordPress(server.db, newerFile);
    expect(summary.counts.comment).toMatchObject({ created: 2, matched: 3 });

    for (const c of newer) expected.set(c.id, c.body);
    expected.set("7001", "Disqus post 7001: the raffle drew itself.");
    expected.set("3456789012", "Disqus post 3456789012, replying to 7001.");
  });

  afterAll(async () => {
    await server?.close();
  });

  it("sends the old address, and its pages of comments, to the story's landing, where a kept #comment-N comes back as ?comment=N", async () => {
    for (const path of [OLD_ADDRESS, `${OLD_ADDRESS}comment-page-2/`, "/index.php?p=11"]) {
      const response = await server.request(path);
      expect({ path, status: response.status, location: response.headers.get("location") }).toEqual({ path, status: 301, location: LANDING });
    }
    // The page's one script runs under each response's policy (its nonce), the page cache's copy too,
    // and says where it goes.
    for (let visit = 0; visit < 2; visit++) {
      const landing = await server.request(LANDING);
      expect(landing.status).toBe(200);
      const page = await landing.text();
      const nonce = /'nonce-([^']+)'/.exec(landing.headers.get("content-security-policy") ?? "")?.[1];
      expect(nonce).toBeTruthy();
      expect(page).toContain(`<script nonce="${nonce}">(function(){var h=location.hash,m=/^#comment-(\\d{1,20})$/.exec(h)`);
      expect(page).toContain(`<meta http-equiv="refresh" content="0; url=${STORY}"/>`);
      expect(page).toContain('<meta name="robots" content="noindex"/>');
      // What the script does with what the browser kept of the old link.
      const script = /<script nonce="[^"]+">(\(function\(\)\{var h=[\s\S]*?)<\/script>/.exec(page)![1]!;
      const goes = (hash: string) => {
        let to = "";
        new Function("location", script)({ hash, replace: (url: string) => (to = url) });
        return to;
      };
      expect(goes("#comment-48302")).toBe(`${LANDING}?comment=48302`);
      for (const hash of ["", "#comment-48302x", "#comment-", "#constructor", "#__proto__"]) expect(goes(hash)).toBe(STORY);
      expect(goes("#comments")).toBe(`${STORY}#comments`);
      expect(goes("#respond")).toBe(`${STORY}#comment-form`);
    }
  });

  it("lands every old #comment-N, WordPress's and Disqus's, before and after the newer export, on the comment it became, and Parley's own links on Parley's", async () => {
    expect(expected.size).toBe(7);
    for (const [oldId, body] of expected) {
      const response = await server.request(`${LANDING}?comment=${oldId}`);
      expect({ oldId, status: response.status }).toEqual({ oldId, status: 301 });
      const commentId = commentIn(response);
      expect({ oldId, body: await bodyOf(commentId) }).toEqual({ oldId, body });
      const page = await server.request(response.headers.get("location")!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(body);
    }
    // A number that is an old id too still names, in Parley's own links, the comment Parley gave it to.
    const disqusLocal = await server.db.selectFrom("comment").select("id").where("body_source", "like", "Disqus post 7001%").executeTakeFirstOrThrow();
    for (const id of [...ownIds, disqusLocal.id]) {
      const response = await server.request(`${STORY}/comments/${id}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain(await bodyOf(id));
    }
  });

  it("lands WordPress's ?replytocom=N on the comment it names", async () => {
    for (const oldId of ["1", "2", "3", String(ownIds[0])]) {
      const response = await server.request(`${OLD_ADDRESS}?replytocom=${oldId}`);
      expect({ oldId, status: response.status }).toEqual({ oldId, status: 301 });
      expect({ oldId, body: await bodyOf(commentIn(response)) }).toEqual({ oldId, body: expected.get(oldId) });
    }
  });

  it("sends an old number no imported comment had, and one that is not a number, to the story, and an unknown story's landing nowhere", async () => {
    const notOld = ownIds[1]!;
    expect(expected.has(String(notOld))).toBe(false);
    for (const query of [`comment=${notOld}`, "comment=9999", "comment=abc", "comment=", "comment=-1", "comment=123456789012345678901"]) {
      const response = await server.request(`${LANDING}?${query}`);
      expect({ query, status: response.status, location: response.headers.get("location") }).toEqual({ query, status: 302, location: STORY });
    }
    const unknown = await server.request(`${OLD_ADDRESS}?replytocom=9999`);
    expect({ status: unknown.status, location: unknown.headers.get("location") }).toEqual({ status: 302, location: STORY });
    expect((await server.request("/articles/no-such-story/from-old-site")).status).toBe(404);
    expect((await server.request("/articles/no-such-story/from-old-site?comment=1")).status).toBe(404);
  });
});
