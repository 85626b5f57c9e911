import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { nowIso } from "../../utils/time";

/**
 * "Download your data" (GDPR articles 15 and 20): everything Parley keeps about one resident that is
 * theirs to see, as plain JSON. Left out on purpose: the password hash, session and link tokens (secrets,
 * not data about the person), moderators' private notes and other people's reports about them.
 */
export const PERSONAL_DATA_FORMAT = "parley-personal-data/1";

/**
 * The tables the download reads, and what it calls each part. Every table of the schema is either here
 * or in NOT_IN_PERSONAL_DATA with the reason (docs/export-format.md, "Download your data"); a test walks
 * the live schema, so a new table cannot be forgotten.
 */
export const PERSONAL_DATA_TABLES = {
  user: "profile",
  comment: "comments",
  comment_like: "likes",
  comment_report: "reportsMade",
  correction_report: "correctionReports",
  notification: "notifications",
  user_sanction: "sanctions",
  appeal: "appeals",
  session: "sessions",
  sign_in_address: "signInAddresses",
} as const;

export const NOT_IN_PERSONAL_DATA = [
  "account_token",
  "throttle",
  "user_note",
  "moderation_action",
  "moderation_claim",
  "import_link",
  "article",
  "article_version",
  "article_image",
  "article_correction",
  "article_category",
  "article_slug_redirect",
  "category",
  "legacy_address",
  "terms_rule",
  "setting",
  "content_version",
  "comment_event",
  "moderation_alert",
  "alert_delivery",
  "article_search",
  "kysely_migration",
  "kysely_migration_lock",
] as const;

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
  const [comments, likes, reports, notifications, sanctions, sessions, correctionReports, signInAddresses, appeals] = await Promise.all([
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
    // "Report an error" messages sent while signed in; one sent signed out carries only an address
    // typed by whoever sent it, which proves nothing about who did.
    db
      .selectFrom("correction_report")
      .innerJoin("article", "article.id", "correction_report.article_id")
      .select(["correction_report.body", "correction_report.email", "correction_report.created_at", "correction_report.handled_at", "article.headline as story_headline", "article.slug as story_slug"])
      .where("correction_report.reporter_id", "=", userId)
      .orderBy("correction_report.created_at")
      .execute(),
    // When each known network was first and last used; the hash itself is only a lookup key.
    db.selectFrom("sign_in_address").select(["first_at", "last_at"]).where("user_id", "=", userId).orderBy("first_at").execute(),
    // Their appeals and the answers (not which moderator it went to or who answered: staff are not named to residents).
    db
      .selectFrom("appeal")
      .select(["comment_id", "rule_number", "body", "created_at", "outcome", "reason", "answered_at"])
      .where("user_id", "=", userId)
      .orderBy("created_at")
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
    appeals,
    sessions,
    correctionReports: correctionReports.map(({ story_headline, story_slug, ...report }) => ({
      ...report,
      story: { headline: story_headline, path: `/articles/${story_slug}` },
    })),
    signInAddresses,
  };
}
