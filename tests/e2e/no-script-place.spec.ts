import { expect, test, e2eDb, signedInPage } from "./support";
import { makeComment } from "../factories";
import { accessibilityViolations } from "./axe";

/**
 * Issue 29, part 1, in Chromium with JavaScript off: on page 3 of the long story in the newest order,
 * Like, Report and Delete each bring the reader back to that page and to the comment, with the
 * message beside it; Delete asks first.
 */
test("without JavaScript, Like, Report and Delete on page 3 come back to page 3 and to the comment", async ({ browser }) => {
  test.setTimeout(120_000);
  const db = e2eDb();
  const story = await db.selectFrom("article").select(["id", "slug"]).orderBy("comment_count", "desc").executeTakeFirstOrThrow();
  const reader = await db.selectFrom("user").select(["id", "email"]).where("email", "=", "hamish.drummond@skerrin.example").executeTakeFirstOrThrow();
  // Page 3 in the newest order: threads 101 to 150, newest first.
  const roots = await db
    .selectFrom("comment")
    .select(["id", "author_id"])
    .where("article_id", "=", story.id)
    .where("parent_id", "is", null)
    .where("status", "=", "visible")
    .where("author_id", "!=", reader.id)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .offset(110)
    .limit(3)
    .execute();
  const [liked, reported, host] = roots.map((root) => root.id) as [number, number, number];
  const before = await makeComment(db, { articleId: story.id, authorId: reader.id, parentId: host, bodySource: "A first word on page three" });
  const mine = await makeComment(db, { articleId: story.id, authorId: reader.id, parentId: host, bodySource: "A second word, soon taken back" });
  await db.destroy();

  const page = await signedInPage(browser, "hamish.drummond@skerrin.example", false);
  const place = `/articles/${story.slug}?sort=newest&page=3`;
  await page.goto(place);
  await expect(page.locator(`#comment-${liked}`)).toBeVisible();

  // Like: back on page 3, at the comment.
  await page.locator(`#comment-${liked} .comment__actions button`).first().click();
  await expect(page).toHaveURL(new RegExp(`\\?sort=newest&page=3#comment-${liked}$`));
  await expect(page.locator(`#comment-${liked}`)).toBeInViewport();

  // Report: the form opens on the reader's own page, and the thanks comes back beside the comment.
  await page.locator(`#comment-${reported} .comment__actions`).getByRole("link", { name: "Report" }).click();
  await page.locator(`#report-form-${reported}`).getByLabel("Spam").check();
  await page.locator(`#report-form-${reported}`).getByRole("button", { name: "Send report" }).click();
  await expect(page).toHaveURL(new RegExp(`\\?sort=newest&page=3&reported=${reported}#comment-${reported}$`));
  await expect(page.locator(`#reported-${reported}`)).toContainText("Thanks, a moderator will look at it.");
  await expect(page.locator(`#reported-${reported}`)).toBeInViewport();

  // Delete: asked first, beside the comment; then back at the comment before it.
  await page.locator(`#comment-${mine.id} .comment__actions`).getByRole("link", { name: "Delete" }).click();
  await expect(page).toHaveURL(new RegExp(`delete=${mine.id}#comment-${mine.id}$`));
  await expect(page.locator(`#delete-form-${mine.id}`)).toContainText("Delete this comment?");
  await page.locator(`#delete-form-${mine.id}`).getByRole("button", { name: "Delete it" }).click();
  await expect(page).toHaveURL(new RegExp(`\\?sort=newest&page=3#comment-${before.id}$`));
  await expect(page.locator(`#comment-${mine.id}`)).toHaveCount(0);
  await expect(page.locator(`#comment-${before.id}`)).toBeInViewport();

  // The pages these answers lead to pass axe (checked with scripts on, which axe needs).
  const checked = await signedInPage(browser, "hamish.drummond@skerrin.example", true);
  for (const address of [`${place}&reported=${reported}`, `${place}&delete=${before.id}`]) {
    await checked.goto(address);
    expect(await accessibilityViolations(checked), address).toEqual([]);
  }
  await page.context().close();
  await checked.context().close();
});
