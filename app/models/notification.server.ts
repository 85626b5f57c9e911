import type { Kysely } from "kysely";
import { preparedQuery } from "../../db/prepared-query";
import type { Database } from "../../db/schema";
import { nowIso } from "../utils/time";
import { DELETED_USER_NAME } from "./user.server";
import { noticeLinks, type NoticeLinks } from "./moderation/notice.server";

export interface ReplyNotice {
  id: number;
  kind: string;
  createdAt: string;
  read: boolean;
  body: string;
  actorName: string | null;
  commentId: number | null;
  articleSlug: string | null;
  articleHeadline: string | null;
  /** The start of the reply, as plain words, so the list says what was said. */
  excerpt: string;
  /** A moderation notice's links: the comment, the rule it cites, how to appeal. */
  links: NoticeLinks | null;
  ruleNumber: number | null;
}

const EXCERPT_LENGTH = 160;

/** The reply's first words: its source with the white space folded, cut at a word near the limit. */
function replyExcerpt(source: string | null): string {
  const text = (source ?? "").replace(/\s+/g, " ").trim();
  if (text.length <= EXCERPT_LENGTH) return text;
  const cut = text.slice(0, EXCERPT_LENGTH);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > EXCERPT_LENGTH / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

/** "Someone replied to you": written in the same transaction as the reply. */
export async function notifyOfReply(
  trx: Kysely<Database>,
  input: { recipientId: number; actorId: number; commentId: number; at: string },
): Promise<void> {
  if (input.recipientId === input.actorId) return;
  await trx
    .insertInto("notification")
    .values({
      user_id: input.recipientId,
      kind: "reply",
      comment_id: input.commentId,
      actor_id: input.actorId,
      body: "",
      created_at: input.at,
      read_at: null,
    })
    .execute();
}

/** Asked for every page a signed-in reader opens (the header's count): built once, the id filled in. */
const selectUnreadCount = preparedQuery((db, values: { userId: number }) =>
  db
    .selectFrom("notification")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", values.userId)
    .where("read_at", "is", null),
);

export async function countUnreadNotifications(db: Kysely<Database>, userId: number): Promise<number> {
  const [row] = await selectUnreadCount(db, { userId });
  return Number(row?.n ?? 0);
}

export async function listNotifications(db: Kysely<Database>, userId: number, limit = 50): Promise<ReplyNotice[]> {
  const rows = await db
    .selectFrom("notification")
    .leftJoin("user as actor", "actor.id", "notification.actor_id")
    .leftJoin("comment", "comment.id", "notification.comment_id")
    .leftJoin("article", "article.id", "comment.article_id")
    .select([
      "notification.id",
      "notification.kind",
      "notification.created_at",
      "notification.read_at",
      "notification.body",
      "notification.comment_id",
      "actor.display_name as actor_name",
      "actor.status as actor_status",
      "comment.status as comment_status",
      "comment.body_source",
      "article.slug",
      "article.headline",
      "notification.rule_number",
    ])
    .where("notification.user_id", "=", userId)
    .orderBy("notification.created_at", "desc")
    .orderBy("notification.id", "desc")
    .limit(limit)
    .execute();
  return rows
    .filter((row) => row.kind !== "reply" || row.comment_status === "visible")
    .map((row) => ({
      id: row.id,
      kind: row.kind,
      createdAt: row.created_at,
      read: row.read_at !== null,
      body: row.body,
      actorName: row.actor_status === "deleted" ? DELETED_USER_NAME : row.actor_name,
      commentId: row.comment_id,
      articleSlug: row.slug,
      articleHeadline: row.headline,
      excerpt: row.kind === "reply" ? replyExcerpt(row.body_source) : "",
      ruleNumber: row.rule_number,
      links: row.kind === "moderation" ? noticeLinks({ commentId: row.comment_id, articleSlug: row.slug, ruleNumber: row.rule_number }) : null,
    }));
}

/**
 * Opening one notice marks it read (and only the reader's own: the id is looked up under their user
 * id). Returns where it leads: the reply's permalink while the reply is up, else the list. Null when
 * the reader has no such notice.
 */
export async function markNotificationRead(
  db: Kysely<Database>,
  input: { userId: number; notificationId: number; at?: string },
): Promise<{ href: string } | null> {
  const notice = await db
    .selectFrom("notification")
    .leftJoin("comment", "comment.id", "notification.comment_id")
    .leftJoin("article", "article.id", "comment.article_id")
    .select(["notification.id", "notification.kind", "notification.comment_id", "comment.status as comment_status", "article.slug"])
    .where("notification.id", "=", input.notificationId)
    .where("notification.user_id", "=", input.userId)
    .executeTakeFirst();
  if (!notice) return null;
  await db
    .updateTable("notification")
    .set({ read_at: input.at ?? nowIso() })
    .where("id", "=", notice.id)
    .where("user_id", "=", input.userId)
    .where("read_at", "is", null)
    .execute();
  const leadsToReply = notice.kind === "reply" && notice.comment_status === "visible" && notice.slug && notice.comment_id !== null;
  return {
    href: leadsToReply ? `/articles/${notice.slug}/comments/${notice.comment_id}#comment-${notice.comment_id}` : "/notifications",
  };
}

export async function markNotificationsRead(db: Kysely<Database>, userId: number, at = nowIso()): Promise<void> {
  await db
    .updateTable("notification")
    .set({ read_at: at })
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .execute();
}
