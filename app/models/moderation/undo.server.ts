import { tellModerationNotice } from "./notice.server";
import type { Kysely } from "kysely";
import type { CommentStatus, Database, Role } from "../../../db/schema";
import { formatDateTime, nowIso } from "../../utils/time";
import { adjustCommentCount } from "../comment/writing.server";
import { ACTION_LABELS, logModerationAction, type CommentSnapshot, type ModerationActionName } from "./audit.server";
import { ModerationError } from "./decision.server";
import { decisionStamp, DECISION_ACTIONS } from "./queue.server";
import { findDecidedSince, lockCommentForDecision } from "./stale-decision.server";

/**
 * Undo (issue 29, part 2): for UNDO_MINUTES after a decision about a comment, its moderator may take it
 * back from the log. The comment goes back to what the decision found (its status, held reason, rule,
 * note), the reports it closed open again, an unread notice to the author is withdrawn, and the undo is
 * logged. Only while nothing else has happened to the comment since: otherwise the moderator decides
 * again like anyone else.
 */

export const UNDO_MINUTES = 10;

/** Decisions that can be undone, and the status each leaves the comment in. */
const UNDOABLE: Partial<Record<ModerationActionName, CommentStatus>> = {
  approve_comment: "visible",
  reject_comment: "rejected",
  remove_comment: "removed",
  restore_comment: "visible",
};

const LOG_ROW_COLUMNS = ["id", "action", "moderator_id", "comment_id", "created_at", "previous_state"] as const;

interface LogRow {
  id: number;
  action: string;
  moderator_id: number | null;
  comment_id: number | null;
  created_at: string;
  previous_state: string | null;
}

function withinUndoWindow(createdAt: string, now: string): boolean {
  return Date.parse(now) - Date.parse(createdAt) <= UNDO_MINUTES * 60_000;
}

/** Whether this moderator may still undo this log entry, leaving aside what happened since (a query). */
function mayUndo(entry: LogRow, moderatorId: number, now: string): boolean {
  return (
    entry.moderator_id === moderatorId &&
    entry.comment_id !== null &&
    entry.previous_state !== null &&
    UNDOABLE[entry.action as ModerationActionName] !== undefined &&
    withinUndoWindow(entry.created_at, now)
  );
}

/**
 * Of these log entries, the ones this moderator can undo now: their own decisions of the last
 * UNDO_MINUTES that are still the last decision about their comment. Two queries whatever the number.
 */
export async function listUndoableEntries(
  db: Kysely<Database>,
  input: { entryIds: number[]; moderatorId: number; now?: string },
): Promise<number[]> {
  if (input.entryIds.length === 0) return [];
  const now = input.now ?? nowIso();
  const rows = await db
    .selectFrom("moderation_action")
    .select(LOG_ROW_COLUMNS)
    .where("id", "in", input.entryIds)
    .where("moderator_id", "=", input.moderatorId)
    .execute();
  const candidates = rows.filter((row) => mayUndo(row, input.moderatorId, now));
  if (candidates.length === 0) return [];
  const latest = await db
    .selectFrom("moderation_action")
    .select((eb) => ["comment_id", eb.fn.max("id").as("last_id")])
    .where("comment_id", "in", candidates.map((row) => row.comment_id!))
    .where("action", "in", [...DECISION_ACTIONS])
    .groupBy("comment_id")
    .execute();
  const lastByComment = new Map(latest.map((row) => [row.comment_id, Number(row.last_id)]));
  return candidates.filter((row) => lastByComment.get(row.comment_id) === row.id).map((row) => row.id);
}

/** Takes back a moderator's own recent decision about a comment, and logs that it did. */
export async function undoDecision(
  db: Kysely<Database>,
  input: { moderator: { id: number; role: Role }; entryId: number; now?: string },
): Promise<void> {
  const at = input.now ?? nowIso();
  await db.transaction().execute(async (trx) => {
    const entry = await trx
      .selectFrom("moderation_action")
      .select(LOG_ROW_COLUMNS)
      .where("id", "=", input.entryId)
      .executeTakeFirst();
    if (!entry || entry.comment_id === null) throw new ModerationError("There is no such decision in the log.");
    if (entry.moderator_id !== input.moderator.id) throw new ModerationError("You can undo only your own decisions.");
    const leftAs = UNDOABLE[entry.action as ModerationActionName];
    if (!leftAs || entry.previous_state === null) throw new ModerationError("This entry of the log cannot be undone.");
    if (!withinUndoWindow(entry.created_at, at)) {
      throw new ModerationError(`Decisions can be undone for ${UNDO_MINUTES} minutes, and this one is older: decide again instead.`);
    }

    await lockCommentForDecision(trx, entry.comment_id);
    const comment = await trx
      .selectFrom("comment")
      .innerJoin("article", "article.id", "comment.article_id")
      .select(["comment.id", "comment.status", "comment.author_id", "comment.article_id", "article.headline"])
      .where("comment.id", "=", entry.comment_id)
      .executeTakeFirstOrThrow();
    // Nothing may have happened to the comment since: the entry is still its last decision, and the
    // comment is as the decision left it (its author has not deleted it meanwhile).
    const since = await findDecidedSince(trx, comment, decisionStamp(leftAs, entry.id));
    if (since) {
      throw new ModerationError(
        since.action && since.at
          ? `${since.moderatorName ?? "The site’s automatic rules"} acted on this comment since (${since.label.toLowerCase()}, ${formatDateTime(since.at)}): nothing was undone.`
          : "The comment has changed since: nothing was undone.",
      );
    }

    const before = JSON.parse(entry.previous_state) as CommentSnapshot;
    const undone = await trx
      .updateTable("comment")
      .set({
        status: before.status,
        held_reason: before.held_reason,
        rule_number: before.rule_number,
        moderation_note: before.moderation_note,
        featured_at: before.featured_at,
        status_changed_at: before.status_changed_at,
      })
      .where("id", "=", comment.id)
      .where("status", "=", comment.status)
      .executeTakeFirstOrThrow();
    if (undone.numUpdatedRows !== 1n) throw new ModerationError("The comment has changed since: nothing was undone.");
    const visibleNow = comment.status === "visible";
    const visibleAgain = before.status === "visible";
    if (visibleNow !== visibleAgain) await adjustCommentCount(trx, comment.article_id, visibleAgain ? 1 : -1);

    // The reports the decision closed are open again.
    await trx
      .updateTable("comment_report")
      .set({ resolved_at: null })
      .where("comment_id", "=", comment.id)
      .where("resolved_at", "=", entry.created_at)
      .execute();

    // What the author was told of the decision: withdrawn if unread, else followed by a word.
    const withdrawn = await trx
      .deleteFrom("notification")
      .where("user_id", "=", comment.author_id)
      .where("comment_id", "=", comment.id)
      .where("kind", "=", "moderation")
      .where("created_at", "=", entry.created_at)
      .where("read_at", "is", null)
      // once mailed, the resident may have read it there: a word follows instead
      .where("mailed_at", "is", null)
      .executeTakeFirst();
    const told = await trx
      .selectFrom("notification")
      .select("id")
      .where("user_id", "=", comment.author_id)
      .where("comment_id", "=", comment.id)
      .where("kind", "=", "moderation")
      .where("created_at", "=", entry.created_at)
      .executeTakeFirst();
    if (withdrawn.numDeletedRows === 0n && told) {
      await tellModerationNotice(trx, {
        userId: comment.author_id,
        commentId: comment.id,
        ruleNumber: null,
        body: `A moderator took back their last decision about your comment on “${comment.headline}”.`,
        at,
      });
    }

    await logModerationAction(trx, {
      moderatorId: input.moderator.id,
      action: "undo_decision",
      commentId: comment.id,
      userId: comment.author_id,
      articleId: comment.article_id,
      note: `${ACTION_LABELS[entry.action as ModerationActionName]}, ${formatDateTime(entry.created_at)}`,
      at,
    });
  });
}
