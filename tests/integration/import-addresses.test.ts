import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importWordPress } from "../../app/models/import/wordpress.server";
import { startTestServer, type TestServer } from "../support/test-server";

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

  it("answers a post's WordPress path with a 301 to the story, with or without the trailing slash", async () => {
    for (const path of ["/2019/05/14/ferry-timetable-changes/", "/2019/05/14/ferry-timetable-changes"]) {
      const response = await server.request(path);
      expect(response.status).toBe(301);
      expect(response.headers.get("location")).toBe("/articles/ferry-timetable-changes");
    }
  });

  it("answers WordPress's paged comment addresses with a 301 to the story (the browser keeps #comment-N)", async () => {
    for (const path of [
      "/2019/05/14/ferry-timetable-changes/comment-page-1/",
      "/2019/05/14/ferry-timetable-changes/comment-page-2",
      "/2019/05/14/ferry-timetable-changes/comment-page-12/",
    ]) {
      const response = await server.request(path);
      expect({ path, status: response.status }).toEqual({ path, status: 301 });
      expect(response.headers.get("location")).toBe("/articles/ferry-timetable-changes");
    }
    // Only a page of a story that is here and public.
    expect((await server.request("/2019/05/14/no-such-story/comment-page-1/")).status).toBe(404);
    expect((await server.request("/2030/01/10/council-budget-vote/comment-page-1/")).status).toBe(404);
    expect((await server.request("/2019/05/14/ferry-timetable-changes/comment-page-x/")).status).toBe(404);
  });

  it("answers ?p=ID with a 301 to the story", async () => {
    const byId = await server.request("/?p=105");
    expect(byId.status).toBe(301);
    expect(byId.headers.get("location")).toBe("/articles/gala-day-lifeboat");
    const pretty = await server.request("/?p=101");
    expect(pretty.headers.get("location")).toBe("/articles/ferry-timetable-changes");
    const indexPhp = await server.request("/index.php?p=105");
    expect(indexPhp.status).toBe(301);
    expect(indexPhp.headers.get("location")).toBe("/articles/gala-day-lifeboat");
  });

  it("does not lead to stories that are not public, and leaves unknown addresses and the front page alone", async () => {
    expect((await server.request("/?p=102")).status).toBe(200); // a draft: the front page as usual
    expect((await server.request("/2030/01/10/council-budget-vote/")).status).toBe(404); // scheduled
    expect((await server.request("/2019/05/14/no-such-story/")).status).toBe(404);
  });

  it("lands old #comment-N anchors on the comment: the story page carries the old ids, six replies deep", async () => {
    const page = await (await server.request("/articles/ferry-timetable-changes")).text();
    for (const id of [9201, 9204, 9207, 9211]) expect(page).toContain(`id="comment-${id}"`);
    expect(page).not.toContain("<script>window.location");
    expect(page).not.toContain("evil.example");
    // The held comment is not shown to readers.
    expect(page).not.toContain("publish the consultation replies");
  });

  it("sends an old comment id that has another id here to the comment's own page", async () => {
    const article = await server.db.selectFrom("article").select("id").where("slug", "=", "ferry-timetable-changes").executeTakeFirstOrThrow();
    const comment = await server.db.selectFrom("comment").select("id").where("id", "=", 9203).executeTakeFirstOrThrow();
    await server.db
      .insertInto("import_link")
      .values({ source: "wordpress:https://elsewhere.example", kind: "comment", external_id: "77", local_id: comment.id, created_at: new Date().toISOString() })
      .execute();
    const response = await server.request("/articles/ferry-timetable-changes/comments/77");
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe(`/articles/ferry-timetable-changes/comments/${comment.id}#comment-${comment.id}`);
    expect(article.id).toBeGreaterThan(0);
  });

  it("lets nobody sign in to an imported account before its owner claims it", async () => {
    const response = await server.post("/login", { email: "isla.gunn@skerrin.example", password: "harbour-lights-42" });
    expect(response.headers.get("set-cookie") ?? "").not.toMatch(/parley_session=[^;]+/);
  });
});
