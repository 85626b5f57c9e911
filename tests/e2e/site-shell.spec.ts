import { expect, test, type Page, e2eDb, signedInPage } from "./support";
import { createComment } from "../../app/models/comment/writing.server";
import { rejectComment } from "../../app/models/moderation/decision.server";
import { accessibilityViolations } from "./axe";

/**
 * The site's shell where a newcomer tripped (issue 29 part 13): the header as wide as the page on the
 * wider staff pages, only the current section marked, the public moderation log readable on a phone,
 * and the footer and terms leading to it.
 */

/** A comment taken down citing rule 3 on the story with the longest headline, so the log has a row. */
async function removeOneComment(text: string): Promise<void> {
  const db = e2eDb();
  try {
    const stories = await db.selectFrom("article").select(["id", "headline"]).where("status", "=", "published").execute();
    const story = stories.sort((a, b) => b.headline.length - a.headline.length)[0]!;
    const author = await db.selectFrom("user").select("id").where("email", "=", "peter.vance@skerrin.example").executeTakeFirstOrThrow();
    const moderator = await db.selectFrom("user").select(["id", "role"]).where("email", "=", "moderator@skerrin.example").executeTakeFirstOrThrow();
    const comment = await createComment(db, { articleId: story.id, authorId: author.id, parentId: null, bodySource: text, status: "visible" });
    await rejectComment(db, { moderator, commentId: comment.id, ruleNumber: 3, note: "" });
  } finally {
    await db.destroy();
  }
}

/** Where an element's content starts and ends across the page (its box less its side padding). */
async function contentEdges(page: Page, selector: string): Promise<[number, number]> {
  return page.locator(selector).first().evaluate((element) => {
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    return [Math.round(box.left + parseFloat(style.paddingLeft)), Math.round(box.right - parseFloat(style.paddingRight))];
  });
}

test("the public moderation log reads on a phone: every column of a removal on screen, no sideways scrolling", async ({ browser }) => {
  await removeOneComment(`Taken down for the phone log ${Date.now()}`);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto("/moderation-log");
  const row = page.locator("tbody tr").first();
  await expect(row).toContainText("Rule 3");
  for (const label of ["When", "Story", "Rule", "Decision"]) {
    const cell = row.locator(`td[data-label="${label}"]`);
    await expect(cell).toBeVisible();
    const box = (await cell.boundingBox())!;
    expect(box.x, label).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, label).toBeLessThanOrEqual(390);
  }
  await expect(row.locator('td[data-label="Decision"]')).toContainText("Removed by a moderator");
  const overflow = await page.evaluate(() => {
    const scroller = document.querySelector(".table-scroll")!;
    return { page: document.documentElement.scrollWidth, scroller: scroller.scrollWidth - scroller.clientWidth };
  });
  expect(overflow.page).toBeLessThanOrEqual(390);
  expect(overflow.scroller).toBeLessThanOrEqual(0);
  expect(await accessibilityViolations(page)).toEqual([]);
  await context.close();
});

test("the header and footer are as wide as the page on the wider moderation, newsroom and admin pages", async ({ browser }) => {
  const admin = await signedInPage(browser, "admin@skerrin.example");
  await admin.setViewportSize({ width: 1400, height: 900 });
  for (const path of ["/", "/moderation", "/moderation/log", "/editor", "/editor/new", "/admin/users"]) {
    await admin.goto(path);
    const main = await contentEdges(admin, "main");
    expect(await contentEdges(admin, ".site-header"), `header on ${path}`).toEqual(main);
    expect(await contentEdges(admin, ".site-footer"), `footer on ${path}`).toEqual(main);
  }
  await admin.goto("/moderation");
  expect(await accessibilityViolations(admin)).toEqual([]);
  await admin.context().close();
});

test("the header marks only the section the reader is in: 'Replies to you', not Home, on /notifications", async ({ browser }) => {
  const reader = await signedInPage(browser, "morven.sinclair@skerrin.example");
  await reader.goto("/");
  await expect(reader.locator("header [aria-current='page']")).toHaveText(["Home"]);
  await reader.locator(".site-account").getByRole("link", { name: /Replies to you/ }).click();
  await expect(reader).toHaveURL(/\/notifications$/);
  await expect(reader.locator("header [aria-current='page']")).toHaveText([/^Replies to you/]);
  await expect(reader.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" })).not.toHaveAttribute("aria-current");
  expect(await accessibilityViolations(reader)).toEqual([]);
  await reader.context().close();
});

test("the footer and the terms of posting lead to the public moderation log; About leads to the terms", async ({ page }) => {
  await page.goto("/about");
  await page.getByRole("main").getByRole("link", { name: "terms of posting" }).click();
  await expect(page).toHaveURL(/\/terms$/);
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole("main").getByRole("link", { name: "moderation log" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Moderation log");
  await page.goto("/about");
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole("contentinfo").getByRole("link", { name: "Moderation log" }).click();
  await expect(page).toHaveURL(/\/moderation-log$/);
});
