import type { Kysely } from "kysely";
import { lockForTransaction } from "../../../db/database";
import type { CommentStatus, Database } from "../../../db/schema";
import { ACTION_LABELS, type ModerationActionName } from "./audit.server";
import { decisionStamp, DECISION_ACTIONS } from "./queue.server";

/**
 * Two moderators must not overrule each other without knowing (issue 29). Every decision form carries
 * what its page showed of the comment, a stamp: its status and the id of the last decision about it
 * ("pending.0", "visible.1528"). A decision goes ahead only while the comment still matches its stamp;
 * otherwise nothing changes and the moderator is told who decided what and when, and may decide anyway
 * by posting again with the stamp they have now seen.
 */

/** What another moderator (or the site's rules) decided since the page was loaded. */
export interface DecidedSince {
  commentId: number;
  /** The comment's status now. */
  status: CommentStatus;
  /** The stamp to post to decide anyway. */
  stamp: string;
  action: ModerationActionName | null;
  label: string;
  moderatorName: string | null; // null: the site's automatic rules
  ruleNumber: number | null;
  at: string | null;
}

/** A decision was not applied: the comments changed since the page that asked for it was loaded. */
export class StaleDecisionError extends Error {
  constructor(readonly decidedSince: DecidedSince[]) {
    super(
      decidedSince.length === 1
        ? "This comment was decided since your page was loaded: nothing was changed."
        : `${decidedSince.length} of these comments were decided since your page was loaded: nothing was changed.`,
    );
    this.name = "StaleDecisionError";
  }
}

/**
 * Takes the comment's decision lock for the rest of the transaction (PostgreSQL: an advisory lock, so
 * two app servers deciding at once take turns; SQLite: one writer already) and reads what the comment
 * is now. Every decision takes it first, so a check made after it holds until the decision commits.
 */
export async function lockCommentForDecision(trx: Kysely<Database>, commentId: number): Promise<void> {
  await lockForTransaction(trx, `comment-decision:${commentId}`);
}

/**
 * Compares a comment with what the moderator's page showed. Call after lockCommentForDecision, in the
 * decision's transaction. Returns what changed since, or null when the page was up to date (or no
 * stamp was posted: tools and scripts that decide without a page).
 */
export async function findDecidedSince(
  trx: Kysely<Database>,
  comment: { id: number; status: CommentStatus },
  shown: string | undefined,
): Promise<DecidedSince | null> {
  if (shown === undefined) return null;
  const last = await trx
    .selectFrom("moderation_action")
    .leftJoin("user", "user.id", "moderation_action.moderator_id")
    .select([
      "moderation_action.id",
      "moderation_action.action",
      "moderation_action.rule_number",
      "moderation_action.created_at",
      "user.display_name as moderator_name",
    ])
    .where("moderation_action.comment_id", "=", comment.id)
    .where("moderation_action.action", "in", [...DECISION_ACTIONS])
    .orderBy("moderation_action.id", "desc")
    .limit(1)
    .executeTakeFirst();
  const stamp = decisionStamp(comment.status, last?.id ?? null);
  if (stamp === shown) return null;
  // No decision since the page's own: the comment changed otherwise (its author deleted it).
  const decided = last !== undefined && String(last.id) !== shown.slice(shown.indexOf(".") + 1);
  const action = decided ? (last.action as ModerationActionName) : null;
  return {
    commentId: comment.id,
    status: comment.status,
    stamp,
    action,
    label: action ? ACTION_LABELS[action] : "Changed",
    moderatorName: decided ? last.moderator_name : null,
    ruleNumber: decided ? last.rule_number : null,
    at: decided ? last.created_at : null,
  };
}
