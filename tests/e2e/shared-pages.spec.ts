import { expect, test, e2eDb, signedInPage } from "./support";
import { makeUser } from "../factories";

/**
 * A story's page is one rendering for every reader (ADR 18): the same bytes for a visitor and a resident,
 * from the page cache. Once it runs, its personal layer (/articles/<slug>/reader) shows the reader who they
 * are, their likes and what they may do; without JavaScript, a reader reaches their own controls through
 * pages rendered for them. support.ts fails a test on a hydration error or a policy violation.
 */
const STORY = "/articles/inchmurran-winter-sailings-cut-to-three-days";
const CACHED = ["HIT", "MISS", "WAIT", "STALE"];

test("one story page for everyone: the reader's layer applies after hydration, and a like stays theirs", async ({ browser }) => {
  const db = e2eDb();
  const stamp = Date.now();
  const reader = await makeUser(db, { displayName: `Euan "Shared" O'Page ${stamp}`, email: `shared-${stamp}@skerrin.example` });
  await db.destroy();
  const page = await signedInPage(browser, reader.email!, true);

  const response = await page.goto(STORY);
  expect(CACHED).toContain(response?.headers()["x-parley-cache"]);
  expect(await response!.text()).not.toContain(String(stamp));
  await expect(page.getByRole("navigation", { name: "Your account" })).toContainText(`Euan "Shared" O'Page ${stamp}`);
  await expect(page.locator(".comment-composer__terms")).toContainText(`Posting as Euan "Shared" O'Page ${stamp}`);
  await page.locator('#comment-form input[name="js"]').waitFor({ state: "attached" });
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

  const like = page.locator('article.comment button[aria-pressed="false"]').first();
  const comment = like.locator("xpath=ancestor::article[1]");
  const commentId = (await comment.getAttribute("id"))!;
  await like.click();
  await expect(page.locator(`#${commentId} button[aria-pressed]`).first()).toHaveAttribute("aria-pressed", "true");
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

  // Having liked, the reader still gets the page everyone gets; the layer marks the like.
  const again = await page.reload();
  expect(CACHED).toContain(again?.headers()["x-parley-cache"]);
  await expect(page.locator(`#${commentId} button[aria-pressed]`).first()).toHaveAttribute("aria-pressed", "true");
  await page.context().close();
});

test("without JavaScript, a signed-in reader writes, likes and finds their own comments from the shared page", async ({ browser }) => {
  const db = e2eDb();
  const stamp = Date.now();
  const reader = await makeUser(db, {
    displayName: `Nell Noscript ${stamp}`,
    email: `noscript-${stamp}@skerrin.example`,
    createdAt: new Date(Date.now() - 30 * 86_400_000).toISOString(),
  });
  await db.destroy();
  const page = await signedInPage(browser, reader.email!, false);

  await page.goto(STORY);
  await page.getByRole("link", { name: "Write your comment" }).click();
  await expect(page.locator(".comment-composer__terms")).toContainText(`Posting as Nell Noscript ${stamp}`);
  await page.getByLabel("Comment", { exact: true }).fill(`Written without scripts ${stamp}`);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.locator("article.comment", { hasText: `Written without scripts ${stamp}` })).toBeVisible();

  // Like from the shared page: a button of the page's one like form, back to the comment.
  await page.goto(STORY);
  const like = page.locator('article.comment button[aria-pressed="false"]').first();
  const commentId = (await like.locator("xpath=ancestor::article[1]").getAttribute("id"))!;
  await like.click();
  await expect(page).toHaveURL(new RegExp(`#${commentId}$`));
  const db2 = e2eDb();
  const liked = await db2
    .selectFrom("comment_like")
    .select("comment_id")
    .where("user_id", "=", reader.id)
    .where("comment_id", "=", Number(commentId.replace("comment-", "")))
    .executeTakeFirst();
  await db2.destroy();
  expect(liked).toBeTruthy();

  // "Your comments here": the reader's own comment, with Edit and Delete, rendered for them.
  await page.getByRole("link", { name: "Your comments here" }).click();
  const own = page.locator("article.comment", { hasText: `Written without scripts ${stamp}` });
  await expect(own.getByRole("link", { name: "Edit" })).toBeVisible();
  // Without JavaScript, Delete leads to the question beside the comment (issue 29 part 1).
  await expect(own.getByRole("link", { name: "Delete" })).toBeVisible();
  await page.context().close();
});
