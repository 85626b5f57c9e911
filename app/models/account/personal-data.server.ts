import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { nowIso } from "../../utils/time";

/**
 * "Download your data" (GDPR articles 15 and 20): everything Parley keeps about one resident that is
 * theirs to see, as plain JSON. Left out on purpose: the password hash, session and link tokens (secrets,
 * not data about the person), moderators' private notes and other people's reports about them.
 */
export const PERSONAL_DATA_FORMAT = "parley-personal-data/1";

export async function exportPersonalData(db: Kysely<Database>, userId: number) {
  const user = await db
    .selectFrom("user")
    .select([
      "id",
      "email",
      "email_verified_at",
      "display_name",
      "role",
      "status",
      "status_until",
      "bio",
      "notify_replies_by_email",
      "terms_version",
      "terms_accepted_at",
      "created_at",
      "updated_at",
    ])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user) return null;
  const [comments, likes, reports, notifications, sanctions, sessions] = await Promise.all([
    db
      .selectFrom("comment")
      .innerJoin("article", "article.id", "comment.article_id")
      .select([
        "comment.id",
        "comment.parent_id",
        "comment.status",
        "comment.body_source",
        "comment.created_at",
        "comment.edited_at",
        "comment.like_count",
        "article.headline as story_headline",
        "article.slug as story_slug",
      ])
      .where("comment.author_id", "=", userId)
      .orderBy("comment.created_at")
      .execute(),
    db
      .selectFrom("comment_like")
      .innerJoin("comment", "comment.id", "comment_like.comment_id")
      .innerJoin("article", "article.id", "comment.article_id")
      .select(["comment_like.comment_id", "comment_like.created_at", "article.slug as story_slug"])
      .where("comment_like.user_id", "=", userId)
      .orderBy("comment_like.created_at")
      .execute(),
    db
      .selectFrom("comment_report")
      .select(["comment_id", "reason", "note", "created_at", "resolved_at"])
      .where("reporter_id", "=", userId)
      .orderBy("created_at")
      .execute(),
    db
      .selectFrom("notification")
      .select(["kind", "comment_id", "body", "created_at", "read_at"])
      .where("user_id", "=", userId)
      .orderBy("created_at")
      .execute(),
    db
      .selectFrom("user_sanction")
      .select(["kind", "rule_number", "note", "created_at", "ends_at", "acknowledged_at", "lifted_at"])
      .where("user_id", "=", userId)
      .orderBy("created_at")
      .execute(),
    db
      .selectFrom("session")
      .select(["created_at", "last_used_at", "expires_at", "user_agent", "ip_address"])
      .where("user_id", "=", userId)
      .execute(),
  ]);
  return {
    format: PERSONAL_DATA_FORMAT,
    exportedAt: nowIso(),
    profile: { ...user, notify_replies_by_email: user.notify_replies_by_email === 1 },
    comments: comments.map(({ story_headline, story_slug, ...comment }) => ({
      ...comment,
      story: { headline: story_headline, path: `/articles/${story_slug}` },
    })),
    likes: likes.map(({ story_slug, ...like }) => ({ ...like, story: `/articles/${story_slug}` })),
    reportsMade: reports,
    notifications,
    sanctions,
    sessions,
  };
}
