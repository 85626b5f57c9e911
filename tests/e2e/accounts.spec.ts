import { expect, newestLinkTo, test, type Page } from "./support";
import { accessibilityViolations } from "./axe";

const DEMO_PASSWORD = "harbour-lights-42";

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a newcomer joins, confirms the address from the mail, then signs in, out and back in", async ({ page }) => {
  const stamp = Date.now().toString(36);
  const name = `Eilidh Tester ${stamp}`;
  const email = `eilidh.${stamp}@parley.example`;

  await page.goto("/about");
  await page.getByRole("navigation", { name: "Your account" }).getByRole("link", { name: "Join" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Join" })).toBeVisible();
  // With JavaScript the forms submit without reloading the page: a marker on the window survives.
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

  // A first try with a mistake: the message sits beside its field and what was typed stays.
  await page.getByLabel("Display name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("password123");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#password-error")).toContainText("most common");
  await expect(page.locator("#terms-error")).toHaveText("Agree to the terms of posting to join.");
  await expect(page.getByLabel("Display name")).toHaveValue(name);
  await expect(page.getByLabel("Password")).toHaveValue("");
  await expect(page.getByLabel("Password")).toBeFocused();

  await page.getByLabel("Password").fill("kelp-forest-lantern-9");
  await page.getByLabel("I agree to the terms of posting").check();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  const account = page.getByRole("navigation", { name: "Your account" });
  // Nobody is signed in until the address is confirmed, so joining with a registered address looks the same.
  await expect(account.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Continue where you were" })).toHaveAttribute("href", "/about");
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

  const link = await newestLinkTo(email);
  expect(link).toMatch(/^\/verify-email\/[a-z2-7]{32}$/);
  // Followed in the browser that joined, the link signs the newcomer in and brings them back (issue 29 part 6).
  await page.goto(link);
  await expect(page).toHaveURL(/\/about$/);
  await expect(account.getByRole("link", { name: new RegExp(name) })).toBeVisible();
  await account.getByRole("button", { name: "Sign out" }).click();
  await expect(account.getByRole("link", { name: "Sign in" })).toBeVisible();

  await page.goto("/about");
  await account.getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fabout$/);
  await signIn(page, email, "kelp-forest-lantern-9");
  await expect(page).toHaveURL(/\/about$/);
  await expect(account.getByRole("link", { name: new RegExp(name) })).toBeVisible();

  await account.getByRole("link", { name: new RegExp(name) }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your settings" })).toBeVisible();
  await expect(page.locator(".session-list__current")).toHaveText(" (this device)");
});

test("without JavaScript, a failed sign-in shows the error beside the password and keeps the email", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  await page.goto("/login");
  await signIn(page, "morven.sinclair@skerrin.example", "not-the-right-password");
  await expect(page.locator("#password-error")).toHaveText("The email address or password is not right.");
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Email")).toHaveValue("morven.sinclair@skerrin.example");
  await expect(page.getByLabel("Password")).toHaveValue("");

  await signIn(page, "morven.sinclair@skerrin.example", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("navigation", { name: "Your account" }).getByRole("link", { name: /Morven Sinclair/ })).toBeVisible();
  await context.close();
});

test("the account pages have no accessibility violations", async ({ page }) => {
  for (const path of ["/join", "/login", "/forgot-password", "/verify-email?status=sent", "/reset-password/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]) {
    await page.goto(path);
    expect(await accessibilityViolations(page), path).toEqual([]);
  }
  // a form showing its errors
  await page.goto("/join");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#displayName-error")).toBeVisible();
  expect(await accessibilityViolations(page), "/join with errors").toEqual([]);

  await page.goto("/login?redirectTo=%2Fadmin%2Fusers");
  await signIn(page, "admin@skerrin.example", DEMO_PASSWORD);
  await expect(page.getByRole("heading", { level: 1, name: "People and roles" })).toBeVisible();
  expect(await accessibilityViolations(page), "/admin/users").toEqual([]);
  await page.goto("/admin/users?q=sinclair");
  expect(await accessibilityViolations(page), "/admin/users?q=sinclair").toEqual([]);
  await page.goto("/settings");
  expect(await accessibilityViolations(page), "/settings").toEqual([]);
});
