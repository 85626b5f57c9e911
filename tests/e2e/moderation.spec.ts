import { expect, test, type Page, e2eDb, signedInPage } from "./support";
import { createComment } from "../../app/models/comment/writing.server";
import { accessibilityViolations } from "./axe";

/**
 * Moderation in the browser: a comment reported by three residents disappears, a moderator rejects it
 * from the queue citing a rule, and its author sees why; the queue driven by the keyboard, and without
 * JavaScript; every moderation page checked by axe.
 */
const STORY_SLUG = "sandholm-memorial-hall-roof-appeal";
const STORY = `/articles/${STORY_SLUG}`;

async function userId(email: string): Promise<number> {
  const db = e2eDb();
  try {
    return (await db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
  } finally {
    await db.destroy();
  }
}

/** Held comments written straight into the demo database, as the hold rules would leave them. */
async function makeHeldComments(authors: string[], text: string): Promise<number[]> {
  const db = e2eDb();
  try {
    const article = await db.selectFrom("article").select("id").where("slug", "=", STORY_SLUG).executeTakeFirstOrThrow();
    const ids: number[] = [];
    for (const [index, email] of authors.entries()) {
      const author = await db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirstOrThrow();
      const comment = await createComment(db, {
        articleId: article.id,
        authorId: author.id,
        parentId: null,
        bodySource: `${text} ${index + 1}`,
        status: "pending",
        heldReason: "Contains 2 links",
      });
      ids.push(comment.id);
    }
    return ids;
  } finally {
    await db.destroy();
  }
}

/** Story forms carry js=1 once the page has hydrated; the queue shows its keyboard hint then. */
async function storyHydrated(page: Page) {
  await page.locator('#comment-form input[name="js"]').waitFor({ state: "attached" });
}

async function queueHydrated(page: Page) {
  await expect(page.getByText("Keyboard: j/k move, a approve, r reject")).toBeVisible();
}

async function markNoReload(page: Page) {
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
}

async function stillNoReload(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
}

test("a comment reported by three residents disappears; a moderator rejects it citing a rule, and its author sees why", async ({ browser }) => {
  const stamp = Date.now();
  const text = `The trustees are a bunch of crooks, every one of them ${stamp}`;

  // A resident posts a comment, and another replies to it.
  const author = await signedInPage(browser, "tom.prentice@skerrin.example");
  await author.goto(`${STORY}?sort=newest`);
  await storyHydrated(author);
  await author.getByRole("textbox", { name: "Comment", exact: true }).fill(text);
  await author.getByRole("button", { name: "Post comment" }).click();
  const posted = author.locator("article.comment", { has: author.locator(":scope > .comment__body", { hasText: text }) });
  await expect(posted).toBeFocused();
  const commentId = (await posted.getAttribute("id"))!;
  const id = Number(commentId.replace("comment-", ""));
  const db = e2eDb();
  const article = await db.selectFrom("article").select("id").where("slug", "=", STORY_SLUG).executeTakeFirstOrThrow();
  await createComment(db, {
    articleId: article.id,
    authorId: await userId("raj.bhattacharya@skerrin.example"),
    parentId: id,
    bodySource: `That is not fair on the trustees ${stamp}`,
  });
  await db.destroy();

  // Three different residents report it; after the third it is hidden.
  for (const email of ["eilidh.macaskill@skerrin.example", "siobhan.carragher@skerrin.example", "dougie.lennox@skerrin.example"]) {
    const reporter = await signedInPage(browser, email);
    await reporter.goto(`${STORY}?sort=newest`);
    await storyHydrated(reporter);
    await reporter.locator(`#${commentId} .comment__actions`).getByText("Report", { exact: true }).click();
    const form = reporter.locator(`#report-form-${id}`);
    await form.getByLabel("Abuse or harassment").check();
    await form.getByRole("button", { name: "Send report" }).click();
    await expect(reporter.locator(`#${commentId}`).getByRole("status")).toBeVisible();
    await reporter.context().close();
  }
  const reader = await browser.newPage();
  await reader.goto(`${STORY}?sort=newest`);
  await expect(reader.getByText(`That is not fair on the trustees ${stamp}`)).toBeVisible();
  await expect(reader.getByText(text)).toHaveCount(0);

  // The moderator finds it in the Reported tab, with its reports, and rejects it citing rule 3.
  const moderator = await signedInPage(browser, "moderator@skerrin.example");
  await moderator.goto("/moderation");
  await expect(moderator.getByRole("heading", { level: 1 })).toHaveText("Moderation queue");
  const item = moderator.locator(`#queue-item-${id}`);
  await expect(item).toContainText(text);
  await expect(item).toContainText("Abuse or harassment: 3");
  await expect(item).toContainText("Held: Reported by 3 residents");
  await expect(item).toContainText(`That is not fair on the trustees ${stamp}`);
  expect(await accessibilityViolations(moderator)).toEqual([]);
  await queueHydrated(moderator);
  await markNoReload(moderator);
  await item.focus();
  await moderator.keyboard.press("r");
  await expect(moderator.locator(`#rule-${id}`)).toBeFocused();
  await moderator.locator(`#rule-${id}`).selectOption("3");
  await moderator.locator(`#note-${id}`).fill("Criticise what the trustees do, not who they are.");
  await item.getByRole("button", { name: "Reject" }).click();
  await expect(item.getByRole("status")).toContainText("Rejected");
  await stillNoReload(moderator);

  // Its author is told why, and the story shows a placeholder naming the rule where the reply hangs.
  await author.goto("/notifications");
  await expect(author.getByText(/rule 3, No personal attacks\. Note from the moderator: Criticise what the trustees do/)).toBeVisible();
  await author.goto(`${STORY}?sort=newest`);
  await expect(author.locator(`#${commentId}`)).toContainText("Removed by a moderator: rule 3, no personal attacks");
  await expect(author.getByText(text)).toHaveCount(0);
  await expect(author.getByText(`That is not fair on the trustees ${stamp}`)).toBeVisible();

  // The public log shows the removal with its rule and the decider's role, never names or the text.
  await reader.goto("/moderation-log");
  const row = reader.locator("tbody tr").first();
  await expect(row).toContainText("Sandholm Memorial Hall");
  await expect(row).toContainText("Rule 3: No personal attacks");
  await expect(row).toContainText("by a moderator");
  await expect(reader.locator("main")).not.toContainText("Tom Prentice");
  await expect(reader.locator("main")).not.toContainText("crooks");
  expect(await accessibilityViolations(reader)).toEqual([]);

  for (const page of [author, moderator, reader]) await page.context().close();
});

test("the queue by keyboard: j and k move, a approves, r goes to the rule, typing is left alone", async ({ browser }) => {
  const stamp = Date.now();
  const [first, second] = await makeHeldComments(
    ["fatima.rahman@skerrin.example", "gregor.imrie@skerrin.example"],
    `Held for the keyboard ${stamp}`,
  );
  const moderator = await signedInPage(browser, "moderator@skerrin.example");
  await moderator.goto("/moderation?tab=held");
  await queueHydrated(moderator);
  await markNoReload(moderator);
  const one = moderator.locator(`#queue-item-${first}`);
  const two = moderator.locator(`#queue-item-${second}`);

  await one.focus();
  await moderator.keyboard.press("j");
  await expect(two).toBeFocused();
  await moderator.keyboard.press("k");
  await expect(one).toBeFocused();

  // a approves the focused item, once the moderator has said yes the first time in the session; the
  // next one takes the focus
  const asked: string[] = [];
  moderator.once("dialog", (dialog) => {
    asked.push(dialog.message());
    void dialog.accept();
  });
  await moderator.keyboard.press("a");
  await expect(one.getByRole("status")).toHaveText(/Approved/);
  await expect(two).toBeFocused();
  expect(asked).toEqual([expect.stringContaining("Approve the focused comment with the single key a?")]);

  // typing in the note never triggers a shortcut
  await moderator.keyboard.press("r");
  await expect(moderator.locator(`#rule-${second}`)).toBeFocused();
  await moderator.locator(`#rule-${second}`).selectOption("5");
  await moderator.locator(`#note-${second}`).click();
  await moderator.keyboard.type("a jolly advert, j k a r");
  await expect(two.getByRole("button", { name: "Approve" })).toBeVisible();
  await two.getByRole("button", { name: "Reject" }).click();
  await expect(two.getByRole("status")).toHaveText(/Rejected/);
  await stillNoReload(moderator);

  const db = e2eDb();
  const rows = await db.selectFrom("comment").select(["id", "status", "rule_number"]).where("id", "in", [first!, second!]).orderBy("id").execute();
  await db.destroy();
  expect(rows).toEqual([
    { id: first, status: "visible", rule_number: null },
    { id: second, status: "rejected", rule_number: 5 },
  ]);
  expect(await accessibilityViolations(moderator)).toEqual([]);
  await moderator.context().close();
});

test("with JavaScript, several selected comments are rejected together without a reload", async ({ browser }) => {
  const [one, two] = await makeHeldComments(
    ["catriona.bain@skerrin.example", "mairi.stoddart@skerrin.example"],
    `Held for a bulk decision ${Date.now()}`,
  );
  const moderator = await signedInPage(browser, "moderator@skerrin.example");
  await moderator.goto("/moderation?tab=held");
  await queueHydrated(moderator);
  await markNoReload(moderator);
  await moderator.locator(`#select-${one}`).check();
  await moderator.locator(`#select-${two}`).check();
  await moderator.getByRole("button", { name: "Reject selected" }).click();
  await expect(moderator.locator("#bulk-rule-error")).toHaveText("Choose the rule of the terms of posting that the comment breaks.");
  await moderator.locator("#bulk-rule").selectOption("5");
  await moderator.getByRole("button", { name: "Reject selected" }).click();
  await expect(moderator.getByText("Rejected 2 comments.")).toBeVisible();
  for (const id of [one, two]) await expect(moderator.locator(`#queue-item-${id}`).getByRole("status")).toHaveText(/Rejected/);
  await stillNoReload(moderator);
  await moderator.context().close();
});

test("without JavaScript the queue decides with full page posts: errors beside the rule, and bulk decisions", async ({ browser }) => {
  const stamp = Date.now();
  const [single, bulkOne, bulkTwo] = await makeHeldComments(
    ["kwame.asante@skerrin.example", "rhona.gillies@skerrin.example", "peter.vance@skerrin.example"],
    `Held without JavaScript ${stamp}`,
  );
  const moderator = await signedInPage(browser, "moderator@skerrin.example", false);
  await moderator.goto("/moderation?tab=held");
  await expect(moderator.getByText("Keyboard: j/k move")).toHaveCount(0);

  // Reject without a rule: the message sits beside the picker and the comment stays
  let item = moderator.locator(`#queue-item-${single}`);
  await item.getByRole("button", { name: "Reject" }).click();
  item = moderator.locator(`#queue-item-${single}`);
  await expect(item.locator(`#rule-${single}-error`)).toHaveText("Choose the rule of the terms of posting that the comment breaks.");
  await item.locator(`#rule-${single}`).selectOption("1");
  await item.getByRole("button", { name: "Reject" }).click();
  await expect(moderator.getByRole("status").first()).toContainText("Rejected the comment under rule 1.");
  await expect(moderator.locator(`#queue-item-${single}`)).toHaveCount(0);

  // Select two and approve them together
  await moderator.locator(`#select-${bulkOne}`).check();
  await moderator.locator(`#select-${bulkTwo}`).check();
  await moderator.getByRole("button", { name: "Approve selected" }).click();
  await expect(moderator.getByText("Approved 2 comments.")).toBeVisible();
  await expect(moderator.locator(`#queue-item-${bulkOne}`)).toHaveCount(0);
  await expect(moderator.locator(`#queue-item-${bulkTwo}`)).toHaveCount(0);
  await moderator.context().close();
});

test("every moderation and admin page has one h1 and passes axe", async ({ browser }) => {
  const [held] = await makeHeldComments(["jean.baxter@skerrin.example"], `Held for the page check ${Date.now()}`);
  const db = e2eDb();
  const article = await db.selectFrom("article").select("id").where("slug", "=", STORY_SLUG).executeTakeFirstOrThrow();
  await db.destroy();
  const resident = await userId("jean.baxter@skerrin.example");

  const moderator = await signedInPage(browser, "moderator@skerrin.example");
  for (const path of [
    "/moderation?tab=recent",
    "/moderation?tab=decided",
    `/moderation/comments/${held}`,
    `/moderation/users/${resident}`,
    `/moderation/stories/${article.id}`,
    "/moderation/log",
    "/moderation/appeals",
    "/moderation/heat",
  ]) {
    await moderator.goto(path);
    await expect(moderator.locator("h1"), path).toHaveCount(1);
    expect(await accessibilityViolations(moderator), path).toEqual([]);
  }
  await moderator.context().close();

  const admin = await signedInPage(browser, "admin@skerrin.example");
  // The demo's appeal waits for the admin (its moderator decided the comment appealed).
  const appealsDb = e2eDb();
  const appeal = await appealsDb.selectFrom("appeal").select("id").orderBy("id").executeTakeFirstOrThrow();
  await appealsDb.destroy();
  for (const path of ["/admin/terms", "/admin/moderation", "/admin/staffed-hours", "/admin/alerts", "/moderation/appeals", `/moderation/appeals/${appeal.id}`]) {
    await admin.goto(path);
    await expect(admin.locator("h1"), path).toHaveCount(1);
    expect(await accessibilityViolations(admin), path).toEqual([]);
  }
  await admin.context().close();
});

test("two moderators at once: one's own decisions are not 'the queue has changed', the other's are, and a late decision is told who came first", async ({ browser }) => {
  const [mine, theirs] = await makeHeldComments(
    ["kwame.asante@skerrin.example", "rhona.gillies@skerrin.example"],
    `Held for two moderators ${Date.now()}`,
  );
  const moderator = await signedInPage(browser, "moderator@skerrin.example");
  await moderator.goto("/moderation?tab=held");
  await queueHydrated(moderator);
  await markNoReload(moderator);
  const heldTab = moderator.getByRole("navigation", { name: "Queue" }).getByRole("link", { name: /^Held/ });
  const heldCount = async () => Number(/\((\d+)\)/.exec((await heldTab.textContent()) ?? "")![1]);
  const before = await heldCount();

  // Approving: the item loses its Held badge at once, the tab's count follows, and no notice.
  const one = moderator.locator(`#queue-item-${mine}`);
  await expect(one.locator(".moderation-status")).toHaveText("Held");
  await one.getByRole("button", { name: "Approve" }).click();
  await expect(one.getByRole("status")).toHaveText(/Approved/);
  await expect(one.locator(".moderation-status")).toHaveText("Published");
  await expect(one.getByText("Held:")).toHaveCount(0);
  await expect(heldTab).toHaveText(`Held (${before - 1})`);
  await expect(moderator.getByText("The queue has changed")).toHaveCount(0);

  // Another moderator (the admin) opens and approves the other: this page hears of it.
  const admin = await signedInPage(browser, "admin@skerrin.example");
  await admin.goto(`/moderation/comments/${theirs}`);
  await moderator.reload();
  await queueHydrated(moderator);
  const two = moderator.locator(`#queue-item-${theirs}`);
  await expect(two.getByText(/Being looked at by Sam Okonedo/)).toBeVisible();
  await admin.getByRole("button", { name: /^Approve/ }).click();
  await expect(admin.getByText("Approved the comment.")).toBeVisible();
  await expect(moderator.getByText(/The queue has changed since this list was loaded/)).toBeVisible();

  // The moderator's page still shows it held: rejecting it now is refused, beside the item.
  await markNoReload(moderator);
  await moderator.locator(`#rule-${theirs}`).selectOption("5");
  await two.getByRole("button", { name: "Reject" }).click();
  await expect(two.getByRole("alert")).toContainText("Sam Okonedo decided first: approved a comment");
  await expect(two.getByRole("button", { name: "Reject anyway" })).toBeVisible();
  await stillNoReload(moderator);
  const db = e2eDb();
  expect((await db.selectFrom("comment").select("status").where("id", "=", theirs!).executeTakeFirstOrThrow()).status).toBe("visible");
  await two.getByRole("button", { name: "Reject anyway" }).click();
  await expect(two.getByRole("status")).toHaveText(/Rejected/);
  expect((await db.selectFrom("comment").select("status").where("id", "=", theirs!).executeTakeFirstOrThrow()).status).toBe("removed");
  await db.destroy();
  expect(await accessibilityViolations(moderator)).toEqual([]);
  await admin.context().close();
  await moderator.context().close();
});

test("the single key a asks once per session: a no approves nothing, a yes is not asked again", async ({ browser }) => {
  const [first, second] = await makeHeldComments(
    ["peter.vance@skerrin.example", "catriona.bain@skerrin.example"],
    `Held for the single key ${Date.now()}`,
  );
  const moderator = await signedInPage(browser, "moderator@skerrin.example");
  await moderator.goto("/moderation?tab=held");
  await queueHydrated(moderator);
  const one = moderator.locator(`#queue-item-${first}`);
  const two = moderator.locator(`#queue-item-${second}`);
  let asked = 0;
  moderator.on("dialog", (dialog) => {
    asked++;
    void (asked === 1 ? dialog.dismiss() : dialog.accept());
  });

  await one.focus();
  await moderator.keyboard.press("a");
  await expect.poll(() => asked).toBe(1);
  await expect(one.getByRole("button", { name: /^Approve/ })).toBeVisible();

  await moderator.keyboard.press("a");
  await expect(one.getByRole("status")).toHaveText(/Approved/);
  await expect(two).toBeFocused();
  await moderator.keyboard.press("a");
  await expect(two.getByRole("status")).toHaveText(/Approved/);
  expect(asked).toBe(2);
  await moderator.context().close();
});
