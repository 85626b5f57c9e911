import { expect, test } from "./support";
import { accessibilityViolations } from "./axe";

test("a reader opens the front page, follows a story, sees a reply nested under its parent and follows its permalink", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" })).toBeVisible();
  const firstStory = page.locator(".article-card__headline a").first();
  const headline = (await firstStory.textContent())?.trim() ?? "";
  expect(headline.length).toBeGreaterThan(5);

  // The busiest story is linked from the front page or a later page; find one with replies.
  await page.goto("/");
  const storyLinks = await page.locator(".article-card__headline a").evaluateAll((links) =>
    links.map((a) => (a as HTMLAnchorElement).getAttribute("href")!),
  );
  let opened = false;
  for (const href of storyLinks) {
    await page.goto(href);
    if ((await page.locator(".thread--replies .comment").count()) > 0) {
      opened = true;
      break;
    }
  }
  expect(opened, "some story on the front page has replies").toBe(true);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText("Filed under")).toBeVisible();

  const reply = page.locator(".thread--replies > li > .comment").first();
  const replyId = await reply.getAttribute("id");
  expect(replyId).toMatch(/^comment-\d+$/);
  // the reply's list sits inside its parent's list item
  const parentItem = page.locator(".thread > li", { has: page.locator(`#${replyId}`) }).first();
  await expect(parentItem.locator(":scope > .comment")).toBeVisible();
  expect(await parentItem.locator(":scope > .comment").getAttribute("id")).not.toBe(replyId);

  // follow the reply's permalink: the address carries its anchor and the comment is the target
  await reply.locator(".comment__permalink").click();
  await expect(page).toHaveURL(new RegExp(`#${replyId}$`));
  const targeted = await page.evaluate(() => document.querySelector(":target")?.id);
  expect(targeted).toBe(replyId);

  // a fresh load of the permalink lands on that comment too
  await page.goto(page.url());
  await expect(page.locator(`#${replyId}`)).toBeInViewport();
});

test("reading pages have no accessibility violations", async ({ page }) => {
  await page.goto("/");
  const storyHref = await page.locator(".article-card__headline a").first().getAttribute("href");
  const categoryHref = await page.locator(".site-nav a").nth(1).getAttribute("href");
  await page.goto(storyHref!);
  const profileHref = await page.locator(".comment > header > h3 a").first().getAttribute("href");
  for (const path of ["/", storyHref!, categoryHref!, profileHref!, "/terms", "/about", "/no-such-page"]) {
    await page.goto(path);
    expect(await accessibilityViolations(page), path).toEqual([]);
  }
});

test("the keyboard reaches the skip link first and it moves focus to the content", async ({ page }) => {
  await page.goto("/");
  // Known bug, left open (issue 28 part 14's page watcher found it): following the skip link while React
  // is still hydrating the page can throw React error #345. This test is about the keyboard path once
  // the page runs, so it waits for the scripts; the bug is in the session's notes.
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(() => "__remixRouter" in window);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
});

test("a permalink to a comment on a later page of a long thread still finds it", async ({ page }) => {
  await page.goto("/articles/tullochside-house-care-home-closure-approved?page=4");
  const last = page.locator(".comments > .thread > li > .comment").last();
  const id = await last.getAttribute("id");
  await page.goto(`/articles/tullochside-house-care-home-closure-approved#${id}`);
  await expect(page).toHaveURL(new RegExp(`/comments/${id!.replace("comment-", "")}#${id}$`));
  await expect(page.locator(`#${id}`)).toBeVisible();
});
