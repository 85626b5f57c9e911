import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import { importWordPress } from "../../app/models/import/wordpress.server";
import { startTestServer, type TestServer } from "../support/test-server";

const SOURCE = "wordpress:https://gazette.skerrin.example";

/** The comment the old site's comment `oldId` became here (imported comments never keep their old ids). */
async function importedCommentId(db: Kysely<Database>, oldId: string): Promise<number> {
  const link = await db
    .selectFrom("import_link")
    .select("local_id")
    .where("source", "=", SOURCE)
    .where("kind", "=", "comment")
    .where("external_id", "=", oldId)
    .executeTakeFirstOrThrow();
  return link.local_id;
}

// The old site's addresses, over real HTTP against the production build, after a real import.
describe("old WordPress addresses after an import", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await importWordPress(server.db, "tests/fixtures/import/skerrin-gazette.wxr.xml");
  });
  afterAll(async () => {
    await server.close();
  });

  it("answers a post's WordPress path with a 301 to the story's landing for old links, with or without the trailing slash", async () => {
    for (const path of ["/2019/05/14/ferry-timetable-changes/", "/2019/05/14/ferry-timetable-changes"]) {
      const response = await server.request(path);
      expect(response.status).toBe(301);
      expect(response.headers.get("location")).toBe("/articles/ferry-timetable-changes/from-old-site");
    }
    // The landing goes on to the story: a #comment-N kept by the browser comes back as ?comment=N.
    const landing = await server.request("/articles/ferry-timetable-changes/from-old-site");
    expect(landing.status).toBe(200);
    const page = await landing.text();
    expect(page).toContain('<link rel="canonical" href="/articles/ferry-timetable-changes"/>');
    expect(page).toContain('location.replace(m?"/articles/ferry-timetable-changes/from-old-site?comment="+m[1]:"/articles/ferry-timetable-changes"+');
    expect(page).toContain('<a href="/articles/ferry-timetable-changes">read it and its comments</a>');
  });

  it("answers WordPress's paged comment addresses with a 301 to the story's landing (the browser keeps #comment-N)", async () => {
    for (const path of [
      "/2019/05/14/ferry-timetable-changes/comment-page-1/",
      "/2019/05/14/ferry-timetable-changes/comment-page-2",
      "/2019/05/14/ferry-timetable-changes/comment-page-12/",
    ]) {
      const response = await server.request(path);
      expect({ path, status: response.status }).toEqual({ path, status: 301 });
      expect(response.headers.get("location")).toBe("/articles/ferry-timetable-changes/from-old-site");
    }
    // Only a page of a story that is here and public.
    expect((await server.request("/2019/05/14/no-such-story/comment-page-1/")).status).toBe(404);
    expect((await server.request("/2030/01/10/council-budget-vote/comment-page-1/")).status).toBe(404);
    expect((await server.request("/2019/05/14/ferry-timetable-changes/comment-page-x/")).status).toBe(404);
  });

  it("answers ?p=ID with a 301 to the story's landing for old links, as the post's path does", async () => {
    const byId = await server.request("/?p=105");
    expect(byId.status).toBe(301);
    expect(byId.headers.get("location")).toBe("/articles/gala-day-lifeboat/from-old-site");
    const pretty = await server.request("/?p=101");
    expect(pretty.headers.get("location")).toBe("/articles/ferry-timetable-changes/from-old-site");
    const indexPhp = await server.request("/index.php?p=105");
    expect(indexPhp.status).toBe(301);
    expect(indexPhp.headers.get("location")).toBe("/articles/gala-day-lifeboat/from-old-site");
  });

  it("does not lead to stories that are not public, and leaves unknown addresses and the front page alone", async () => {
    expect((await server.request("/?p=102")).status).toBe(200); // a draft: the front page as usual
    expect((await server.request("/2030/01/10/council-budget-vote/")).status).toBe(404); // scheduled
    expect((await server.request("/2019/05/14/no-such-story/")).status).toBe(404);
  });

  it("lands old #comment-N and ?replytocom=N on the comment through the import mapping, six replies deep", async () => {
    for (const oldId of ["9201", "9204", "9207", "9211"]) {
      const id = await importedCommentId(server.db, oldId);
      const expected = `/articles/ferry-timetable-changes/comments/${id}#comment-${id}`;
      const fromHash = await server.request(`/articles/ferry-timetable-changes/from-old-site?comment=${oldId}`);
      expect({ oldId, status: fromHash.status, location: fromHash.headers.get("location") }).toEqual({ oldId, status: 301, location: expected });
      const reply = await server.request(`/2019/05/14/ferry-timetable-changes/?replytocom=${oldId}`);
      expect({ oldId, status: reply.status, location: reply.headers.get("location") }).toEqual({ oldId, status: 301, location: expected });
      expect((await server.request(expected)).status).toBe(200);
    }
    // A comment that was not imported (spam on the old site) leaves the reader on the story.
    const spam = await server.request("/articles/ferry-timetable-changes/from-old-site?comment=9213");
    expect(spam.status).toBe(302);
    expect(spam.headers.get("location")).toBe("/articles/ferry-timetable-changes");
    const page = await (await server.request("/articles/ferry-timetable-changes")).text();
    expect(page).not.toContain("<script>window.location");
    expect(page).not.toContain("evil.example");
    // The held comment is not shown to readers.
    expect(page).not.toContain("publish the consultation replies");
  });

  it("sends an old comment id that no comment here has to the comment it became", async () => {
    const id = await importedCommentId(server.db, "9203");
    await server.db
      .insertInto("import_link")
      .values({ source: "wordpress:https://elsewhere.example", kind: "comment", external_id: "77", local_id: id, created_at: new Date().toISOString() })
      .execute();
    const response = await server.request("/articles/ferry-timetable-changes/comments/77");
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe(`/articles/ferry-timetable-changes/comments/${id}#comment-${id}`);
  });

  it("lets nobody sign in to an imported account before its owner claims it", async () => {
    const response = await server.post("/login", { email: "isla.gunn@skerrin.example", password: "harbour-lights-42" });
    expect(response.headers.get("set-cookie") ?? "").not.toMatch(/parley_session=[^;]+/);
  });
});
