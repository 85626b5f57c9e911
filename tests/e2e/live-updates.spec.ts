import { expect, test, e2eDb, signedInPage } from "./support";
import { accessibilityViolations } from "./axe";
import { createComment } from "../../app/models/comment/writing.server";

/**
 * Two readers on one story, each in a browser context of their own: one replies, the other is offered
 * the new comment within two seconds, without the page moving, and finds it under its parent.
 */
const STORY = "/articles/tullochside-house-care-home-closure-approved";

test("a reader with the story open is offered another's new reply within 2 s and finds it under its parent", async ({ browser }) => {
  // Two browsers on the biggest demo story, and axe over it twice: more than the default minute on a busy machine.
  test.slow();
  const reader = await signedInPage(browser, "hamish.drummond@skerrin.example", true);
  const writer = await signedInPage(browser, "agnieszka.kowal@skerrin.example", true);
  await reader.goto(STORY);
  await writer.goto(STORY);
  for (const page of [reader, writer]) await page.locator('#comment-form input[name="js"]').waitFor({ state: "attached" });

  // A top-level comment without replies yet: its first reply shows under it on this page, whatever the thread's limits.
  const parent = reader.locator("ol.thread:not(.thread--replies) > li:not(:has(> details)) > article.comment").first();
  const parentId = (await parent.getAttribute("id"))!;
  const offer = reader.getByRole("status").getByRole("button", { name: "1 new comment: show it" });
  await expect(offer).toHaveCount(0);
  const scrolledBefore = await reader.evaluate(() => window.scrollY);

  const text = `A live reply ${Date.now()}`;
  const target = writer.locator(`#${parentId}`);
  await target.locator(".comment__actions").getByText("Reply", { exact: true }).click();
  const form = writer.locator(`#reply-form-${parentId.replace("comment-", "")}`);
  await form.getByRole("textbox", { name: "Reply" }).fill(text);
  await form.getByRole("button", { name: "Post reply" }).click();
  await expect(writer.locator("article.comment", { hasText: text })).toBeVisible();
  const answeredAt = Date.now();

  await expect(offer).toBeVisible({ timeout: 2_000 });
  expect(Date.now() - answeredAt).toBeLessThan(2_000);
  // Offered, not pushed: the new comment is not on the page yet, and nothing moved.
  await expect(reader.getByText(text)).toHaveCount(0);
  expect(await reader.evaluate(() => window.scrollY)).toBe(scrolledBefore);
  expect(await accessibilityViolations(reader)).toEqual([]);

  await offer.click();
  const shown = reader.locator(`#${parentId} ~ details .thread--replies article.comment`, { hasText: text });
  await expect(shown).toBeVisible();
  await expect(shown).toBeFocused();
  await expect(offer).toHaveCount(0);
  expect(await accessibilityViolations(reader)).toEqual([]);
});

test("without JavaScript the story page is complete and has no live offer", async ({ browser }) => {
  const page = await signedInPage(browser, "hamish.drummond@skerrin.example", false);
  await page.goto(STORY);
  await expect(page.locator("article.comment").first()).toBeVisible();
  await expect(page.getByRole("button", { name: /new comment/ })).toHaveCount(0);
});

test("a moderator's open queue counts a comment held meanwhile, says so politely, and reads the list again on request", async ({ browser }) => {
  const moderator = await signedInPage(browser, "moderator@skerrin.example");
  await moderator.goto("/moderation?tab=held");
  await moderator.getByText("Keyboard: j/k move").waitFor();
  const heldTab = moderator.getByRole("navigation", { name: "Queue" }).getByRole("link", { name: /^Held \(\d+\)$/ });
  const before = Number(/\((\d+)\)/.exec((await heldTab.textContent()) ?? "")?.[1]);
  const notice = moderator.getByRole("status").filter({ hasText: "The queue has changed" });
  await expect(notice).toHaveCount(0);

  // Held by another process, as a second app server or the command line would write it.
  const text = `Held while the queue was open ${Date.now()}`;
  const db = e2eDb();
  try {
    const article = await db.selectFrom("article").select("id").where("slug", "=", "sandholm-memorial-hall-roof-appeal").executeTakeFirstOrThrow();
    const author = await db.selectFrom("user").select("id").where("email", "=", "kwame.asante@skerrin.example").executeTakeFirstOrThrow();
    await createComment(db, { articleId: article.id, authorId: author.id, parentId: null, bodySource: text, status: "pending", heldReason: "Contains 2 links" });
  } finally {
    await db.destroy();
  }

  await expect(heldTab).toHaveText(`Held (${before + 1})`, { timeout: 5_000 });
  await expect(notice).toBeVisible();
  // The list itself stays put under the moderator until they ask.
  await expect(moderator.getByText(text)).toHaveCount(0);
  expect(await accessibilityViolations(moderator)).toEqual([]);
  await notice.getByRole("link", { name: "Show the latest list" }).click();
  await expect(moderator.getByText(text)).toBeVisible();
  await expect(notice).toHaveCount(0);
});
