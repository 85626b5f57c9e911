import type { Kysely } from "kysely";
import type { Comment, Database } from "../../../db/schema";
import { sendMail } from "../../utils/mail.server";

/**
 * Email about a reply, for residents who asked for it in their settings (off by default). The
 * notification in /notifications is written with the reply itself; this mail is a courtesy on top,
 * so a mail failure never undoes the reply.
 */
/** `origin` is the site's public origin for the links in the mail (utils/site-origin.server.ts). */
export async function sendReplyEmail(db: Kysely<Database>, origin: string, reply: Comment): Promise<boolean> {
  if (reply.parent_id === null) return false;
  const row = await db
    .selectFrom("comment as parent")
    .innerJoin("user as recipient", "recipient.id", "parent.author_id")
    .innerJoin("article", "article.id", "parent.article_id")
    .innerJoin("user as replier", (join) => join.on("replier.id", "=", reply.author_id))
    .select([
      "recipient.id as recipient_id",
      "recipient.email",
      "recipient.email_verified_at",
      "recipient.status",
      "recipient.notify_replies_by_email",
      "replier.display_name as replier_name",
      "article.slug",
      "article.headline",
    ])
    .where("parent.id", "=", reply.parent_id)
    .executeTakeFirst();
  if (
    !row ||
    !row.email ||
    row.recipient_id === reply.author_id ||
    row.notify_replies_by_email !== 1 ||
    row.email_verified_at === null ||
    row.status === "deleted"
  ) {
    return false;
  }
  // The comment's own page: it works however many pages the story's thread runs to.
  const link = `${origin}/articles/${row.slug}/comments/${reply.id}#comment-${reply.id}`;
  await sendMail({
    to: row.email,
    subject: `${row.replier_name} replied to you on “${row.headline}”`,
    text:
      `${row.replier_name} replied to your comment on “${row.headline}”:\n\n` +
      `${reply.body_source}\n\n` +
      `Read the reply and answer it here:\n${link}\n\n` +
      `You get these emails because you asked for them. Turn them off in your settings: ${origin}/settings\n`,
  });
  return true;
}
