import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { nowIso } from "../../utils/time";
import { ModerationError } from "./decision.server";

/**
 * Who else is working on a comment (issue 29, part 2): opening a comment's moderation page, or pressing
 * Claim on it in the queue, records (moderator, comment, time), and the queue shows other moderators
 * "Being looked at by ..." for PRESENCE_MINUTES after. A claim is a courtesy, not a lock: anyone may still
 * decide, and the decision's own check (stale-decision.server.ts) keeps two decisions from crossing.
 */

export const PRESENCE_MINUTES = 5;
/** Rows older than this are cleared as new ones are written. */
const KEEP_MINUTES = 60;

export interface Presence {
  moderatorId: number;
  moderatorName: string;
  /** When they last opened or claimed it. */
  at: string;
  /** They pressed Claim (rather than only opening the comment). */
  claimed: boolean;
}

function minutesBefore(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) - minutes * 60_000).toISOString();
}

async function recordPresence(
  db: Kysely<Database>,
  input: { moderatorId: number; commentId: number; kind: "opened" | "claimed"; now?: string },
): Promise<void> {
  const at = input.now ?? nowIso();
  const mark = input.kind === "opened" ? { opened_at: at } : { claimed_at: at };
  await db
    .insertInto("moderation_claim")
    .values({ comment_id: input.commentId, moderator_id: input.moderatorId, opened_at: null, claimed_at: null, ...mark, seen_at: at })
    .onConflict((oc) => oc.columns(["comment_id", "moderator_id"]).doUpdateSet({ ...mark, seen_at: at }))
    .execute();
  await db.deleteFrom("moderation_claim").where("seen_at", "<", minutesBefore(at, KEEP_MINUTES)).execute();
}

/** A moderator opened a comment's moderation page. */
export function recordCommentOpened(db: Kysely<Database>, input: { moderatorId: number; commentId: number; now?: string }) {
  return recordPresence(db, { ...input, kind: "opened" });
}

/** A moderator pressed Claim on a comment in the queue: the others see it is being dealt with. */
export async function claimComment(db: Kysely<Database>, input: { moderatorId: number; commentId: number; now?: string }): Promise<void> {
  const comment = await db.selectFrom("comment").select(["id", "author_id"]).where("id", "=", input.commentId).executeTakeFirst();
  if (!comment) throw new ModerationError("That comment no longer exists.");
  if (comment.author_id === input.moderatorId) {
    throw new ModerationError("You cannot moderate your own comments: another moderator has to decide.");
  }
  await recordPresence(db, { ...input, kind: "claimed" });
}

/**
 * Who opened or claimed each of these comments in the last PRESENCE_MINUTES, latest first, by comment
 * id: one query whatever the number of ids.
 */
export async function listPresence(
  db: Kysely<Database>,
  input: { commentIds: number[]; now?: string },
): Promise<Record<number, Presence[]>> {
  const byComment: Record<number, Presence[]> = {};
  if (input.commentIds.length === 0) return byComment;
  const since = minutesBefore(input.now ?? nowIso(), PRESENCE_MINUTES);
  const rows = await db
    .selectFrom("moderation_claim")
    .innerJoin("user", "user.id", "moderation_claim.moderator_id")
    .select([
      "moderation_claim.comment_id",
      "moderation_claim.moderator_id",
      "moderation_claim.claimed_at",
      "moderation_claim.seen_at",
      "user.display_name",
    ])
    .where("moderation_claim.comment_id", "in", input.commentIds)
    .where("moderation_claim.seen_at", ">=", since)
    .orderBy("moderation_claim.seen_at", "desc")
    .execute();
  for (const row of rows) {
    (byComment[row.comment_id] ??= []).push({
      moderatorId: row.moderator_id,
      moderatorName: row.display_name,
      at: row.seen_at,
      claimed: row.claimed_at !== null && row.claimed_at >= since,
    });
  }
  return byComment;
}
