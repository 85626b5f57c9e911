import { expect, test, type Browser, type Page, signedInPage } from "./support";
import { accessibilityViolations } from "./axe";

/**
 * The demo editor (a real session in the server's database, so this does not depend on the sign-in
 * page) writes a story, watches the preview follow the typing, publishes it, and finds it on the front
 * page and through the header's search box. A second run shows the preview working without JavaScript.
 */
const EDITOR = "editor@skerrin.example";

function editorPage(browser: Browser, javaScriptEnabled: boolean): Promise<Page> {
  return signedInPage(browser, EDITOR, javaScriptEnabled);
}

async function expectNoViolations(page: Page, label: string) {
  expect(await accessibilityViolations(page), label).toEqual([]);
}

test("an editor writes, previews and publishes a story, then finds it on the front page and in search", async ({ browser }) => {
  const page = await editorPage(browser, true);
  const unique = Date.now().toString(36);
  const headline = `Fresnel lens returns to the Skerrin lighthouse ${unique}`;

  await page.goto("/editor");
  await expect(page.getByRole("heading", { level: 1, name: "Stories" })).toBeVisible();
  await expect(page.getByRole("cell", { name: /Gala week programme announced/ })).toBeVisible();
  await expectNoViolations(page, "/editor");

  await page.getByRole("navigation", { name: "Newsroom" }).getByRole("link", { name: "Write a story" }).click();
  await expect(page).toHaveURL(/\/editor\/new$/);
  await expect(page.getByRole("heading", { level: 1, name: "Write a story" })).toBeVisible();
  await expectNoViolations(page, "/editor/new");
  // the live preview starts once the page's scripts have run
  await page.locator('form[data-live-preview="on"]').waitFor({ state: "attached" });
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

  await page.getByLabel("Headline").fill(headline);
  await page.getByLabel("Summary").fill("The restored lens will shine again from Friday night.");
  await page.getByLabel("Body").fill("The **Fresnel lens** has been restored.\n\n## What happens next\n\nKeepers will light it at dusk.");
  await page.getByRole("group", { name: "Categories" }).getByLabel("Community").check();

  // The preview follows the typing, through the same renderer readers get.
  const preview = page.getByTestId("story-preview");
  await expect(preview.locator("strong", { hasText: "Fresnel lens" })).toBeVisible();
  await expect(preview.getByRole("heading", { level: 2, name: "What happens next" })).toBeVisible();
  await expect(preview.getByText(headline)).toBeVisible();
  await expect(page.getByText(`/articles/fresnel-lens-returns-to-the-skerrin-lighthouse-${unique}`)).toBeVisible();

  // The Preview button updates the panel in place.
  await page.getByLabel("Body").fill("The **Fresnel lens** has been restored, and _polished_.");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(preview.locator("em", { hasText: "polished" })).toBeVisible();
  await expect(page).toHaveURL(/\/editor\/new$/);
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  await expectNoViolations(page, "/editor/new with a preview");

  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page).toHaveURL(/\/editor\/\d+\?saved=published$/);
  await expect(page.getByRole("status").filter({ hasText: "Published: the story is on the site." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Unpublish" })).toBeVisible();
  await expectNoViolations(page, "/editor/:id");

  // An edit keeps the earlier text as a version.
  await page.getByLabel("Summary").fill("The restored lens shines again from Friday night.");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved." })).toBeVisible();
  await page.getByRole("link", { name: "Earlier versions (1)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Versions of/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Restore/ })).toHaveCount(1);
  await expectNoViolations(page, "/editor/:id/versions");

  // Readers see it on the front page ...
  await page.goto("/");
  const link = page.getByRole("link", { name: headline, exact: true });
  await expect(link).toBeVisible();

  // ... and find it with the header's search box, the match highlighted.
  await page.getByRole("search", { name: "Site search" }).getByLabel("Search stories").fill("fresnel lighth");
  await page.getByRole("search", { name: "Site search" }).getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/search\?q=fresnel\+lighth/);
  const result = page.locator(".search-result").first();
  await expect(result.getByRole("link", { name: headline, exact: true })).toBeVisible();
  await expect(result.locator("mark").first()).toHaveText(/fresnel/i);
  await expectNoViolations(page, "/search");

  // The story page: the short link to share, and "Report an error".
  await result.getByRole("link", { name: headline, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: headline })).toBeVisible();
  await expect(page.getByText(/^Short link: http:\/\/127\.0\.0\.1:\d+\/s\/[0-9a-z]+$/)).toBeVisible();
  await expectNoViolations(page, "story page");
  const storyUrl = page.url();

  // Unpublishing takes it back to draft: gone from the front page (which the other browser tests read).
  await page.goto("/editor");
  await page.getByRole("link", { name: headline, exact: true }).click();
  await page.getByRole("button", { name: "Unpublish" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Unpublished" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save draft" })).toBeVisible();
  await page.goto("/");
  await expect(page.getByRole("link", { name: headline, exact: true })).toHaveCount(0);
  expect((await page.request.get(storyUrl)).status()).toBe(404);
});

test("a reader reports an error and the newsroom marks it handled, with JavaScript", async ({ browser }) => {
  const reader = await browser.newPage();
  await reader.goto("/");
  await reader.locator(".article-card__headline a").first().click();
  await reader.getByText("Report an error", { exact: true }).click();
  await reader.getByLabel("What is wrong?").fill("The harbour wall photo is from 2019, not this year.");
  await expect(reader.getByText("Leave this empty")).toBeHidden();
  await expectNoViolations(reader, "story page with the report form open");
  // A person takes a few seconds to write; a reply within three is treated as a robot's.
  await reader.waitForTimeout(3100);
  await reader.getByRole("button", { name: "Send to the newsroom" }).click();
  await expect(reader.getByRole("status").filter({ hasText: "Thanks — the newsroom will look at it." })).toBeVisible();
  await reader.context().close();

  const page = await editorPage(browser, true);
  await page.goto("/editor/corrections");
  const card = page.locator(".report-card", { hasText: "The harbour wall photo is from 2019" });
  await expect(card).toBeVisible();
  await expectNoViolations(page, "/editor/corrections");
  await card.getByRole("button", { name: "Mark handled" }).click();
  await expect(card).toHaveCount(0);
});

test("the preview works without JavaScript and keeps everything typed", async ({ browser }) => {
  const page = await editorPage(browser, false);
  await page.goto("/editor/new");
  await page.getByLabel("Headline").fill("No-script preview");
  await page.getByLabel("Body").fill("Plain **HTML** forms still work. <script>alert(1)</script>");
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByTestId("story-preview");
  await expect(preview.locator("strong", { hasText: "HTML" })).toBeVisible();
  await expect(preview.locator("script")).toHaveCount(0);
  await expect(page.getByLabel("Headline")).toHaveValue("No-script preview");
  await expect(page.getByLabel("Body")).toHaveValue("Plain **HTML** forms still work. <script>alert(1)</script>");

  // Nothing was saved: a mistake comes back beside its field.
  await page.getByLabel("Headline").fill("");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.locator("#headline-error")).toHaveText("Give the story a headline.");
  await expect(page.getByLabel("Body")).toHaveValue("Plain **HTML** forms still work. <script>alert(1)</script>");
});
