import { expect, test, e2eDb, signedInPage } from "./support";
import { createComment } from "../../app/models/comment/writing.server";
import { notifyOfReply } from "../../app/models/notification.server";
import { accessibilityViolations } from "./axe";

/** "Replies to you" in the browser (issue 29 part 7): opening a reply marks it read, with or without JavaScript. */
async function replyTo(recipientEmail: string, text: string): Promise<number> {
  const db = e2eDb();
  try {
    const article = await db.selectFrom("article").select("id").where("status", "=", "published").orderBy("id").executeTakeFirstOrThrow();
    const recipient = await db.selectFrom("user").select("id").where("email", "=", recipientEmail).executeTakeFirstOrThrow();
    const replier = await db.selectFrom("user").select("id").where("email", "=", "wei.chen@skerrin.example").executeTakeFirstOrThrow();
    const parent = await createComment(db, { articleId: article.id, authorId: recipient.id, parentId: null, bodySource: `Asked ${text}` });
    const reply = await createComment(db, { articleId: article.id, authorId: replier.id, parentId: parent.id, bodySource: text });
    await notifyOfReply(db, { recipientId: recipient.id, actorId: replier.id, commentId: reply.id, at: reply.created_at });
    return reply.id;
  } finally {
    await db.destroy();
  }
}

for (const javaScriptEnabled of [true, false]) {
  test(`opening a reply goes to it and takes it off the header's count (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async ({ browser }) => {
    const email = javaScriptEnabled ? "isla.paterson@skerrin.example" : "helen.osei@skerrin.example";
    const text = `The slipway was built in 1962 ${Date.now()}`;
    const replyId = await replyTo(email, text);
    const reader = await signedInPage(browser, email, javaScriptEnabled);
    await reader.goto("/notifications");
    const badge = reader.locator(".site-account .badge");
    const before = Number((await badge.textContent())?.match(/\d+/)?.[0]);
    const entry = reader.locator(".notification", { hasText: text });
    await expect(entry).toBeVisible();
    if (javaScriptEnabled) expect(await accessibilityViolations(reader)).toEqual([]);
    await entry.getByRole("button", { name: /^Read Wei Chen’s reply/ }).click();
    await expect(reader).toHaveURL(new RegExp(`/comments/${replyId}#comment-${replyId}$`));
    await expect(reader.locator(`#comment-${replyId}`)).toContainText(text);
    if (before > 1) await expect(badge).toContainText(String(before - 1));
    else await expect(badge).toHaveCount(0);
    await reader.context().close();
  });
}
