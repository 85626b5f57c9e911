import sharp from "sharp";
import { expect, test, type Page, signedInPage } from "./support";
import { accessibilityViolations } from "./axe";

/**
 * The demo editor's tools beyond writing: two versions of a story compared side by side, picked with
 * the keyboard, with and without JavaScript; an image uploaded for a story, with its alt text.
 */
const EDITOR = "editor@skerrin.example";

async function expectNoViolations(page: Page, label: string) {
  expect(await accessibilityViolations(page), label).toEqual([]);
}

/** A draft saved twice, so it has one earlier version; returns its editing address. */
async function storyWithAVersion(page: Page, unique: string): Promise<string> {
  await page.goto("/editor/new");
  await page.getByLabel("Headline").fill(`Harbour dredging starts in spring ${unique}`);
  await page.getByLabel("Summary").fill("The work lasts six weeks.");
  await page.getByLabel("Body").fill("Boats will use the north pier while the dredger works.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/editor\/\d+\?saved=draft$/);
  const address = new URL(page.url()).pathname;
  await page.getByLabel("Headline").fill(`Harbour dredging starts in summer ${unique}`);
  await page.getByLabel("Body").fill("Boats will use the south pier while the dredger works.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: /saved/i })).toBeVisible();
  return address;
}

for (const javaScriptEnabled of [true, false]) {
  test(`an editor compares two versions side by side, by keyboard (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ browser }) => {
    const page = await signedInPage(browser, EDITOR, javaScriptEnabled);
    const unique = Date.now().toString(36);
    const address = await storyWithAVersion(page, unique);

    await page.goto(`${address}/versions`);
    const comparison = page.getByRole("region", { name: "Compare two versions" });
    await expect(comparison).toBeVisible();
    const headline = comparison.getByRole("region", { name: "Headline" });
    await expect(headline.locator("del")).toHaveText(/spring/);
    await expect(headline.locator("ins")).toHaveText(/summer/);
    const body = comparison.getByRole("region", { name: "Body" });
    await expect(body.locator("del")).toHaveText(/north/);
    await expect(body.locator("ins")).toHaveText(/south/);
    // marked without relying on colour
    expect(await headline.locator("del").evaluate((el) => getComputedStyle(el).textDecorationLine)).toContain("line-through");
    expect(await headline.locator("ins").evaluate((el) => getComputedStyle(el).textDecorationLine)).toContain("underline");
    // axe runs as a script in the page, so only where the page may run scripts
    if (javaScriptEnabled) await expectNoViolations(page, "/editor/:id/versions compared");

    // Swap the sides with the keyboard: newer = the earlier version, older = current.
    await page.getByLabel("Older version").focus();
    await page.keyboard.press("Home");
    await page.getByLabel("Newer version").focus();
    await page.keyboard.press("End");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Compare" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\?from=current&to=\d+$/);
    await expect(comparison.getByRole("region", { name: "Headline" }).locator("del")).toHaveText(/summer/);
    await expect(comparison.getByRole("region", { name: "Headline" }).locator("ins")).toHaveText(/spring/);
    if (javaScriptEnabled) await expectNoViolations(page, "/editor/:id/versions swapped");
  });
}

test("an editor uploads an image with its alt text and puts it in the story", async ({ browser }) => {
  const page = await signedInPage(browser, EDITOR, true);
  const unique = Date.now().toString(36);
  const address = await storyWithAVersion(page, unique);
  await page.goto(address);
  const upload = page.getByRole("form", { name: "Upload an image" });
  await expect(upload).toBeVisible();
  await expectNoViolations(page, "/editor/:id with the upload form");

  // no alt text: the message beside the field, and nothing stored
  const png = await sharp({ create: { width: 1600, height: 800, channels: 3, background: "#3a7ca5" } }).png().toBuffer();
  await upload.getByLabel("Image", { exact: true }).setInputFiles({ name: "harbour.png", mimeType: "image/png", buffer: png });
  await upload.getByRole("button", { name: "Upload image" }).click();
  await expect(page).toHaveURL(/\/editor\/\d+\/images$/);
  await expect(page.getByText("Describe the image for people who cannot see it.")).toBeVisible();
  await expect(page.getByLabel("Alt text")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Image", { exact: true })).not.toHaveAttribute("aria-invalid");
  await expectNoViolations(page, "/editor/:id/images with an error");

  // not an image: the typed alt text is kept
  await page.getByLabel("Alt text").fill("The dredger in the harbour mouth");
  await page.getByLabel("Image", { exact: true }).setInputFiles({ name: "notes.png", mimeType: "image/png", buffer: Buffer.from("not a picture") });
  await page.getByRole("button", { name: "Upload image" }).click();
  await expect(page.getByText("That file is not a JPEG, PNG or WebP image.")).toBeVisible();
  await expect(page.getByLabel("Alt text")).toHaveValue("The dredger in the harbour mouth");

  await page.getByLabel("Image", { exact: true }).setInputFiles({ name: "harbour.png", mimeType: "image/png", buffer: png });
  await page.getByRole("button", { name: "Upload image" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Image uploaded." })).toBeVisible();
  const image = page.getByRole("img", { name: "The dredger in the harbour mouth" });
  await expect(image).toBeVisible();
  expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1200);
  await expectNoViolations(page, "/editor/:id/images after an upload");
});

test("an editor closes a story's comments with a reason, by keyboard, and the moderators' log keeps it", async ({ browser }) => {
  const page = await signedInPage(browser, EDITOR, true);
  const unique = Date.now().toString(36);
  await page.goto("/editor/new");
  await page.getByLabel("Headline").fill(`Sheriff court hears harbour case ${unique}`);
  await page.getByLabel("Summary").fill("The hearing opens on Monday.");
  await page.getByLabel("Body").fill("The case concerns the lease of the harbour store.");
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page).toHaveURL(/\/editor\/\d+\?saved=published$/);
  const storyId = Number(/\/editor\/(\d+)/.exec(page.url())![1]);

  const open = page.getByLabel("Comments open");
  await open.focus();
  await page.keyboard.press("Space");
  await expect(open).not.toBeChecked();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Reason for closing or reopening comments (optional)")).toBeFocused();
  await page.keyboard.type("The case is before the court: no comments until it ends.");
  await expectNoViolations(page, "/editor/:id with a reason typed");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: /saved/i })).toBeVisible();
  await expect(page.getByLabel("Comments open")).not.toBeChecked();
  await page.context().close();

  const moderator = await signedInPage(browser, "moderator@skerrin.example", true);
  await moderator.goto(`/moderation/log?story=${storyId}`);
  const entry = moderator.locator("tr", { hasText: "Closed comments on a story" });
  await expect(entry).toContainText("The case is before the court: no comments until it ends.");
  await expect(entry).toContainText("Editor");
  await expectNoViolations(moderator, "/moderation/log for the story");
  await moderator.context().close();
});
