import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aboutPage } from "../../db/seed/content";
import { setPageContent } from "../../app/models/setting.server";
import { makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";

/** Small faults a newcomer trips over (issue 29 part 13): what the pages say and link to. */
let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  await app?.close();
});

async function html(path: string, init?: Parameters<TestServer["request"]>[1]) {
  const response = await app.request(path, init);
  return { status: response.status, body: await response.text(), response };
}

/** The links of the header's navigation that say they are the current page. */
function currentInHeader(body: string): string[] {
  const header = body.slice(body.indexOf('<header class="site-header"'), body.indexOf("</header>"));
  return [...header.matchAll(/<a [^>]*aria-current="page"[^>]*>([^<]*)/g)].map((match) => match[1]!.trim());
}

describe("the site's icon", () => {
  it("is served at /favicon.ico from the site itself, and every page links it", async () => {
    const ico = await app.request("/favicon.ico");
    expect(ico.status).toBe(200);
    expect(ico.headers.get("content-type")).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
    const bytes = new Uint8Array(await ico.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0, 0, 1, 0]);
    const { body } = await html("/terms");
    expect(body).toMatch(/<link rel="icon" href="\/favicon.ico"/);
  });
});

describe("links to the site's own pages", () => {
  it("sends the About page's 'terms of posting' to the site's /terms, not to example.org", async () => {
    await setPageContent(app.db, "about", aboutPage);
    const { status, body } = await html("/about");
    expect(status).toBe(200);
    expect(body).toMatch(/<a href="\/terms"[^>]*>terms of posting<\/a>/);
    expect(body).not.toContain("example.org/gazette/terms");
  });

  it("links the public moderation log from the footer of every page and from the terms of posting", async () => {
    for (const path of ["/", "/about"]) {
      const { body } = await html(path);
      const footer = body.slice(body.indexOf('<footer class="site-footer"'));
      expect(footer, path).toContain('href="/moderation-log"');
    }
    const terms = await html("/terms");
    const main = terms.body.slice(terms.body.indexOf('<main id="main"'), terms.body.indexOf("</main>"));
    expect(main).toMatch(/<a [^>]*href="\/moderation-log"[^>]*>moderation log<\/a>/);
  });
});

describe("the header marks only the section the reader is in", () => {
  it("marks 'Replies to you' on /notifications and leaves Home unmarked", async () => {
    const reader = await makeUser(app.db);
    const { status, body } = await html("/notifications", { as: reader });
    expect(status).toBe(200);
    expect(currentInHeader(body)).toEqual(["Replies to you"]);
  });

  it("marks Home on the front page and nothing in the account links", async () => {
    const reader = await makeUser(app.db);
    expect(currentInHeader((await html("/", { as: reader })).body)).toEqual(["Home"]);
  });
});
