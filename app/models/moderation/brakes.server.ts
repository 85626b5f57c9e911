import type { Kysely } from "kysely";
import type { Database, Role } from "../../../db/schema";
import { formatDateTime, nowIso } from "../../utils/time";
import { logModerationAction } from "./audit.server";
import { ModerationError } from "./decision.server";
import type { ModerationSettings } from "./hold-rules.server";

/**
 * Thread brakes (issue 15, part 3). Two residents replying to each other again and again: once they
 * have exchanged `pairReplies` replies within `pairMinutes`, each next reply to the other waits a
 * growing delay (2 minutes, then 4, 8 … up to an hour), with a message that says why and until when;
 * the first time, the brake is logged and moderators are alerted (alert.server.ts reads the log). Slow
 * mode: a story where each resident may post one comment every so many minutes, switched by moderators.
 */

/** A post refused by a brake: the message says why and until when; the text stays in the form. */
export class BrakeError extends Error {
  constructor(
    message: string,
    /** A heated pair's brake, to be logged once the refused post's transaction has ended (logPairBrake). */
    readonly pair?: PairBrake,
  ) {
    super(message);
    this.name = "BrakeError";
  }
}

interface PairBrake {
  articleId: number;
  authorId: number;
  otherId: number;
  parentId: number;
  replies: number;
  minutes: number;
  at: string;
}

/** Logs a heated pair's brake once per pair within its window (the moderators' watch turns it into an alert). */
export async function logPairBrake(db: Kysely<Database>, brake: PairBrake): Promise<void> {
  const marker = `#${Math.min(brake.authorId, brake.otherId)}-${Math.max(brake.authorId, brake.otherId)}#`;
  await db.transaction().execute(async (trx) => {
    const logged = await trx
      .selectFrom("moderation_action")
      .select("id")
      .where("action", "=", "brake_pair")
      .where("article_id", "=", brake.articleId)
      .where("created_at", ">", new Date(Date.parse(brake.at) - brake.minutes * 60_000).toISOString())
      .where("note", "like", `%${marker}`)
      .executeTakeFirst();
    if (logged) return;
    await logModerationAction(trx, {
      moderatorId: null,
      action: "brake_pair",
      userId: brake.authorId,
      articleId: brake.articleId,
      commentId: brake.parentId,
      note: `${brake.replies} replies between two residents within ${brake.minutes} minutes; their next replies to each other wait ${marker}`,
      at: brake.at,
    });
  });
}

const FIRST_DELAY_MS = 2 * 60_000;
const LONGEST_DELAY_MS = 60 * 60_000;

function minutesUntil(until: number, now: number): string {
  const minutes = Math.max(1, Math.ceil((until - now) / 60_000));
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

/**
 * Before a resident's comment goes in, inside the posting transaction: slow mode on the story, and the
 * heated-pair brake for a reply. Throws BrakeError when the comment must wait.
 */
export async function checkThreadBrakes(
  trx: Kysely<Database>,
  input: {
    settings: Pick<ModerationSettings, "pairReplies" | "pairMinutes">;
    articleId: number;
    slowModeMinutes: number;
    author: { id: number; role: Role };
    parent: { id: number; author_id: number } | undefined;
    now: Date;
  },
): Promise<void> {
  if (input.author.role !== "resident") return;
  const now = input.now.getTime();
  if (input.slowModeMinutes > 0) {
    const last = await trx
      .selectFrom("comment")
      .select("created_at")
      .where("article_id", "=", input.articleId)
      .where("author_id", "=", input.author.id)
      .where("created_at", ">", new Date(now - input.slowModeMinutes * 60_000).toISOString())
      .orderBy("created_at", "desc")
      .limit(1)
      .executeTakeFirst();
    if (last) {
      const until = Date.parse(last.created_at) + input.slowModeMinutes * 60_000;
      throw new BrakeError(
        `Slow mode is on for this story: one comment every ${input.slowModeMinutes} minutes each, so everyone can be heard. ` +
          `You can post again at ${formatDateTime(new Date(until).toISOString())} (in ${minutesUntil(until, now)}). Your text is still here.`,
      );
    }
  }
  const { parent } = input;
  const { pairReplies, pairMinutes } = input.settings;
  if (!parent || pairReplies <= 0 || parent.author_id === input.author.id) return;
  const other = parent.author_id;
  const exchanged = await trx
    .selectFrom("comment as reply")
    .innerJoin("comment as parent", "parent.id", "reply.parent_id")
    .select(["reply.author_id", "reply.created_at"])
    .where("reply.article_id", "=", input.articleId)
    .where("reply.created_at", ">", new Date(now - pairMinutes * 60_000).toISOString())
    .where((eb) =>
      eb.or([
        eb.and([eb("reply.author_id", "=", input.author.id), eb("parent.author_id", "=", other)]),
        eb.and([eb("reply.author_id", "=", other), eb("parent.author_id", "=", input.author.id)]),
      ]),
    )
    .orderBy("reply.created_at", "desc")
    .execute();
  if (exchanged.length < pairReplies) return;
  // The wait runs from the pair's latest reply, and doubles with each reply past the threshold.
  const delay = Math.min(LONGEST_DELAY_MS, FIRST_DELAY_MS * 2 ** (exchanged.length - pairReplies));
  const until = Date.parse(exchanged[0]!.created_at) + delay;
  if (now >= until) return;
  const otherUser = await trx.selectFrom("user").select("display_name").where("id", "=", other).executeTakeFirst();
  const name = otherUser?.display_name ?? "them";
  throw new BrakeError(
    `You and ${name} have replied to each other ${exchanged.length} times in the last ${pairMinutes} minutes. ` +
      `To let the thread breathe, your next reply to ${name} can go up at ${formatDateTime(new Date(until).toISOString())} (in ${minutesUntil(until, now)}). ` +
      "You can still reply to others. Your text is still here.",
    { articleId: input.articleId, authorId: input.author.id, otherId: other, parentId: parent.id, replies: exchanged.length, minutes: pairMinutes, at: new Date(now).toISOString() },
  );
}

/** Switches slow mode on a story (0: off), logged. */
export async function setSlowMode(
  db: Kysely<Database>,
  input: { moderator: { id: number; role: Role }; articleId: number; minutes: number; now?: string },
): Promise<void> {
  const at = input.now ?? nowIso();
  await db.transaction().execute(async (trx) => {
    const story = await trx.selectFrom("article").select(["id", "slow_mode_minutes"]).where("id", "=", input.articleId).executeTakeFirst();
    if (!story) throw new ModerationError("That story no longer exists.");
    if (story.slow_mode_minutes === input.minutes) return;
    await trx.updateTable("article").set({ slow_mode_minutes: input.minutes, updated_at: at }).where("id", "=", story.id).execute();
    await logModerationAction(trx, {
      moderatorId: input.moderator.id,
      action: "set_slow_mode",
      articleId: story.id,
      note: input.minutes > 0 ? `One comment every ${input.minutes} minutes each` : "Off",
      at,
    });
  });
}
