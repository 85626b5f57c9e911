import { expect, test, type Page, signedInPage } from "./support";
import { accessibilityViolations } from "./axe";

/**
 * A resident signs in (a real session in the server's database, so this test does not depend on the
 * sign-in form's own test), posts a comment, and replies three levels deep: once with JavaScript, once
 * without.
 */
const STORY = "/articles/tullochside-house-care-home-closure-approved";

async function replyTo(page: Page, commentId: string, text: string): Promise<string> {
  const comment = page.locator(`#${commentId}`);
  await comment.locator(".comment__actions").getByText("Reply", { exact: true }).click();
  const form = page.locator(`#reply-form-${commentId.replace("comment-", "")}`);
  await form.getByRole("textbox", { name: "Reply" }).fill(text);
  await form.getByRole("button", { name: "Post reply" }).click();
  const posted = page.locator("article.comment", { has: page.locator(":scope > .comment__body", { hasText: text }) });
  await expect(posted).toBeVisible();
  return (await posted.getAttribute("id"))!;
}

test("with JavaScript: post, then reply three levels deep without a reload, focus on each new comment", async ({ browser }) => {
  const page = await signedInPage(browser, "hamish.drummond@skerrin.example", true);
  await page.goto(`${STORY}?sort=newest`);
  // the forms are scripted once the page has hydrated: they then carry js=1
  await page.locator('#comment-form input[name="js"]').waitFor({ state: "attached" });
  // a marker on the window survives only if the page never reloads
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

  const stamp = Date.now();
  await page.getByRole("textbox", { name: "Comment", exact: true }).fill(`Top comment with JS ${stamp}`);
  await page.getByRole("button", { name: "Post comment" }).click();
  const top = page.locator("article.comment", {
    has: page.locator(":scope > .comment__body", { hasText: `Top comment with JS ${stamp}` }),
  });
  await expect(top).toBeFocused();
  let id = (await top.getAttribute("id"))!;

  const levels: string[] = [id];
  for (const level of [1, 2, 3]) {
    // each reply is answered by the same resident here: replying to oneself is allowed
    id = await replyTo(page, id, `JS reply level ${level} ${stamp}`);
    await expect(page.locator(`#${id}`)).toBeFocused();
    levels.push(id);
  }
  // each reply sits inside the list under the one before it
  for (let i = 1; i < levels.length; i++) {
    await expect(page.locator(`#${levels[i - 1]} ~ details .thread--replies #${levels[i]}`)).toHaveCount(1);
  }
  // a like on someone else's comment toggles in place
  const like = page.locator("article.comment button[aria-pressed]").first();
  const before = (await like.textContent()) ?? "";
  const pressed = await like.getAttribute("aria-pressed");
  await like.click();
  await expect(like).toHaveAttribute("aria-pressed", pressed === "true" ? "false" : "true");
  await expect(like).not.toHaveText(before);
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.context().close();
});

test("without JavaScript: post, then reply three levels deep with full posts and redirects", async ({ browser }) => {
  const page = await signedInPage(browser, "agnieszka.kowal@skerrin.example", false);
  await page.goto(STORY);
  // The story's page is the same for everyone; the reader's own page to write on is a link away (ADR 18).
  await page.getByRole("link", { name: "Write your comment" }).click();
  const stamp = Date.now();
  await page.getByRole("textbox", { name: "Comment", exact: true }).fill(`Top comment without JS ${stamp}`);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page).toHaveURL(/#comment-\d+$/);
  let id = new URL(page.url()).hash.slice(1);
  await expect(page.locator(`#${id}`)).toContainText(`Top comment without JS ${stamp}`);

  for (const level of [1, 2, 3]) {
    await page.locator(`#${id} .comment__actions`).getByText("Reply", { exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`replyTo=${id.replace("comment-", "")}`));
    const form = page.locator(`#reply-form-${id.replace("comment-", "")}`);
    await form.getByRole("textbox", { name: "Reply" }).fill(`No-JS reply level ${level} ${stamp}`);
    await form.getByRole("button", { name: "Post reply" }).click();
    await expect(page).toHaveURL(/#comment-\d+$/);
    const next = new URL(page.url()).hash.slice(1);
    await expect(page.locator(`#${next}`)).toContainText(`No-JS reply level ${level} ${stamp}`);
    await expect(page.locator(`#${id} ~ details .thread--replies #${next}`)).toHaveCount(1);
    id = next;
  }

  // a mistake is shown beside the field and what was typed is kept
  await page.goto(STORY);
  await page.getByRole("link", { name: "Write your comment" }).click();
  await page.getByRole("textbox", { name: "Comment", exact: true }).fill("  ");
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.locator(".field-error")).toContainText("the comment is empty");
  await page.context().close();
});
