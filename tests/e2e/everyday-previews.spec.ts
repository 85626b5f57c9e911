import { expect, test, e2eDb, signedInPage, type Locator, type Page } from "./support";
import { newResident, uniqueMark, writeComment } from "./demo-data";
import { accessibilityViolations } from "./axe";

/**
 * Issue 29 part 10 in the browser: moderators' previews are never cut through a line (whole lines, and
 * a Show all that opens by keyboard), every reply on request, and closing a story's comments keeps the
 * reason in the moderation log.
 */
const STORY_SLUG = "sandholm-memorial-hall-roof-appeal";
const LONG =
  "The harbour board met on Tuesday and heard from the ferry operator, the fishermen's association and the lifeboat crew about the new berth. ".repeat(
    5,
  );

/** Tab from `from` until `target` has the focus, as a keyboard user would; fails if it never does. */
async function tabTo(page: Page, from: Locator, target: Locator, most = 8) {
  await from.focus();
  for (let presses = 0; presses < most; presses++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`${most} presses of Tab did not reach the control`);
}

/**
 * A long preview shows whole lines, more than one and fewer than the whole text, and its Show all opens
 * the whole text by keyboard (Enter on the summary), the cut preview giving way to it.
 */
async function expectWholeLinesThenShowAll(page: Page, clamped: Locator, tabFrom: Locator, ending: string) {
  const preview = clamped.locator(".clamped__preview");
  await expect(preview).toBeVisible();
  const box = await preview.evaluate((element) => ({
    shown: element.clientHeight,
    whole: element.scrollHeight,
    line: parseFloat(getComputedStyle(element).lineHeight),
  }));
  expect(box.line).toBeGreaterThan(0);
  const lines = box.shown / box.line;
  expect(Math.abs(lines - Math.round(lines)), `${box.shown}px shown in lines of ${box.line}px`).toBeLessThan(0.05);
  expect(Math.round(lines)).toBeGreaterThanOrEqual(2);
  expect(box.whole).toBeGreaterThan(box.shown);
  // The end of the text is not shown until asked for.
  const all = clamped.locator(".clamped__more > .prose");
  await expect(all).toBeHidden();

  const summary = clamped.locator(".clamped__more > summary");
  await expect(summary).toHaveAccessibleName(/^Show all of /);
  const summaryBox = await summary.boundingBox();
  expect(summaryBox!.height).toBeGreaterThanOrEqual(44);
  await tabTo(page, tabFrom, summary);
  await page.keyboard.press("Enter");
  await expect(all).toBeVisible();
  await expect(all).toContainText(ending);
  await expect(preview).toBeHidden();
}

test("a long comment in the queue and on the account page shows whole lines and a Show all that opens by keyboard", async ({ browser }) => {
  const longAuthor = (await newResident("Longwinded")).id;
  const replier = (await newResident("Newcomer")).id;
  const mark = uniqueMark();
  const ending = `And that was the end of it ${mark}.`;
  const long = (await writeComment(STORY_SLUG, longAuthor, `${LONG}${ending}`)).id;
  const held = (await writeComment(STORY_SLUG, replier, `Held reply to a long comment ${mark}`, { parentId: long, status: "pending" })).id;

  const moderator = await signedInPage(browser, "moderator@skerrin.example");
  await moderator.goto("/moderation?tab=held");
  const item = moderator.locator(`#queue-item-${held}`);
  await expect(item).toContainText(`Held reply to a long comment ${mark}`);
  const parent = item.locator(".moderation-item__parent .clamped");
  await expectWholeLinesThenShowAll(moderator, parent, item.getByRole("heading", { level: 2 }).getByRole("link"), ending);
  expect(await accessibilityViolations(moderator)).toEqual([]);

  // The author's account page: the comment among their recent ones, the same way.
  await moderator.goto(`/moderation/users/${longAuthor}`);
  const recent = moderator.locator(".moderation-recent > li").filter({ hasText: "The harbour board met" }).first();
  await expectWholeLinesThenShowAll(moderator, recent.locator(".clamped"), recent.locator(".moderation-item__meta a"), ending);
  expect(await accessibilityViolations(moderator)).toEqual([]);

  // A short comment is shown whole, with no Show all.
  await moderator.goto(`/moderation/users/${replier}`);
  const short = moderator.locator(".moderation-recent > li").first();
  await expect(short).toContainText(`Held reply to a long comment ${mark}`);
  await expect(short.locator(".clamped")).toHaveCount(0);
  await moderator.context().close();
});

test("a comment's moderation page shows the first replies and, on request by keyboard, all of them", async ({ browser }) => {
  const author = (await newResident("Asked")).id;
  const repliers = (await newResident("Answering")).id;
  const mark = uniqueMark();
  const held = (await writeComment(STORY_SLUG, author, `Who mends the hall roof? ${mark}`, { status: "pending" })).id;
  for (let n = 1; n <= 6; n++) await writeComment(STORY_SLUG, repliers, `Answer number ${n} ${mark}`, { parentId: held });

  const moderator = await signedInPage(browser, "moderator@skerrin.example");
  await moderator.goto(`/moderation/comments/${held}`);
  const replies = moderator.locator(`#replies-${held}`);
  await expect(replies).toContainText("First 3 of 6 replies:");
  await expect(replies.locator("li")).toHaveCount(3);
  await expect(replies).not.toContainText(`Answer number 6 ${mark}`);
  expect(await accessibilityViolations(moderator)).toEqual([]);

  const showAll = replies.getByRole("link", { name: "Show all 6 replies" });
  await showAll.focus();
  await moderator.keyboard.press("Enter");
  await expect(moderator).toHaveURL(new RegExp(`/moderation/comments/${held}\\?replies=all#replies-${held}$`));
  await expect(replies).toContainText("6 replies:");
  await expect(replies.locator("li")).toHaveCount(6);
  for (let n = 1; n <= 6; n++) await expect(replies).toContainText(`Answer number ${n} ${mark}`);
  await expect(replies.getByRole("link", { name: /^Show all/ })).toHaveCount(0);
  await expect(replies).toBeInViewport();
  expect(await accessibilityViolations(moderator)).toEqual([]);
  await moderator.context().close();
});

test("closing a story's comments asks for a reason, which the moderation log keeps", async ({ browser }) => {
  const db = e2eDb();
  // A story of its own in this spec: the quietest published one with comments open.
  const story = await db
    .selectFrom("article")
    .select(["id", "slug", "headline"])
    .where("status", "=", "published")
    .where("comments_open", "=", 1)
    .where("slug", "!=", STORY_SLUG)
    .orderBy("comment_count", "asc")
    .orderBy("id")
    .executeTakeFirstOrThrow();
  await db.destroy();
  const reason = `Court case under way ${uniqueMark()}`;

  const moderator = await signedInPage(browser, "moderator@skerrin.example");
  await moderator.goto(`/moderation/stories/${story.id}`);
  await expect(moderator.getByText("Residents can comment on this story.")).toBeVisible();
  const field = moderator.getByLabel("Reason (optional, kept in the moderation log)");
  await field.focus();
  await moderator.keyboard.type(reason);
  await moderator.keyboard.press("Tab");
  await expect(moderator.getByRole("button", { name: "Close comments" })).toBeFocused();
  await moderator.keyboard.press("Enter");
  await expect(moderator.getByRole("status")).toContainText("Comments are closed on this story.");
  await expect(moderator.getByText("Comments are closed: the thread stays visible")).toBeVisible();
  const onThePage = moderator.getByRole("table", { name: "Moderation on this story" });
  await expect(onThePage.getByRole("row").filter({ hasText: reason })).toHaveCount(1);
  expect(await accessibilityViolations(moderator)).toEqual([]);

  // The moderators' log, filtered to the story, has the entry with its reason.
  await moderator.goto(`/moderation/log?story=${story.id}`);
  const entry = moderator.getByRole("row").filter({ hasText: reason });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText(/closed comments/i);
  expect(await accessibilityViolations(moderator)).toEqual([]);

  // Readers are told the comments are closed.
  const reader = await browser.newPage();
  await reader.goto(`/articles/${story.slug}`);
  await expect(reader.getByText("Comments are closed on this story.")).toBeVisible();
  await reader.context().close();
  await moderator.context().close();
});
