import { expect, test, e2eDb, signedInPage, type Page } from "./support";
import { newResident, uniqueMark, writeComment } from "./demo-data";
import { EDIT_WINDOW_MINUTES } from "../../app/utils/comment-rules";
import { accessibilityViolations } from "./axe";

/**
 * Issue 29 part 9 in the browser: the edit form on one's own comment says until when it can be edited
 * (and, with JavaScript, the minutes left); a save after the window keeps the new text and offers to post
 * it as a new reply or comment in the same place, which works, with and without JavaScript. The window is
 * passed by making the comment older in the server's database.
 */
const STORY_SLUG = "inchmurran-winter-sailings-cut-to-three-days";
const STORY = `/articles/${STORY_SLUG}`;

/** A trusted resident of this test alone, their comment (a reply when parentText is given), just posted. */
async function residentWithComment(text: string, parentText?: string) {
  const resident = await newResident("Ailsa", { trusted: true });
  const other = await newResident("Morag", { trusted: true });
  const parentId = parentText ? (await writeComment(STORY_SLUG, other.id, parentText)).id : null;
  const comment = await writeComment(STORY_SLUG, resident.id, text, parentId === null ? {} : { parentId });
  return { email: resident.email, commentId: comment.id, createdAt: comment.createdAt, parentId };
}

/** The edit window passes: the comment was posted a minute more than the window ago. */
async function makeOlder(commentId: number) {
  const db = e2eDb();
  try {
    const old = new Date(Date.now() - (EDIT_WINDOW_MINUTES + 1) * 60_000).toISOString();
    await db.updateTable("comment").set({ created_at: old }).where("id", "=", commentId).execute();
  } finally {
    await db.destroy();
  }
}

async function commentsBy(email: string) {
  const db = e2eDb();
  try {
    return await db
      .selectFrom("comment")
      .innerJoin("user", "user.id", "comment.author_id")
      .select(["comment.id", "comment.parent_id", "comment.body_source", "comment.status"])
      .where("user.email", "=", email)
      .orderBy("comment.id")
      .execute();
  } finally {
    await db.destroy();
  }
}

async function expectWindowShown(page: Page, commentId: number, createdAt: string, withMinutesLeft: boolean) {
  const ends = new Date(Date.parse(createdAt) + EDIT_WINDOW_MINUTES * 60_000).toISOString();
  const form = page.locator(`#edit-form-${commentId}`);
  await expect(form).toContainText(
    withMinutesLeft ? /You can edit this comment until .+ \(1[45] minutes left\)\./ : /You can edit this comment until [^(]+\.$/,
  );
  await expect(form.locator("time")).toHaveAttribute("datetime", ends);
}

test("with JavaScript: the edit form says until when and the minutes left; a late save keeps the text and posts it as a new reply", async ({ browser }) => {
  const mark = uniqueMark();
  const parentText = `When does the winter timetable start? ${mark}`;
  const { email, commentId, createdAt, parentId } = await residentWithComment(`From the first of November ${mark}`, parentText);
  const page = await signedInPage(browser, email);
  await page.goto(`${STORY}?sort=newest`);
  const comment = page.locator(`#comment-${commentId}`);

  // Edit opens by keyboard; the form says until when, and the minutes left.
  const edit = comment.locator(".comment__actions").getByRole("button", { name: "Edit" });
  await edit.focus();
  await page.keyboard.press("Enter");
  const box = page.getByRole("textbox", { name: "Edit your comment" });
  await expect(box).toBeFocused();
  await expectWindowShown(page, commentId, createdAt, true);
  expect(await accessibilityViolations(page)).toEqual([]);

  // The window passes while the reader types: the save is refused, the new text stays, a repost is offered.
  await makeOlder(commentId);
  const late = `From the third of November, sorry ${mark}`;
  await box.fill(late);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Save changes" })).toBeFocused();
  await page.keyboard.press("Enter");
  const form = page.locator(`#edit-form-${commentId}`);
  await expect(form).toContainText("that time has passed. Your new text is still here: you can post it as a new reply");
  await expect(box).toHaveValue(late);
  // The form no longer promises time left: it says when the window ended.
  await expect(form).toContainText(/The time to edit this comment ended at .+\./);
  await expect(form).not.toContainText("minutes left");
  expect((await commentsBy(email)).map((c) => c.body_source)).toEqual([`From the first of November ${mark}`]);
  const repost = form.getByRole("button", { name: "Post it as a new reply" });
  await expect(repost).toBeVisible();
  expect(await accessibilityViolations(page)).toEqual([]);

  // Posted in place: the new reply takes the focus and the edit form closes, so nothing is posted twice.
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  await repost.click();
  const posted = page.locator("article.comment", { has: page.locator(":scope > .comment__body", { hasText: late }) });
  await expect(posted).toBeFocused();
  await expect(page.getByRole("textbox", { name: "Edit your comment" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Post it as a new/ })).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  await expect(page.locator(`#comment-${commentId} > .comment__body`)).toHaveText(`From the first of November ${mark}`);
  const mine = await commentsBy(email);
  expect(mine).toEqual([
    { id: commentId, parent_id: parentId, body_source: `From the first of November ${mark}`, status: "visible" },
    { id: expect.any(Number), parent_id: parentId, body_source: late, status: "visible" },
  ]);
  await expect(page.locator(`#comment-${mine[1]!.id}`)).toContainText(late);
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.context().close();
});

test("without JavaScript: the edit form says until when; a late save keeps the text and posts it as a new comment", async ({ browser }) => {
  const mark = uniqueMark();
  const first = `The ferry office opens at eight ${mark}`;
  const { email, commentId, createdAt } = await residentWithComment(first);
  const page = await signedInPage(browser, email, false);
  // The story page rendered for its reader, the way in without JavaScript.
  await page.goto(`${STORY}?sort=newest&write=1`);
  const comment = page.locator(`#comment-${commentId}`);
  await comment.locator(".comment__actions").getByRole("link", { name: "Edit" }).click();
  await expect(page).toHaveURL(new RegExp(`edit=${commentId}#edit-form-${commentId}$`));
  await expectWindowShown(page, commentId, createdAt, false);
  const editAddress = page.url();

  await makeOlder(commentId);
  const late = `The ferry office opens at half past eight ${mark}`;
  const box = page.getByRole("textbox", { name: "Edit your comment" });
  await box.fill(late);
  await page.getByRole("button", { name: "Save changes" }).click();
  const form = page.locator(`#edit-form-${commentId}`);
  await expect(form).toContainText("that time has passed. Your new text is still here: you can post it as a new comment");
  await expect(box).toHaveValue(late);
  expect((await commentsBy(email)).map((c) => c.body_source)).toEqual([first]);
  const repost = form.getByRole("button", { name: "Post it as a new comment" });
  await expect(repost).toBeVisible();

  await repost.click();
  const mine = await commentsBy(email);
  expect(mine).toEqual([
    { id: commentId, parent_id: null, body_source: first, status: "visible" },
    { id: expect.any(Number), parent_id: null, body_source: late, status: "visible" },
  ]);
  await expect(page).toHaveURL(new RegExp(`#comment-${mine[1]!.id}$`));
  await expect(page.locator(`#comment-${mine[1]!.id}`)).toContainText(late);
  await expect(page.locator(`#comment-${mine[1]!.id}`)).toBeInViewport();

  // The edit form's page passes axe (checked with scripts on, which axe needs).
  const checked = await signedInPage(browser, email, true);
  await checked.goto(editAddress.replace(/edit=\d+/, `edit=${mine[1]!.id}`).replace(/#edit-form-\d+$/, `#edit-form-${mine[1]!.id}`));
  await expect(checked.getByRole("textbox", { name: "Edit your comment" })).toHaveValue(late);
  expect(await accessibilityViolations(checked)).toEqual([]);
  await page.context().close();
  await checked.context().close();
});
