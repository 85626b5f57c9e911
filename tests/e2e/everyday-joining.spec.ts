import { expect, newestLinkTo, test, type Page } from "./support";
import { accessibilityViolations } from "./axe";

/**
 * Issue 29 part 6 in the browser: joining keeps the story. A visitor on a story follows "join the
 * discussion", joins, and the confirmation link followed in the same browser signs them in and brings
 * them back to the story's comment box; followed in another browser it confirms the address, and the
 * sign-in it offers returns to the story. (tests/e2e/accounts.spec.ts covers the same browser from /about.)
 */
const STORY = "/articles/sandholm-memorial-hall-roof-appeal";
const PASSWORD = "kelp-forest-lantern-9";

/** From the story, as a visitor: "join the discussion" under the comments, and the join form filled in. */
async function joinFromTheStory(page: Page, name: string, email: string) {
  await page.goto(STORY);
  const invitation = page.locator("#comment-form");
  await expect(invitation).toContainText("Sign in to comment or join the discussion");
  await invitation.getByRole("link", { name: "join the discussion" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Join" })).toBeVisible();
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByLabel("Display name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("I agree to the terms of posting").check();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Continue where you were" })).toHaveAttribute("href", `${STORY}#comment-form`);
  expect(await accessibilityViolations(page)).toEqual([]);
}

/** Signed in on the story, at its comment box. */
async function expectAtTheCommentBox(page: Page, name: string) {
  await expect(page).toHaveURL(new RegExp(`${STORY}#comment-form$`));
  await expect(page.getByRole("navigation", { name: "Your account" }).getByRole("link", { name: new RegExp(name) })).toBeVisible();
  const box = page.getByRole("textbox", { name: "Comment", exact: true });
  await expect(box).toBeVisible();
  await expect(box).toBeInViewport();
  await expect(page.locator("#comment-form")).toContainText(`Posting as ${name}`);
}

test("the confirmation link followed in the browser that joined signs the newcomer in at the story's comment box", async ({ page }) => {
  const stamp = Date.now().toString(36);
  const name = `Ishbel Joiner ${stamp}`;
  const email = `ishbel.${stamp}@parley.example`;
  await joinFromTheStory(page, name, email);

  const link = await newestLinkTo(email);
  expect(link).toMatch(/^\/verify-email\/[a-z2-7]{32}$/);
  await page.goto(link);
  await expectAtTheCommentBox(page, name);
  expect(await accessibilityViolations(page)).toEqual([]);
});

test("the confirmation link followed in another browser confirms the address, and signing in there returns to the story", async ({ page, browser }) => {
  const stamp = Date.now().toString(36);
  const name = `Lachlan Joiner ${stamp}`;
  const email = `lachlan.${stamp}@parley.example`;
  await joinFromTheStory(page, name, email);
  const link = await newestLinkTo(email);

  // Another browser (the phone the mail was read on): no joining cookie, so nobody is signed in by the link.
  const other = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const phone = await other.newPage();
  await phone.goto(link);
  await expect(phone.getByRole("heading", { level: 1, name: "Email address confirmed" })).toBeVisible();
  const account = phone.getByRole("navigation", { name: "Your account" });
  await expect(account.getByRole("link", { name: "Sign in" })).toBeVisible();
  expect(await accessibilityViolations(phone)).toEqual([]);
  await phone.getByRole("main").getByRole("link", { name: "Sign in" }).click();
  await expect(phone).toHaveURL(/\/login\?redirectTo=/);
  expect(await accessibilityViolations(phone)).toEqual([]);
  await phone.getByLabel("Email").fill(email);
  await phone.getByLabel("Password").fill(PASSWORD);
  await phone.getByLabel("Password").press("Enter");
  await expectAtTheCommentBox(phone, name);
  expect(await accessibilityViolations(phone)).toEqual([]);
  await other.close();

  // The browser that joined is still not signed in, and the used link does not sign it in now.
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "This link does not work" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Your account" }).getByRole("link", { name: "Sign in" })).toBeVisible();
});
