import { expect, test, outboxDir, outboxMessages, signedInPage } from "./support";
import { newResident, uniqueMark, writeComment } from "./demo-data";
import { accessibilityViolations } from "./axe";

/**
 * Issue 29 parts 4 and 11 in the browser: a moderator's removal reaches its author under "From the
 * moderators" (not among replies), by mail too, with links to the comment, the rule and the appeal; the
 * comment's link shows it to its author marked as removed. The header's Moderation link counts what
 * waits, and the count goes down when a moderator approves one.
 */
const STORY_SLUG = "sandholm-memorial-hall-roof-appeal";
const STORY = `/articles/${STORY_SLUG}`;

test("a removal reaches its author under From the moderators, by mail too, with the comment, the rule and the appeal", async ({ browser }) => {
  const author = await newResident("Removed", { trusted: true });
  const replier = await newResident("Replier", { trusted: true });
  const mark = uniqueMark();
  const text = `Everyone knows where the treasurer parks his van ${mark}`;
  const commentId = (await writeComment(STORY_SLUG, author.id, text)).id;
  // A reply to another of the author's comments, so that the page has both kinds of notice.
  const page = await signedInPage(browser, author.email);
  const other = (await writeComment(STORY_SLUG, author.id, `A fair question about the roof ${mark}`)).id;
  const replierPage = await signedInPage(browser, replier.email);
  await replierPage.goto(`/articles/${STORY_SLUG}/comments/${other}?replyTo=${other}#reply-form-${other}`);
  await replierPage.getByRole("textbox", { name: "Reply" }).fill(`A fair answer about the roof ${mark}`);
  await replierPage.getByRole("button", { name: "Post reply" }).click();
  await expect(replierPage.locator("article.comment", { hasText: `A fair answer about the roof ${mark}` })).toBeVisible();
  expect(await accessibilityViolations(replierPage)).toEqual([]);
  await replierPage.context().close();

  // The moderator takes the comment down from its moderation page, citing rule 4, with a note.
  const moderator = await signedInPage(browser, "moderator@skerrin.example");
  await moderator.goto(`/moderation/comments/${commentId}`);
  await expect(moderator.locator(".moderation-item__body")).toContainText(text);
  await moderator.locator(`#rule-${commentId}`).selectOption("4");
  await moderator.locator(`#note-${commentId}`).fill(`Locates a person ${mark}`);
  await moderator.getByRole("button", { name: /^Reject/ }).click();
  await expect(moderator.getByRole("status")).toContainText("Took the comment down.");
  expect(await accessibilityViolations(moderator)).toEqual([]);
  await moderator.context().close();

  // The author's notifications: the notice under From the moderators, the reply under Replies to you.
  await page.goto("/notifications");
  const fromModerators = page.getByRole("region", { name: "From the moderators" });
  const replies = page.getByRole("region", { name: "Replies to you" });
  await expect(fromModerators).toContainText("rule 4, Keep personal information private");
  await expect(fromModerators).toContainText(`Locates a person ${mark}`);
  await expect(fromModerators).not.toContainText(`A fair answer about the roof ${mark}`);
  await expect(replies).toContainText(`A fair answer about the roof ${mark}`);
  await expect(replies).not.toContainText(`Locates a person ${mark}`);
  const notice = fromModerators.getByRole("listitem").filter({ hasText: `Locates a person ${mark}` });
  await expect(notice.getByRole("link", { name: /^Your comment on “Sandholm Memorial Hall/ })).toHaveAttribute(
    "href",
    `${STORY}/yours#comment-${commentId}`,
  );
  await expect(notice.getByRole("link", { name: "Rule 4 of the terms of posting" })).toHaveAttribute("href", "/terms#rule-4");
  await expect(notice.getByRole("link", { name: "How to appeal this decision" })).toHaveAttribute("href", `/appeals/new?comment=${commentId}`);
  expect(await accessibilityViolations(page)).toEqual([]);

  // The rule link leads to the rule.
  await notice.getByRole("link", { name: "Rule 4 of the terms of posting" }).click();
  await expect(page).toHaveURL(/\/terms#rule-4$/);
  await expect(page.locator("#rule-4")).toContainText("Keep personal information private");
  await expect(page.locator("#rule-4")).toBeInViewport();

  // The comment link shows the comment to its author, marked as removed, with its own way to appeal.
  await page.goto("/notifications");
  await notice.getByRole("link", { name: /^Your comment on/ }).click();
  await expect(page).toHaveURL(new RegExp(`${STORY}/yours#comment-${commentId}$`));
  const removed = page.locator(`#comment-${commentId}`);
  await expect(removed).toBeInViewport();
  await expect(removed).toContainText(text);
  await expect(removed).toContainText("Removed by a moderator: rule 4");
  await expect(removed).toContainText("Only you can see this comment.");
  expect(await accessibilityViolations(page)).toEqual([]);

  // The appeal link opens the appeal form for this comment.
  await page.goto("/notifications");
  await notice.getByRole("link", { name: "How to appeal this decision" }).click();
  await expect(page).toHaveURL(new RegExp(`/appeals/new\\?comment=${commentId}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Appeal a decision" })).toBeVisible();
  await expect(page.locator("main")).toContainText(text);
  expect(await accessibilityViolations(page)).toEqual([]);

  // Nobody else sees the removed words on the story.
  const reader = await browser.newPage();
  await reader.goto(`${STORY}/comments/${commentId}`);
  await expect(reader.getByText(text)).toHaveCount(0);
  await reader.context().close();

  // The same notice went by mail, with the same three links.
  let mail: { text: string; subject: string } | undefined;
  await expect
    .poll(async () => {
      mail = (await outboxMessages()).find((m) => m.to.includes(author.email) && m.subject === "A notice from the moderators");
      return mail !== undefined;
    }, { message: `a notice to ${author.email} in ${outboxDir()}` })
    .toBe(true);
  expect(mail!.text).toContain("rule 4, Keep personal information private");
  expect(mail!.text).toContain(`Note from the moderator: Locates a person ${mark}`);
  expect(mail!.text).toMatch(new RegExp(`https?://\\S+${STORY}/yours#comment-${commentId}`));
  expect(mail!.text).toMatch(/https?:\/\/\S+\/terms#rule-4/);
  expect(mail!.text).toMatch(new RegExp(`https?://\\S+/appeals/new\\?comment=${commentId}`));
  await page.context().close();
});

test("the header's Moderation link counts what waits, and the count goes down when one is approved", async ({ browser }) => {
  const author = await newResident("Held", { trusted: true });
  const heldId = (await writeComment(STORY_SLUG, author.id, `Held for the header count ${uniqueMark()}`, { status: "pending" })).id;
  const resident = await signedInPage(browser, author.email);
  await resident.goto("/notifications");
  // Residents see neither the link nor a count.
  await expect(resident.getByRole("navigation", { name: "Your account" }).getByRole("link", { name: /^Moderation/ })).toHaveCount(0);
  await resident.context().close();

  const moderator = await signedInPage(browser, "moderator@skerrin.example");
  await moderator.goto("/notifications");
  const link = moderator.getByRole("navigation", { name: "Your account" }).getByRole("link", { name: /^Moderation/ });
  await expect(link).toHaveAccessibleName(/^Moderation \d+ waiting$/);
  const count = async () => Number(/^Moderation\s*(\d+) waiting$/.exec((await link.textContent()) ?? "")?.[1] ?? 0);
  const before = await count();
  expect(before).toBeGreaterThan(0);
  expect(await accessibilityViolations(moderator)).toEqual([]);

  // Into the queue by keyboard from the header, and the held comment approved there.
  await link.focus();
  await moderator.keyboard.press("Enter");
  await expect(moderator.getByRole("heading", { level: 1 })).toHaveText("Moderation queue");
  await moderator.goto("/moderation?tab=held");
  const item = moderator.locator(`#queue-item-${heldId}`);
  await expect(item).toBeVisible();
  await item.getByRole("button", { name: /^Approve/ }).click();
  await expect(item.getByRole("status")).toHaveText(/Approved/);
  // The header follows without a reload, and on the next page too.
  await expect(link).toHaveAccessibleName(`Moderation ${before - 1} waiting`);
  await moderator.goto("/notifications");
  await expect(link).toHaveAccessibleName(`Moderation ${before - 1} waiting`);
  // The shared story page's header, filled in from the reader's own layer, says the same.
  await moderator.goto(STORY);
  await expect(link).toHaveAccessibleName(`Moderation ${before - 1} waiting`);
  expect(await accessibilityViolations(moderator)).toEqual([]);
  await moderator.context().close();
});
