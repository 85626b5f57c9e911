import { expect, test } from "./support";
import { sanctionUser } from "../../app/models/moderation/sanction.server";
import { createUser } from "../../app/models/user.server";
import { accessibilityViolations } from "./axe";
import { e2eDb, signedInPage } from "./support";

/**
 * Issue 29 parts 3 and 5 in the browser: a suspended resident is told on the shared story page (after
 * hydration) and in settings until when, under which rule and how to appeal, and is offered no Like or
 * Report; a new resident is told before posting that the comment will wait for a moderator.
 */
const STORY = "/articles/inchmurran-winter-sailings-cut-to-three-days";

async function newResident(label: string, suspend: boolean): Promise<string> {
  const db = e2eDb();
  try {
    const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
    const email = `${label.toLowerCase()}-${stamp}@skerrin.example`;
    const user = await createUser(db, { email, displayName: `${label} ${stamp}`, passwordHash: null, emailVerified: true, termsVersion: 1 });
    if (suspend) {
      const moderator = await db.selectFrom("user").select(["id", "role"]).where("email", "=", "moderator@skerrin.example").executeTakeFirstOrThrow();
      await sanctionUser(db, { moderator, userId: user.id, kind: "suspend", ruleNumber: 3, note: "Time to cool off", days: 2 });
    }
    return email;
  } finally {
    await db.destroy();
  }
}

for (const javaScriptEnabled of [true, false]) {
  test(`a suspended resident is told until when, why and how to appeal, and offered no Like or Report (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async ({
    browser,
  }) => {
    const page = await signedInPage(browser, await newResident("Suspended", true), javaScriptEnabled);
    // Without JavaScript the story page rendered for the reader is reached by "Write your comment".
    await page.goto(javaScriptEnabled ? STORY : `${STORY}?write=1#comment-form`);
    const notice = page.locator("#comment-form");
    await expect(notice).toContainText(/suspended from posting, liking and reporting until \d{1,2} \w{3} \d{4}/);
    await expect(notice.getByRole("link", { name: "rule 3" })).toHaveAttribute("href", "/terms#rule-3");
    await expect(notice).toContainText("Time to cool off");
    await expect(page.locator("article.comment").first()).toBeVisible();
    await expect(page.locator("article.comment .comment-action", { hasText: /^(Like|Liked)/ })).toHaveCount(0);
    await expect(page.locator("article.comment").getByRole(javaScriptEnabled ? "button" : "link", { name: "Report" })).toHaveCount(0);
    if (javaScriptEnabled) expect(await accessibilityViolations(page)).toEqual([]);
    await notice.getByRole("link", { name: "Appeal this decision" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Appeal a decision" })).toBeVisible();
    await expect(page.getByText("A suspension of your account")).toBeVisible();

    await page.goto("/settings");
    const standing = page.locator("#standing");
    await expect(standing).toContainText("Your standing");
    await expect(standing).toContainText(/until \d{1,2} \w{3} \d{4}/);
    await expect(standing.getByRole("link", { name: "Your appeals" })).toHaveAttribute("href", "/appeals");
    await expect(standing.getByRole("link", { name: "Appeal this decision" })).toHaveAttribute("href", /^\/appeals\/new\?sanction=\d+$/);
    if (javaScriptEnabled) expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });
}

test("a new resident is told before posting that the comment will wait, and why", async ({ browser }) => {
  const page = await signedInPage(browser, await newResident("Newcomer", false));
  await page.goto(STORY);
  const notice = page.locator("#hold-notice");
  await expect(notice).toContainText("Until a moderator has approved your first comment");
  await notice.getByRole("link", { name: "Why" }).click();
  await expect(page.locator("#review")).toContainText("until a moderator has approved their first comment");
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.context().close();
});
