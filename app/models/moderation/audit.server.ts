import type { Kysely } from "kysely";
import type { CommentStatus, Database } from "../../../db/schema";

/** Everything a moderator (or the system, moderatorId null) does to comments, accounts and stories. */
export const MODERATION_ACTIONS = [
  "approve_comment",
  "reject_comment",
  "remove_comment",
  "restore_comment",
  "feature_comment",
  "unfeature_comment",
  "auto_hide_comment",
  "close_comments",
  "open_comments",
  "premoderate_story",
  "unpremoderate_story",
  "warn_user",
  "premoderate_user",
  "suspend_user",
  "ban_user",
  "lift_sanction",
  "trust_user",
  "untrust_user",
  "note_user",
  "update_terms",
  "update_moderation_rules",
  "update_staffed_hours",
  "update_alerts",
  "set_after_hours",
  "set_slow_mode",
  "brake_pair",
  "duty_started",
  "duty_ended",
  "change_role",
  "undo_decision",
  "receive_appeal",
  "uphold_appeal",
  "reverse_appeal",
] as const;
export type ModerationActionName = (typeof MODERATION_ACTIONS)[number];

export const ACTION_LABELS: Record<ModerationActionName, string> = {
  approve_comment: "Approved a comment",
  reject_comment: "Rejected a held comment",
  remove_comment: "Removed a comment",
  restore_comment: "Restored a comment",
  feature_comment: "Featured a comment",
  unfeature_comment: "Stopped featuring a comment",
  auto_hide_comment: "Hid a reported comment until a moderator decides",
  close_comments: "Closed comments on a story",
  open_comments: "Reopened comments on a story",
  premoderate_story: "Pre-moderated a story",
  unpremoderate_story: "Stopped pre-moderating a story",
  warn_user: "Warned an account",
  premoderate_user: "Pre-moderated an account",
  suspend_user: "Suspended an account",
  ban_user: "Banned an account",
  lift_sanction: "Lifted a sanction",
  trust_user: "Marked an account as trusted",
  untrust_user: "Stopped trusting an account",
  note_user: "Added a private note to an account",
  update_terms: "Changed the terms of posting",
  update_moderation_rules: "Changed the moderation rules",
  update_staffed_hours: "Changed the staffed hours",
  update_alerts: "Changed the moderators' alerts",
  set_after_hours: "Changed what a story does when no moderator is on duty",
  set_slow_mode: "Changed slow mode on a story",
  brake_pair: "Slowed two residents replying to each other",
  duty_started: "Staffed hours began: a moderator is on duty",
  duty_ended: "Staffed hours ended: no moderator is on duty",
  change_role: "Changed an account's role",
  undo_decision: "Undid a decision about a comment",
  receive_appeal: "Received an appeal",
  uphold_appeal: "Upheld a decision on appeal",
  reverse_appeal: "Reversed a decision on appeal",
};

/** A comment as a decision found it: what Undo puts back (undo.server.ts). */
export interface CommentSnapshot {
  status: CommentStatus;
  held_reason: string;
  rule_number: number | null;
  moderation_note: string;
  featured_at: string | null;
  status_changed_at: string | null;
}

/**
 * One audit row per moderator action. Always called with the transaction that makes the change, so
 * the change and its record stand or fall together.
 */
export async function logModerationAction(
  trx: Kysely<Database>,
  entry: {
    moderatorId: number | null;
    action: ModerationActionName;
    commentId?: number | null;
    userId?: number | null;
    articleId?: number | null;
    ruleNumber?: number | null;
    note?: string;
    at: string;
    /** A decision about a comment: the comment before it, so that it can be undone. */
    previousState?: CommentSnapshot;
  },
): Promise<void> {
  await trx
    .insertInto("moderation_action")
    .values({
      moderator_id: entry.moderatorId,
      action: entry.action,
      comment_id: entry.commentId ?? null,
      user_id: entry.userId ?? null,
      article_id: entry.articleId ?? null,
      rule_number: entry.ruleNumber ?? null,
      note: entry.note ?? "",
      created_at: entry.at,
      previous_state: entry.previousState ? JSON.stringify(entry.previousState) : null,
    })
    .execute();
}
