import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeArticle, makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";

let app: TestServer;
let editor: { id: number };

beforeAll(async () => {
  app = await startTestServer();
  editor = await makeUser(app.db, { role: "editor", displayName: "Picture Editor" });
});
afterAll(async () => {
  await app?.close();
});

function picture(width: number, height: number, format: "png" | "jpeg" | "webp"): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: "#3a7ca5" } })
    .toFormat(format)
    .toBuffer();
}

/** Posts the upload form as a browser does: multipart, the file and its alt text. */
async function upload(storyId: number, file: { bytes: Uint8Array; name: string; type: string } | null, alt: string, as: { id: number } = editor) {
  const form = new FormData();
  form.set("image", file ? new File([new Uint8Array(file.bytes)], file.name, { type: file.type }) : new File([], ""));
  form.set("alt", alt);
  return app.request(`/editor/${storyId}/images`, { method: "POST", body: form, as });
}

const text = async (response: Response) => (await response.text()).replace(/<!-- -->/g, "");

describe("images for stories", () => {
  it("resizes a wide image to 1200 pixels, stores it, and serves it for a year with its type", async () => {
    const story = await makeArticle(app.db, { headline: "Lighthouse keepers return" });
    const response = await upload(story.id, { bytes: await picture(2400, 1200, "png"), name: "wide.png", type: "image/png" }, "The lighthouse at dusk");
    expect(response.status).toBe(303);
    const row = await app.db.selectFrom("article_image").selectAll().where("article_id", "=", story.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ width: 1200, height: 600, alt: "The lighthouse at dusk", content_type: "image/png", uploaded_by: editor.id });
    expect(response.headers.get("location")).toBe(`/editor/${story.id}/images?uploaded=${row.id}`);

    const page = await text(await app.request(response.headers.get("location")!, { as: editor }));
    expect(page).toContain(`![The lighthouse at dusk](/media/images/${row.id})`);
    expect(page).toContain(`<img src="/media/images/${row.id}" alt="The lighthouse at dusk" width="1200" height="600"`);

    const served = await app.request(`/media/images/${row.id}`);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 1200, 600]);
  });

  it("keeps a small JPEG or WebP at its size and type", async () => {
    const story = await makeArticle(app.db);
    expect((await upload(story.id, { bytes: await picture(300, 200, "jpeg"), name: "a.jpg", type: "image/jpeg" }, "A small photo")).status).toBe(303);
    expect((await upload(story.id, { bytes: await picture(320, 240, "webp"), name: "b.webp", type: "image/webp" }, "A small WebP")).status).toBe(303);
    const rows = await app.db.selectFrom("article_image").select(["content_type", "width", "height"]).where("article_id", "=", story.id).orderBy("id").execute();
    expect(rows).toEqual([
      { content_type: "image/jpeg", width: 300, height: 200 },
      { content_type: "image/webp", width: 320, height: 240 },
    ]);
  });

  it("shows the image with its alt text on the story page once its Markdown is in the body", async () => {
    const story = await makeArticle(app.db, { headline: "Harbour in pictures" });
    await upload(story.id, { bytes: await picture(100, 100, "png"), name: "h.png", type: "image/png" }, "Boats [moored] in the harbour");
    const image = await app.db.selectFrom("article_image").select("id").where("article_id", "=", story.id).executeTakeFirstOrThrow();
    const page = await text(await app.request(`/editor/${story.id}/images`, { as: editor }));
    const markdown = `![Boats \\[moored\\] in the harbour](/media/images/${image.id})`;
    expect(page).toContain(markdown);
    const saved = await app.post(`/editor/${story.id}`, { intent: "save", headline: story.headline, summary: "Boats in the harbour.", body: `Look:\n\n${markdown}`, slug: story.slug }, { as: editor });
    expect(saved.status).toBe(303);
    const storyPage = await text(await app.request(`/articles/${story.slug}`));
    expect(storyPage).toContain(`<img src="/media/images/${image.id}" alt="Boats [moored] in the harbour" />`);
  });

  it("requires alt text, and says what is wrong with a file beside the field, keeping the typed alt text", async () => {
    const story = await makeArticle(app.db);
    const noAlt = await upload(story.id, { bytes: await picture(50, 50, "png"), name: "x.png", type: "image/png" }, "   ");
    expect(noAlt.status).toBe(400);
    expect(await text(noAlt)).toContain('<p id="image-alt-error" class="field-error">Describe the image for people who cannot see it.</p>');

    const notImage = await upload(story.id, { bytes: new TextEncoder().encode("<svg onload=alert(1)>"), name: "x.png", type: "image/png" }, "Typed <alt> text");
    expect(notImage.status).toBe(400);
    const notImagePage = await text(notImage);
    expect(notImagePage).toContain('<p id="image-file-error" class="field-error">That file is not a JPEG, PNG or WebP image. Choose one of those.</p>');
    expect(notImagePage).toContain('value="Typed &lt;alt&gt; text"');

    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: "#000" } }).gif().toBuffer();
    expect(await text(await upload(story.id, { bytes: gif, name: "x.gif", type: "image/gif" }, "A GIF"))).toContain("not a JPEG, PNG or WebP image");

    const none = await upload(story.id, null, "Nothing chosen");
    expect(none.status).toBe(400);
    expect(await text(none)).toContain("Choose an image to upload.");

    const large = await upload(story.id, { bytes: new Uint8Array(5 * 1024 * 1024 + 10), name: "big.jpg", type: "image/jpeg" }, "Too big");
    expect(large.status).toBe(400);
    const largePage = await text(large);
    expect(largePage).toContain("That image is larger than 5 MB. Choose a smaller one.");
    expect(largePage).toContain('value="Too big"');

    const huge = await upload(story.id, { bytes: new Uint8Array(7 * 1024 * 1024), name: "huge.jpg", type: "image/jpeg" }, "Far too big");
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain("An image may be at most 5 MB.");

    expect(await app.db.selectFrom("article_image").select("id").where("article_id", "=", story.id).execute()).toEqual([]);
  });

  it("takes the upload at the data address a form posts to when JavaScript runs, bytes intact", async () => {
    const story = await makeArticle(app.db);
    const form = new FormData();
    form.set("image", new File([new Uint8Array(await picture(64, 48, "png"))], "s.png", { type: "image/png" }));
    form.set("alt", "Sent by\u0000 the page's script");
    const response = await app.request(`/editor/${story.id}/images.data`, { method: "POST", body: form, as: editor });
    expect(response.status).toBeLessThan(400);
    const row = await app.db.selectFrom("article_image").select(["width", "alt"]).where("article_id", "=", story.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ width: 64, alt: "Sent by the page's script" });
  });

  it("keeps the larger body limit to the upload address alone", async () => {
    const story = await makeArticle(app.db);
    const form = new FormData();
    form.set("intent", "save");
    form.set("body", "x".repeat(100 * 1024));
    const response = await app.request(`/editor/${story.id}`, { method: "POST", body: form, as: editor });
    expect(response.status).toBe(413);
  });

  it("is for the newsroom only, and answers 404 for an image or story that does not exist", async () => {
    const story = await makeArticle(app.db);
    const file = { bytes: await picture(20, 20, "png"), name: "p.png", type: "image/png" };
    for (const role of ["resident", "moderator"] as const) {
      const user = await makeUser(app.db, { role });
      expect((await upload(story.id, file, "Sneaky", user)).status, role).toBe(403);
      expect((await app.request(`/editor/${story.id}/images`, { as: user })).status, role).toBe(403);
    }
    const anonymous = await app.request(`/editor/${story.id}/images`);
    expect(anonymous.status).toBe(302);
    expect(await app.db.selectFrom("article_image").select("id").where("article_id", "=", story.id).execute()).toEqual([]);
    expect((await upload(999999, file, "No story")).status).toBe(404);
    for (const path of ["/media/images/999999", "/media/images/abc"]) expect((await app.request(path)).status, path).toBe(404);
  });
});
