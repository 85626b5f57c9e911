import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { sendMail } from "../../utils/mail.server";
import { nowIso } from "../../utils/time";
import { APPEAL_HREF, appealFormHref } from "../../utils/standing";

/**
 * Notices from the moderators (issue 29 part 4): what was decided about a resident's comment or
 * account, citing the rule, with where to read it and what to do next. Written in the decision's own
 * transaction; mailed afterwards by whoever claims it first, so a mail failure never undoes a decision.
 */
export async function tellModerationNotice(
  trx: Kysely<Database>,
  input: { userId: number; commentId: number | null; ruleNumber: number | null; body: string; at: string },
): Promise<void> {
  await trx
    .insertInto("notification")
    .values({
      user_id: input.userId,
      kind: "moderation",
      comment_id: input.commentId,
      actor_id: null, // residents are told what was decided, not which moderator decided it
      body: input.body,
      rule_number: input.ruleNumber,
      created_at: input.at,
      read_at: null,
      mailed_at: null,
    })
    .execute();
}

/** Where a notice leads: the comment (on the reader's own list of the story, in any state), the rule, the appeal. */
export interface NoticeLinks {
  comment: string | null;
  rule: string | null;
  appeal: string | null;
}

export function noticeLinks(notice: { commentId: number | null; articleSlug: string | null; ruleNumber: number | null }): NoticeLinks {
  return {
    comment: notice.commentId !== null && notice.articleSlug ? `/articles/${notice.articleSlug}/yours#comment-${notice.commentId}` : null,
    rule: notice.ruleNumber ? `/terms#rule-${notice.ruleNumber}` : null,
    // Every notice that cites a rule is a decision against the resident: it can be appealed.
    appeal: notice.ruleNumber ? (notice.commentId !== null ? appealFormHref({ kind: "comment", commentId: notice.commentId }) : APPEAL_HREF) : null,
  };
}

const MAIL_BATCH = 50;

/**
 * Mails every moderation notice not yet mailed (called after each moderation action, and safe to call
 * from several servers at once: each notice is claimed by one conditional update before it is sent).
 * Accounts without a confirmed address, or deleted, are marked done without a mail. Returns how many
 * mails went out. A failed send is logged and the notice stays in the app; it is not tried again.
 */
export async function mailModerationNotices(db: Kysely<Database>, origin: string, now = nowIso()): Promise<number> {
  const rows = await db
    .selectFrom("notification")
    .innerJoin("user", "user.id", "notification.user_id")
    .leftJoin("comment", "comment.id", "notification.comment_id")
    .leftJoin("article", "article.id", "comment.article_id")
    .leftJoin("terms_rule", "terms_rule.number", "notification.rule_number")
    .select([
      "notification.id",
      "notification.body",
      "notification.comment_id",
      "notification.rule_number",
      "terms_rule.title as rule_title",
      "article.slug",
      "user.email",
      "user.email_verified_at",
      "user.status",
    ])
    .where("notification.kind", "=", "moderation")
    .where("notification.mailed_at", "is", null)
    .orderBy("notification.id")
    .limit(MAIL_BATCH)
    .execute();
  let sent = 0;
  for (const row of rows) {
    const claimed = await db
      .updateTable("notification")
      .set({ mailed_at: now })
      .where("id", "=", row.id)
      .where("mailed_at", "is", null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue; // another server has it
    if (!row.email || row.email_verified_at === null || row.status === "deleted") continue;
    const links = noticeLinks({ commentId: row.comment_id, articleSlug: row.slug, ruleNumber: row.rule_number });
    const lines = [row.body, ""];
    if (links.comment) lines.push(`Your comment: ${origin}${links.comment}`);
    if (links.rule) lines.push(`Rule ${row.rule_number}${row.rule_title ? `, ${row.rule_title}` : ""}: ${origin}${links.rule}`);
    if (links.appeal) lines.push(`If you think this decision was wrong, here is how to appeal: ${origin}${links.appeal}`);
    lines.push(`All notices from the moderators: ${origin}/notifications`, "");
    lines.push("You get this email because a moderator made a decision about your comment or your account.");
    try {
      await sendMail({ to: row.email, subject: "A notice from the moderators", text: `${lines.join("\n")}\n` });
      sent += 1;
    } catch (error) {
      console.error(`The moderation notice ${row.id} could not be mailed:`, error);
    }
  }
  return sent;
}

/**
 * After a moderation action's answer is ready: mail what it told residents, without making the
 * moderator wait for the mail server. Any notice left unmailed (a crash, a failure) goes with the next.
 */
export function mailModerationNoticesSoon(db: Kysely<Database>, origin: string): void {
  mailModerationNotices(db, origin).catch((error: unknown) => console.error("Moderation notices could not be mailed:", error));
}

/**
 * Runs a moderation action, then mails what it told residents: after an answer or a redirect, not
 * after a refusal (a resident's forbidden post sets nothing off).
 */
export async function withNoticesMailed<T>(db: Kysely<Database>, origin: string, act: () => Promise<T>): Promise<T> {
  try {
    const answer = await act();
    mailModerationNoticesSoon(db, origin);
    return answer;
  } catch (thrown) {
    if (thrown instanceof Response && thrown.status < 400) mailModerationNoticesSoon(db, origin);
    throw thrown;
  }
}
