import { accessibilityViolations } from "./axe";
import { expect, test } from "./support";

/**
 * Issue 29 part 8: the 1,597-comment story on a 390x844 phone. Long reply chains fold (and open for a
 * linked comment), tap targets are at least 44x44, a "Jump to comments" link sits under the headline, and
 * the header is compact. The figures it prints are the ones in README.
 */
const STORY = "/articles/tullochside-house-care-home-closure-approved";

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

test("the long story on a phone: folded chains, big targets, a jump link and a compact header", async ({ page, request }) => {
  const html = await (await request.get(STORY, { headers: { "Accept-Encoding": "identity" } })).text();
  await page.goto(STORY);
  const screen = 844;

  // The header takes a small part of the first screen.
  const header = await page.locator(".site-header").boundingBox();
  expect(header!.height / screen).toBeLessThan(0.25);

  // A jump link under the headline, with the count, that takes the reader to the comments.
  const jump = page.locator(".story__header").getByRole("link", { name: /^Jump to comments \(1,\d{3}\)$/ });
  await expect(jump).toBeVisible();
  const jumpBox = await jump.boundingBox();
  expect(jumpBox!.height).toBeGreaterThanOrEqual(44);
  await jump.click();
  await expect(page).toHaveURL(/#comments$/);

  // Every fold control is at least 44x44 px.
  const summaries = page.locator("details.thread__replies > summary, details.thread__more > summary");
  expect(await summaries.count()).toBeGreaterThan(0);
  for (const box of await summaries.evaluateAll((all) => all.slice(0, 40).map((s) => s.getBoundingClientRect()).filter((r) => r.width > 0))) {
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.width).toBeGreaterThanOrEqual(44);
  }
  // Comment actions too.
  for (const box of await page.locator(".comment__actions .comment-action").evaluateAll((all) => all.slice(0, 20).map((a) => a.getBoundingClientRect()))) {
    expect(box.height).toBeGreaterThanOrEqual(44);
  }

  // Long chains start folded: a comment inside a closed fold is not shown until asked for.
  const foldedId = await page.locator("details:not([open]) article.comment").first().getAttribute("id");
  expect(foldedId).toMatch(/^comment-\d+$/);
  await expect(page.locator(`#${foldedId}`)).toBeHidden();
  const firstThread = await page.locator(".comments > .thread > li").first().boundingBox();

  const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
  const commentsTop = await page.evaluate(() => document.getElementById("comments")!.getBoundingClientRect().top + window.scrollY);
  console.log(
    `phone figures: HTML ${Math.round(html.length / 1024)} KB, page ${(pageHeight / screen).toFixed(1)} screens, ` +
      `first thread ${(firstThread!.height / screen).toFixed(1)} screens, comments start ${(commentsTop / screen).toFixed(1)} screens down, ` +
      `header ${Math.round((header!.height / screen) * 100)}% of the first screen`,
  );
  expect(firstThread!.height / screen).toBeLessThan(6);
  expect(await accessibilityViolations(page)).toEqual([]);

  // A link to a folded comment opens its folds and shows it.
  await page.goto(`${STORY}#${foldedId}`);
  await expect(page.locator(`#${foldedId}`)).toBeVisible();
  await expect(page.locator(`#${foldedId}`)).toBeInViewport();
});
