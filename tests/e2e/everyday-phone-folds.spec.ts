import { accessibilityViolations } from "./axe";
import { expect, test, type Locator } from "./support";

/**
 * Issue 29 part 8, the fold controls themselves: on a 390x844 phone, on the 1,597-comment story, a
 * folded "Show N more replies" opens by a tap, and another by the keyboard (Tab to its summary, Enter),
 * showing the replies it held. (tests/e2e/phone.spec.ts measures the page and opens folds by a link.)
 */
const STORY = "/articles/tullochside-house-care-home-closure-approved";

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

async function expectOpened(fold: Locator) {
  await expect(fold).toHaveAttribute("open", "");
  const first = fold.locator(":scope > ol > li > article.comment").first();
  await expect(first).toBeVisible();
}

test("on a phone, a folded reply chain opens by a tap, and its 'Show N more replies' by Tab and Enter", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(STORY);
  // The page has run its scripts: the story's forms carry js=1 once hydrated.
  await page.locator('form input[name="js"]').first().waitFor({ state: "attached" });
  // A chain folded from the third level down that also holds more than five replies, so a second fold.
  await page
    .locator(".comments details.thread__replies:not([open]):has(> details.thread__more)")
    .first()
    .evaluate((element) => element.setAttribute("data-chain", ""));
  const chain = page.locator("[data-chain]");
  const chainSummary = chain.locator(":scope > summary");
  await expect(chainSummary).toBeVisible();
  await expect(chainSummary).toHaveText(/^\d+ repl(y|ies)$/);
  await expect(chain.locator(":scope > ol > li > article.comment").first()).toBeHidden();

  // A tap on the summary opens the chain.
  await chainSummary.scrollIntoViewIfNeeded();
  await chainSummary.tap();
  await expectOpened(chain);

  // The keyboard: from the control just before it, Tab reaches "Show N more replies" and Enter opens it.
  const more = chain.locator(":scope > details.thread__more");
  const moreSummary = more.locator(":scope > summary");
  await expect(moreSummary).toHaveText(/^Show \d+ more repl(y|ies)$/);
  const hiddenId = await more.evaluate((element) => element.querySelector("article.comment")!.id);
  await expect(page.locator(`#${hiddenId}`)).toBeHidden();
  await moreSummary.evaluate((summary) => {
    const focusable = [...document.querySelectorAll<HTMLElement>("a[href], button, summary, textarea, input, select")];
    const before = focusable.slice(0, focusable.indexOf(summary as HTMLElement)).filter((element) => element.checkVisibility());
    before[before.length - 1]!.setAttribute("data-before-fold", "");
  });
  await page.locator("[data-before-fold]").focus();
  await page.keyboard.press("Tab");
  await expect(moreSummary).toBeFocused();
  await page.keyboard.press("Enter");
  await expectOpened(more);
  await expect(page.locator(`#${hiddenId}`)).toBeVisible();
  // Enter again folds it back.
  await page.keyboard.press("Enter");
  await expect(more).not.toHaveAttribute("open", "");
  await expect(page.locator(`#${hiddenId}`)).toBeHidden();
  expect(await accessibilityViolations(page)).toEqual([]);
});
