import type { Kysely } from "kysely";
import type { Database, ReportReason } from "../../../db/schema";
import { CommentRuleError, requireOthersVisibleComment } from "./posting.server";
import { getModerationSettings } from "../moderation/hold-rules.server";
import { hideIfReportedEnough } from "../moderation/decision.server";

export const REPORT_NOTE_MAX_LENGTH = 500;

/** A resident reports someone else's comment to the moderators, once per comment. */
export async function reportComment(
  db: Kysely<Database>,
  input: { commentId: number; reporterId: number; articleId: number; reason: ReportReason; note: string; now?: Date },
): Promise<{ hidden: boolean }> {
  const { reportHideThreshold } = await getModerationSettings(db);
  const at = (input.now ?? new Date()).toISOString();
  return db.transaction().execute(async (trx) => {
    await requireOthersVisibleComment(trx, { commentId: input.commentId, articleId: input.articleId, userId: input.reporterId, verb: "report" });
    // The unique constraint decides, not a look beforehand: two reports sent at once (a double click)
    // would both find none and the second insert would fail.
    const inserted = await trx
      .insertInto("comment_report")
      .values({
        comment_id: input.commentId,
        reporter_id: input.reporterId,
        reason: input.reason,
        note: input.note.trim().slice(0, REPORT_NOTE_MAX_LENGTH),
        created_at: at,
        resolved_at: null,
      })
      .onConflict((oc) => oc.columns(["comment_id", "reporter_id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) throw new CommentRuleError("You have already reported this comment. A moderator will look at it.", "form");
    return { hidden: await hideIfReportedEnough(trx, { commentId: input.commentId, threshold: reportHideThreshold, at }) };
  });
}
