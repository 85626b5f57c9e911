import { expect, test } from "@playwright/test";
import { makeUser } from "../factories";
import { e2eDb, signedInPage } from "./support";

/**
 * A signed-in resident who has not yet taken part in a discussion gets the story page shared among such
 * readers, with their own name put in. It must hydrate as cleanly as a page rendered for them alone
 * (support.ts fails the test on a hydration error), and the first like makes the page their own.
 */
const STORY = "/articles/inchmurran-winter-sailings-cut-to-three-days";

test("a shared story page hydrates, carries the reader's name and becomes their own after a like", async ({ browser }) => {
  const db = e2eDb();
  const stamp = Date.now();
  const reader = await makeUser(db, { displayName: `Euan "Shared" O'Page ${stamp}`, email: `shared-${stamp}@skerrin.example` });
  await db.destroy();
  const page = await signedInPage(browser, reader.email!, true);

  const response = await page.goto(STORY);
  expect(response?.headers()["x-parley-cache"]).toBe("SHARED");
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

  const again = await page.reload();
  expect(again?.headers()["x-parley-cache"]).not.toBe("SHARED");
  await expect(page.locator(`#${commentId} button[aria-pressed]`).first()).toHaveAttribute("aria-pressed", "true");
  await page.context().close();
});
