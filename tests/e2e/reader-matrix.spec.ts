import { expect, test, type Browser, type Page, e2eDb, signedInPage } from "./support";
import { sanctionUser } from "../../app/models/moderation/sanction.server";
import { makeArticle, makeComment, makeUser } from "../factories";

/**
 * Issue 27, part 8: for a matrix of readers, the story's page that everyone shares shows each of them,
 * once its personal layer has arrived, exactly what the page rendered for them alone shows (the same
 * story with ?write=1, whose loader knows the reader), and nothing of anyone else's.
 */
const DAY = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/** What a reader sees of the discussion: each comment's controls and state, the composer, the header. */
async function seen(page: Page) {
  await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter));
  // The layer has arrived when the composer no longer offers the way in for readers without JavaScript.
  await expect(page.locator("#comment-form")).not.toContainText("Signed in already?");
  await page.waitForTimeout(200);
  const extra = await page.evaluate(() => ({
    composer: document.querySelector("#comment-form")?.textContent?.replace(/\s+/g, " ").trim(),
    moderatorTools: document.querySelector(".moderator-tools")?.textContent?.replace(/\s+/g, " ").trim() ?? null,
  }));
  return { ...(await seenOnPermalink(page)), ...extra };
}

async function pageFor(browser: Browser, email: string | null): Promise<Page> {
  if (email) return signedInPage(browser, email, true);
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on("pageerror", (error) => {
    throw error;
  });
  return page;
}

/** The story, its comments, and one reader of each kind (their email; null for the visitor). */
async function makeMatrix() {
  const db = e2eDb();
  const stamp = Date.now();
  const person = (name: string, extra: Parameters<typeof makeUser>[1] = {}) =>
    makeUser(db, { displayName: `${name} ${stamp}`, email: `${name.toLowerCase()}-${stamp}@skerrin.example`, createdAt: ago(100 * DAY), ...extra });
  const story = await makeArticle(db, { headline: `The matrix story ${stamp}` });
  const other = await person("Other");
  const first = await makeComment(db, { articleId: story.id, authorId: other.id, bodySource: `First view ${stamp}` });
  const second = await makeComment(db, { articleId: story.id, authorId: other.id, bodySource: `Second view ${stamp}` });
  const liker = await person("Liker");
  await db.insertInto("comment_like").values({ comment_id: first.id, user_id: liker.id, created_at: ago(1000) }).execute();
  await db.updateTable("comment").set({ like_count: 1 }).where("id", "=", first.id).execute();
  const reporter = await person("Reporter");
  await db.insertInto("comment_report").values({ comment_id: second.id, reporter_id: reporter.id, reason: "spam", note: "", created_at: ago(1000) }).execute();
  const author = await person("Author");
  const fresh = await makeComment(db, { articleId: story.id, authorId: author.id, bodySource: `Fresh words ${stamp}`, createdAt: ago(60_000) });
  await makeComment(db, { articleId: story.id, authorId: author.id, bodySource: `Older words ${stamp}`, createdAt: ago(40 * 60_000) });
  const newcomer = await person("Newcomer");
  const held = await makeComment(db, { articleId: story.id, authorId: newcomer.id, parentId: first.id, bodySource: `Held words ${stamp}`, status: "pending" });
  const moderator = await person("Moderator", { role: "moderator", createdAt: ago(300 * DAY) });
  const warned = await person("Warned");
  await sanctionUser(db, { moderator: { id: moderator.id, role: "moderator" }, userId: warned.id, kind: "warn", ruleNumber: 1, note: `Mind the tone ${stamp}` });
  const suspended = await person("Suspended");
  await sanctionUser(db, { moderator: { id: moderator.id, role: "moderator" }, userId: suspended.id, kind: "suspend", ruleNumber: 1, note: "", days: 3 });
  const bystander = await person("Bystander");
  const editor = await person("Editor", { role: "editor", createdAt: ago(300 * DAY) });
  const admin = await person("Admin", { role: "admin", createdAt: ago(300 * DAY) });
  await db.destroy();

  const readers: [string, string | null][] = [
    ["visitor", null],
    ["resident without a stake", bystander.email],
    ["liker", liker.email],
    ["reporter", reporter.email],
    ["author", author.email],
    ["pending author", newcomer.email],
    ["warned", warned.email],
    ["suspended", suspended.email],
    ["moderator", moderator.email],
    ["editor", editor.email],
    ["admin", admin.email],
  ];
  return { stamp, story, readers, comments: { first, second, fresh, held } };
}

test("every kind of reader sees on the shared page what a page rendered for them alone shows", async ({ browser }) => {
  test.setTimeout(180_000);
  const { stamp, story, readers } = await makeMatrix();
  for (const [kind, email] of readers) {
    const shared = await pageFor(browser, email);
    const response = await shared.goto(`/articles/${story.slug}`);
    expect(["HIT", "MISS", "WAIT", "STALE"], kind).toContain(response?.headers()["x-parley-cache"]);
    const onShared = await seen(shared);
    const own = await shared.context().newPage();
    await own.goto(`/articles/${story.slug}?write=1`);
    const onOwn = await seen(own);
    expect(onShared, kind).toEqual(onOwn);
    // And the layer did apply: each kind sees what makes it that kind.
    const byText = (text: string) => onShared.comments.find((c) => c.text?.includes(text));
    const expectations: Record<string, () => void> = {
      visitor: () => expect(onShared.composer).toContain("Sign in to comment"),
      "resident without a stake": () => expect(onShared.account).toContain(`Bystander ${stamp}`),
      liker: () => expect(byText(`First view ${stamp}`)?.pressed).toEqual(["true"]),
      reporter: () => expect(byText(`Second view ${stamp}`)?.actions).toContain("Reported"),
      author: () => {
        expect(byText(`Fresh words ${stamp}`)?.actions).toMatch(/Edit.*Delete/);
        expect(byText(`Older words ${stamp}`)?.actions).not.toContain("Edit");
        expect(byText(`Older words ${stamp}`)?.actions).toContain("Delete");
      },
      "pending author": () => expect(byText(`Held words ${stamp}`)?.status).toContain("Awaiting moderation"),
      warned: () => expect(onShared.composer).toContain("A moderator has warned you"),
      suspended: () => expect(onShared.composer).toContain("suspended"),
      moderator: () => expect(onShared.moderatorTools).toContain("Moderate this discussion"),
      editor: () => expect(onShared.account).toContain(`Editor ${stamp}`),
      admin: () => expect(onShared.moderatorTools).toContain("Moderate this discussion"),
    };
    expectations[kind]!();
    // Nobody but its author sees a held comment; nobody sees another's warning.
    if (kind !== "pending author") expect(JSON.stringify(onShared), kind).not.toContain(`Held words ${stamp}`);
    if (kind !== "warned") expect(JSON.stringify(onShared), kind).not.toContain(`Mind the tone ${stamp}`);
    await shared.context().close();
  }
});

/** What a comment's own page shows its reader: each comment's controls and state, the header. */
async function seenOnPermalink(page: Page) {
  return page.evaluate(() => ({
    account: document.querySelector("nav.site-account")?.textContent?.replace(/\s+/g, " ").trim(),
    comments: [...document.querySelectorAll("article.comment")].map((comment) => ({
      id: comment.id,
      text: comment.querySelector(".comment__body, .comment__placeholder")?.textContent?.trim(),
      status: comment.querySelector(".comment__status")?.textContent?.trim() ?? null,
      actions: comment.querySelector(".comment__actions")?.textContent?.replace(/\s+/g, " ").trim() ?? null,
      pressed: [...comment.querySelectorAll("[aria-pressed]")].map((b) => b.getAttribute("aria-pressed")),
    })),
  }));
}

test("every kind of reader gets on a comment's own page without JavaScript what it shows them with it", async ({ browser }) => {
  test.setTimeout(180_000);
  const { stamp, story, readers, comments } = await makeMatrix();
  const commentFor: Record<string, number> = {
    visitor: comments.first.id,
    "resident without a stake": comments.first.id,
    liker: comments.first.id,
    reporter: comments.second.id,
    author: comments.fresh.id,
    "pending author": comments.held.id,
    warned: comments.first.id,
    suspended: comments.first.id,
    moderator: comments.first.id,
    editor: comments.first.id,
    admin: comments.first.id,
  };
  const baseURL = test.info().project.use.baseURL!;
  for (const [kind, email] of readers) {
    const address = `/articles/${story.slug}/comments/${commentFor[kind]}`;
    const withScript = await pageFor(browser, email);
    await withScript.goto(address);
    await withScript.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter));
    await withScript.waitForTimeout(200);
    const onWith = await seenOnPermalink(withScript);
    const without = email
      ? await signedInPage(browser, email, false)
      : await (await browser.newContext({ baseURL, javaScriptEnabled: false })).newPage();
    const response = await without.goto(address);
    expect(response?.status(), kind).toBe(200);
    const onWithout = await seenOnPermalink(without);
    expect(onWithout, kind).toEqual(onWith);
    const mine = onWithout.comments.find((c) => c.id === `comment-${commentFor[kind]}`);
    const expectations: Record<string, () => void> = {
      visitor: () => expect(onWithout.account).toContain("Sign in"),
      liker: () => expect(mine?.pressed).toEqual(["true"]),
      reporter: () => expect(mine?.actions).toContain("Reported"),
      author: () => expect(mine?.actions).toMatch(/Edit.*Delete/),
      "pending author": () => expect(mine?.status).toContain("Awaiting moderation"),
      warned: () => expect(onWithout.account).toContain(`Warned ${stamp}`),
      suspended: () => expect(onWithout.account).toContain(`Suspended ${stamp}`),
      moderator: () => expect(onWithout.account).toContain(`Moderator ${stamp}`),
      "resident without a stake": () => expect(onWithout.account).toContain(`Bystander ${stamp}`),
      editor: () => expect(onWithout.account).toContain(`Editor ${stamp}`),
      admin: () => expect(onWithout.account).toContain(`Admin ${stamp}`),
    };
    expect(mine, kind).toBeDefined();
    expectations[kind]!();
    if (kind !== "pending author") expect(JSON.stringify(onWithout), kind).not.toContain(`Held words ${stamp}`);
    await withScript.context().close();
    await without.context().close();
  }
});
