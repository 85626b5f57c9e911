import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";

let app: TestServer;
let editor: { id: number };

beforeAll(async () => {
  app = await startTestServer();
  editor = await makeUser(app.db, { role: "editor", displayName: "Comparing Editor" });
});
afterAll(async () => {
  await app?.close();
});

const story = (fields: Record<string, string>) => ({
  summary: "Fewer sailings from November.",
  body: "The council confirmed the winter timetable today.",
  commentsOpen: "on",
  ...fields,
});

/** A story saved three times: "Ferry timetable changes" -> "Ferry timetable delayed" -> "Bus timetable delayed". */
async function storyWithVersions() {
  const created = await app.post("/editor/new", story({ intent: "draft", headline: "Ferry timetable changes" }), { as: editor });
  const id = Number(/^\/editor\/(\d+)\?saved=/.exec(created.headers.get("location") ?? "")?.[1]);
  const slug = (await app.db.selectFrom("article").select("slug").where("id", "=", id).executeTakeFirstOrThrow()).slug;
  await app.post(
    `/editor/${id}`,
    story({ intent: "draft", slug, headline: "Ferry timetable delayed", body: "The council postponed the winter timetable today." }),
    { as: editor },
  );
  await app.post(
    `/editor/${id}`,
    story({ intent: "draft", slug, headline: "Bus timetable delayed", body: "The council postponed the winter timetable today." }),
    { as: editor },
  );
  const versions = await app.db.selectFrom("article_version").select("id").where("article_id", "=", id).orderBy("id").execute();
  expect(versions).toHaveLength(2);
  return { id, first: versions[0]!.id, second: versions[1]!.id };
}

/** The page's HTML without React's text separators, so adjacent text reads as one string. */
async function page(path: string, as: { id: number } = editor) {
  const response = await app.request(path, { as });
  return { status: response.status, html: (await response.text()).replace(/<!-- -->/g, "") };
}

const removed = (word: string) => new RegExp(`<del>(?:<span class="visually-hidden">\\[removed: </span>)?${word}`);
const added = (word: string) => new RegExp(`<ins>(?:<span class="visually-hidden">\\[added: </span>)?${word}`);

describe("comparing versions side by side", () => {
  it("compares the version before with the current one by default: a changed word shows as removed and added", async () => {
    const { id } = await storyWithVersions();
    const { status, html } = await page(`/editor/${id}/versions`);
    expect(status).toBe(200);
    expect(html).toContain("Compare two versions");
    expect(html).toMatch(removed("Ferry"));
    expect(html).toMatch(added("Bus"));
    // the body did not change between these two
    expect(html).toMatch(/Body<span class="version-compare__unchanged"> \(no changes\)/);
    expect(html).not.toMatch(removed("confirmed"));
  });

  it("compares any two versions picked in the GET form, which works without JavaScript", async () => {
    const { id, first } = await storyWithVersions();
    const { html } = await page(`/editor/${id}/versions?from=${first}&to=current`);
    expect(html).toMatch(/<form method="get"/);
    expect(html).toMatch(removed("changes"));
    expect(html).toMatch(added("delayed"));
    expect(html).toMatch(removed("Ferry"));
    expect(html).toMatch(added("Bus"));
    expect(html).toMatch(removed("confirmed"));
    expect(html).toMatch(added("postponed"));
    // the picked versions stay selected in the form
    expect(html).toMatch(new RegExp(`<option value="${first}" selected="">`));
  });

  it("shows typed markup as text, never as HTML", async () => {
    const created = await app.post("/editor/new", story({ intent: "draft", headline: "Markup test", body: "Plain body." }), { as: editor });
    const id = Number(/^\/editor\/(\d+)\?saved=/.exec(created.headers.get("location") ?? "")?.[1]);
    const slug = (await app.db.selectFrom("article").select("slug").where("id", "=", id).executeTakeFirstOrThrow()).slug;
    await app.post(`/editor/${id}`, story({ intent: "draft", slug, headline: "Markup test", body: 'Plain <img src=x onerror="alert(1)"> body.' }), {
      as: editor,
    });
    const { html } = await page(`/editor/${id}/versions`);
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;img");
  });

  it("gives a clear message, not an error, for a version id that is not one of this story's", async () => {
    const { id, first } = await storyWithVersions();
    const other = await storyWithVersions();
    for (const query of [`from=${other.first}&to=current`, "from=banana", `from=${first}&to=99999999`, "to=-1", "from=0"]) {
      const { status, html } = await page(`/editor/${id}/versions?${query}`);
      expect(status, query).toBe(400);
      expect(html, query).toContain("That version is not one of this story’s versions.");
      expect(html, query).toContain("Compare two versions");
    }
  });

  it("shows no comparison for a story with no earlier versions", async () => {
    const created = await app.post("/editor/new", story({ intent: "draft", headline: "Only one version" }), { as: editor });
    const id = Number(/^\/editor\/(\d+)\?saved=/.exec(created.headers.get("location") ?? "")?.[1]);
    const { status, html } = await page(`/editor/${id}/versions?from=1`);
    expect(status).toBe(200);
    expect(html).not.toContain("Compare two versions");
    expect(html).toContain("No earlier versions yet");
  });

  it("is for the newsroom only: a visitor signs in, residents and moderators get 403", async () => {
    const { id, first } = await storyWithVersions();
    const path = `/editor/${id}/versions?from=${first}&to=current`;
    const anonymous = await app.request(path);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    for (const role of ["resident", "moderator"] as const) {
      const user = await makeUser(app.db, { role });
      const { status, html } = await page(path, user);
      expect(status, role).toBe(403);
      expect(html).not.toContain("Ferry");
    }
    const admin = await makeUser(app.db, { role: "admin" });
    expect((await page(path, admin)).status).toBe(200);
  });
});
