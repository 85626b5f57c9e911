import { expect, test, type Locator, type Page } from "./support";
import { rejectComment } from "../../app/models/moderation/decision.server";
import { createUser } from "../../app/models/user.server";
import { makeComment } from "../factories";
import { accessibilityViolations } from "./axe";
import { e2eDb, signedInPage } from "./support";

/**
 * Issue 15 part 4 in the browser: a resident appeals the removal of their comment; the moderator the
 * appeal went to answers it by keyboard alone (Tab, arrow keys, typing, Enter), with focus visible at
 * each step; the resident sees the answer and the comment back. Axe on every page visited.
 */
const STORY = "home-care-waiting-list-sandholm-glenscarra";

async function removedComment(): Promise<{ email: string; commentId: number; body: string }> {
  const db = e2eDb();
  try {
    const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
    const email = `appellant-${stamp}@skerrin.example`;
    const user = await createUser(db, { email, displayName: `Appellant ${stamp}`, passwordHash: null, emailVerified: true, termsVersion: 1 });
    const story = await db.selectFrom("article").select("id").where("slug", "=", STORY).executeTakeFirstOrThrow();
    const body = `The care board's figures do not add up (${stamp})`;
    const comment = await makeComment(db, { articleId: story.id, authorId: user.id, bodySource: body });
    const moderator = await db.selectFrom("user").select(["id", "role"]).where("email", "=", "moderator@skerrin.example").executeTakeFirstOrThrow();
    await rejectComment(db, { moderator, commentId: comment.id, ruleNumber: 3, note: "Reads as an attack on the board's staff." });
    return { email, commentId: comment.id, body };
  } finally {
    await db.destroy();
  }
}

async function appealReader(commentId: number): Promise<{ appealId: number; email: string }> {
  const db = e2eDb();
  try {
    const row = await db
      .selectFrom("appeal")
      .innerJoin("user", "user.id", "appeal.assigned_to")
      .select(["appeal.id", "user.email"])
      .where("appeal.comment_id", "=", commentId)
      .executeTakeFirstOrThrow();
    return { appealId: row.id, email: row.email! };
  } finally {
    await db.destroy();
  }
}

/** Presses Tab until the target has focus (at most `max` times), as a keyboard user would. */
async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`Could not reach ${target.toString()} with Tab`);
}

/** The focused element shows where it is: an outline or a box shadow. */
async function expectVisibleFocus(target: Locator) {
  const style = await target.evaluate((element) => {
    const css = getComputedStyle(element);
    return { outline: css.outlineStyle !== "none" && parseFloat(css.outlineWidth) > 0, shadow: css.boxShadow !== "none" };
  });
  expect(style.outline || style.shadow).toBe(true);
}

test("a resident appeals a removal; the moderator it went to reverses it by keyboard alone; the resident sees the answer", async ({ browser }) => {
  const { email, commentId, body } = await removedComment();

  const resident = await signedInPage(browser, email);
  await resident.goto("/appeals");
  await expect(resident.getByRole("heading", { level: 1, name: "Your appeals" })).toBeVisible();
  expect(await accessibilityViolations(resident)).toEqual([]);
  await resident.getByRole("link", { name: "Appeal this decision" }).first().click();
  await expect(resident.getByRole("heading", { level: 1, name: "Appeal a decision" })).toBeVisible();
  await expect(resident.getByText(body)).toBeVisible();
  await expect(resident.getByText("Reads as an attack on the board's staff.")).toBeVisible();
  // Sent empty: the message is beside the field and nothing is lost.
  await resident.getByRole("button", { name: "Send the appeal" }).evaluate((button) => button.closest("form")?.setAttribute("novalidate", ""));
  await resident.getByRole("button", { name: "Send the appeal" }).click();
  await expect(resident.locator("#body-error")).toHaveText("Say in a few words why the decision was wrong.");
  expect(await accessibilityViolations(resident)).toEqual([]);
  await resident.getByLabel("Why was the decision wrong?").fill("I questioned the figures, not the people. The board published them last week.");
  await resident.getByRole("button", { name: "Send the appeal" }).click();
  await expect(resident.getByRole("status").filter({ hasText: "Your appeal was sent." })).toBeVisible();
  await expect(resident.getByText("Waiting for a moderator’s answer.")).toBeVisible();

  const { appealId, email: readerEmail } = await appealReader(commentId);
  expect(readerEmail).not.toBe("moderator@skerrin.example");
  const reader = await signedInPage(browser, readerEmail);
  await reader.goto("/moderation/appeals");
  expect(await accessibilityViolations(reader)).toEqual([]);
  const link = reader.getByRole("link", { name: `Appeal ${appealId}`, exact: true });
  await tabTo(reader, link);
  await expectVisibleFocus(link);
  await reader.keyboard.press("Enter");
  await expect(reader.getByRole("heading", { level: 1, name: new RegExp(`^Appeal ${appealId} from Appellant`) })).toBeVisible();
  await expect(reader.getByText("I questioned the figures, not the people.")).toBeVisible();
  expect(await accessibilityViolations(reader)).toEqual([]);

  const uphold = reader.getByLabel("Uphold: the decision stands");
  await tabTo(reader, uphold);
  await expectVisibleFocus(uphold);
  await reader.keyboard.press("ArrowDown");
  await expect(reader.getByLabel("Reverse: put the comment back")).toBeChecked();
  await reader.keyboard.press("Tab");
  await expect(reader.getByLabel("Reason")).toBeFocused();
  await reader.keyboard.type("The figures were the board's own; questioning them is fair comment.");
  await reader.keyboard.press("Tab");
  const send = reader.getByRole("button", { name: "Send the answer" });
  await expect(send).toBeFocused();
  await expectVisibleFocus(send);
  await reader.keyboard.press("Enter");
  await expect(reader.getByRole("status").filter({ hasText: "Reversed." })).toBeVisible();
  await expect(reader.getByText("Reversed: the decision was taken back, by")).toBeVisible();
  expect(await accessibilityViolations(reader)).toEqual([]);

  await resident.goto("/appeals");
  await expect(resident.getByText("Reversed: the decision was taken back.")).toBeVisible();
  await expect(resident.getByText("The figures were the board's own; questioning them is fair comment.")).toBeVisible();
  await resident.goto(`/articles/${STORY}#comment-${commentId}`);
  await expect(resident.locator(`#comment-${commentId}`)).toContainText(body);
  await resident.context().close();
  await reader.context().close();
});
