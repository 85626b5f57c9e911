import { expect, test, type Page, e2eDb, signedInPage } from "./support";
import { createArticle } from "../../app/models/article/reading.server";
import { createComment } from "../../app/models/comment/writing.server";
import { createUser } from "../../app/models/user.server";
import { loadXssPayloads } from "../support/xss-corpus";

/**
 * The public cross-site-scripting payloads in tests/fixtures/xss-corpus, put everywhere people's text is
 * shown: a story body, comments, a display name, a report note. In a real browser, no payload may run
 * a script (no dialog opens) or reach out (no request to the beacon address).
 */
const BEACON = "127.0.0.1:9";

function payloads(): string[] {
  return loadXssPayloads().map(({ payload }) => payload.replaceAll("127.0.0.1:BEACON_PORT", BEACON));
}

function watch(page: Page) {
  const incidents: string[] = [];
  page.on("dialog", async (dialog) => {
    incidents.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  page.on("request", (request) => {
    if (request.url().includes(BEACON)) incidents.push(`request: ${request.url()}`);
  });
  return incidents;
}

let slug = "";
let authorId = 0;
let commentIds: number[] = [];

test.beforeAll(async () => {
  const all = payloads();
  expect(all.length).toBeGreaterThan(200);
  const db = e2eDb();
  try {
    const stamp = Date.now().toString(36);
    const author = await createUser(db, {
      email: `xss-${stamp}@skerrin.example`,
      displayName: `<img src=x onerror=alert('name')> ${stamp}`,
      passwordHash: null,
      emailVerified: true,
    });
    authorId = author.id;
    const article = await createArticle(db, {
      slug: `xss-gallery-${stamp}`,
      headline: `<script>alert('headline')</script> gallery ${stamp}`,
      summary: `<img src=x onerror=alert('summary')>`,
      bodySource: all.join("\n\n"),
      authorId: author.id,
      status: "published",
      // dated in the past, so that it stays off the top of the front page that other tests read
      publishedAt: "2024-01-01T09:00:00.000Z",
    });
    slug = article.slug;
    commentIds = [];
    let parentId: number | null = null;
    for (const [index, payload] of all.entries()) {
      // chains of replies, so the payloads also appear as "in reply to" names and at every depth
      const comment = await createComment(db, {
        articleId: article.id,
        authorId: author.id,
        parentId: index % 6 === 0 ? null : parentId,
        bodySource: payload,
      });
      parentId = comment.id;
      commentIds.push(comment.id);
    }
    const reporter = await db.selectFrom("user").select("id").where("email", "=", "morven.sinclair@skerrin.example").executeTakeFirstOrThrow();
    await db
      .insertInto("comment_report")
      .values({
        comment_id: commentIds[0]!,
        reporter_id: reporter.id,
        reason: "abuse",
        note: `<svg onload=alert('note')>`,
        created_at: new Date().toISOString(),
        resolved_at: null,
      })
      .execute();
  } finally {
    await db.destroy();
  }
});

test("no payload runs on the story page, on any page of its thread, or in its author's profile", async ({ page }) => {
  const incidents = watch(page);
  await page.goto(`/articles/${slug}`);
  await expect(page.locator("h1")).toContainText("gallery");
  expect(await page.locator(`.story__body script, .comment__body script`).count()).toBe(0);
  for (let pageNumber = 2; pageNumber <= 5; pageNumber++) {
    const response = await page.goto(`/articles/${slug}?page=${pageNumber}`);
    expect(response?.status()).toBe(200);
  }
  await page.goto(`/articles/${slug}/comments/${commentIds[1]}`);
  await page.goto(`/users/${authorId}`);
  await page.goto(`/articles/${slug}/comments.xml`);
  await page.goto(`/search?q=${encodeURIComponent("<script>alert('search')</script> gallery")}`);
  await page.waitForTimeout(300);
  expect(incidents).toEqual([]);
});

test("no payload runs in the moderators' queue or on the author's moderation page", async ({ browser }) => {
  const page = await signedInPage(browser, "moderator@skerrin.example");
  const incidents = watch(page);
  await page.goto("/moderation?tab=recent");
  await page.goto("/moderation?tab=reported");
  await page.goto(`/moderation/users/${authorId}`);
  await page.goto(`/moderation/comments/${commentIds[0]}`);
  await page.waitForTimeout(300);
  expect(incidents).toEqual([]);
  await page.context().close();
});
