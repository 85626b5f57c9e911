import { expect, test, type Page, signedInPage } from "./support";

/**
 * The strict Content-Security-Policy (ADR 14) in a real browser: every script the page needs runs,
 * whether the page was rendered for this answer, came out of the anonymous cache (each copy with a
 * nonce of its own, spliced into the kept gzip), or is the shared page of signed-in readers. Chromium
 * fires `securitypolicyviolation` for anything the policy refuses; none may fire.
 */
const STORY = "/articles/tullochside-house-care-home-closure-approved";

async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("__reportViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __reportViolation: (text: string) => void }).__reportViolation(
        `${event.violatedDirective} refused ${event.blockedURI || "inline"}`,
      );
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

async function hydrated(page: Page) {
  await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter));
}

test("anonymous story pages run their scripts under the policy, rendered afresh and from the cache", async ({ browser }) => {
  const nonces: string[] = [];
  const served: string[] = [];
  // A fresh browser each visit: a browser that has the page revalidates it (304) and keeps its own copy.
  for (let visit = 0; visit < 3; visit++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations = await watchViolations(page);
    const response = await page.goto(STORY);
    expect(response?.status()).toBe(200);
    const policy = response!.headers()["content-security-policy"] ?? "";
    expect(policy).toContain("'strict-dynamic'");
    expect(policy).toContain("object-src 'none'");
    nonces.push(/'nonce-([\w-]+)'/.exec(policy)![1]!);
    served.push(`${response!.headers()["x-parley-cache"]} ${response!.headers()["content-encoding"]}`);
    await hydrated(page);
    if (visit === 2) {
      // Client-side navigation loads the next route's modules under 'strict-dynamic'.
      await page.locator(".site-brand__name").click();
      await expect(page).toHaveURL(/\/$/);
      await page.locator(".article-card__headline a[href^='/articles/']").first().click();
      await expect(page).toHaveURL(/\/articles\//);
      await expect(page.locator("h1")).toBeVisible();
    }
    expect(violations).toEqual([]);
    await context.close();
  }
  // The later visits came from the cache, gzip-encoded, and each still had a nonce of its own.
  expect(served.slice(1)).toEqual(["HIT gzip", "HIT gzip"]);
  expect(new Set(nonces).size).toBe(3);
});

test("the shared page of a signed-in reader runs its scripts under the policy, and a like works without a reload", async ({ browser }) => {
  const page = await signedInPage(browser, "hamish.drummond@skerrin.example", true);
  const violations = await watchViolations(page);
  const response = await page.goto(STORY);
  expect(response?.status()).toBe(200);
  await hydrated(page);
  // the forms are scripted once the page has hydrated: they then carry js=1
  await page.locator('#comment-form input[name="js"]').waitFor({ state: "attached" });
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  const like = page.locator("article.comment button[aria-pressed]").first();
  const pressed = await like.getAttribute("aria-pressed");
  await like.click();
  await expect(like).toHaveAttribute("aria-pressed", pressed === "true" ? "false" : "true");
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  expect(violations).toEqual([]);
  await page.context().close();
});
