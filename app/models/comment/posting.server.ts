import { sql, type Kysely } from "kysely";
import { lockForTransaction } from "../../../db/database";
import type { Comment, Database } from "../../../db/schema";
import type { SessionUser } from "../../auth/session.server";
import { EMPHASIS_BUDGET_MESSAGE, renderMarkdown } from "../../utils/markdown.server";
import { COMMENT_MAX_LENGTH, EDIT_WINDOW_MINUTES } from "../../utils/comment-rules";
import { adjustCommentCount, CommentParentError, createCommentInTransaction } from "./writing.server";
import { getModerationSettings, moderationSettingsFromStored, selectStoredModerationRules } from "../moderation/hold-rules.server";
import { BannedWordsError, screenNewComment } from "../moderation/decision.server";
import { BrakeError, checkThreadBrakes, logPairBrake } from "../moderation/brakes.server";
import { notifyOfReply } from "../notification.server";
import { preparedQuery } from "../../../db/prepared-query";
import { selectPendingWarnings } from "../moderation/sanction.server";
import { isRestrictedNow, restrictionHeadline, STILL_READ } from "../../utils/standing";
import { dutyAt, describeDutyChange, type AfterHoursMode, type StaffedHours } from "../../utils/staffed-hours";

/** A rule said no: the message is for the person, shown beside the field named. */
export class CommentRuleError extends Error {
  constructor(
    message: string,
    readonly field: "body" | "form" = "body",
  ) {
    super(message);
    this.name = "CommentRuleError";
  }
}

/**
 * An edit sent after its comment's window closed: the text is kept, and the answer offers to post it
 * as a new comment in the same place (under the same parent).
 */
export class EditWindowClosedError extends CommentRuleError {
  constructor(readonly parentId: number | null) {
    super(
      `Comments can be edited for ${EDIT_WINDOW_MINUTES} minutes after posting, and that time has passed. Your new text is still here: you can post it as a new ${parentId === null ? "comment" : "reply"}, or delete the old one.`,
    );
    this.name = "EditWindowClosedError";
  }
}

const MINUTE = 60_000;
const NEW_ACCOUNT_MS = 24 * 60 * MINUTE;
/** Posting limits: enough for a lively argument, too few for a flood. Newer accounts get fewer. */
export const POSTING_LIMITS = {
  established: { perMinute: 5, perHour: 60 },
  newAccount: { perMinute: 2, perHour: 10 },
} as const;

/** Whether this person may post at all right now, and if not, why (in words for them). */
export function postingBlockedReason(user: SessionUser, now = new Date()): string | null {
  if (user.status === "deleted") return "This account has been deleted.";
  if (isRestrictedNow(user, now.getTime())) {
    return `${restrictionHeadline({ kind: user.status === "banned" ? "ban" : "suspend", until: user.statusUntil })}. ${STILL_READ}`;
  }
  if (!user.emailVerified) return "Please verify your email address before you comment. The link is in the email we sent you.";
  return null;
}

export function validateCommentBody(source: string): string {
  const body = source.replace(/\r\n?/g, "\n");
  if (body.trim().length === 0) throw new CommentRuleError("Write something before posting: the comment is empty.");
  if (body.length > COMMENT_MAX_LENGTH) {
    throw new CommentRuleError(
      `Comments can be at most ${COMMENT_MAX_LENGTH.toLocaleString("en-GB")} characters; this one has ${body.length.toLocaleString("en-GB")}.`,
    );
  }
  return body;
}

/** Renders a resident's text; one whose marks would cost too much to work out is refused, not shown half-formatted. */
function renderCommentBody(body: string): string {
  const { html, overBudget } = renderMarkdown(body, "comment");
  if (overBudget) throw new CommentRuleError(EMPHASIS_BUDGET_MESSAGE);
  return html;
}

function sameText(a: string, b: string) {
  const fold = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();
  return fold(a) === fold(b);
}

/**
 * What posting needs to know about the author, the story and the rules before it decides, read in one
 * statement inside the posting transaction: the account, the story's pre-moderation switch, the
 * moderation rules, whether a warning waits to be read, and the author's recent posts (the flood limits
 * and repeats are read from the database so they hold across processes and restarts).
 */
const selectPostingState = preparedQuery(
  (db, values: { authorId: number; articleId: number; hourAgo: string; minuteAgo: string }) => {
    const postedSince = (since: string) =>
      db
        .selectFrom("comment")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("comment.author_id", "=", values.authorId)
        .where("comment.created_at", ">", since);
    const lastPost = db
      .selectFrom("comment")
      .select("comment.body_source")
      .where("comment.author_id", "=", values.authorId)
      .orderBy("comment.created_at", "desc")
      .orderBy("comment.id", "desc")
      .limit(1);
    return db
      .selectFrom("user")
      .innerJoin("article", (join) => join.on("article.id", "=", values.articleId))
      .select((eb) => [
        "user.created_at",
        "user.trusted",
        "user.premoderate",
        "user.role",
        "article.premoderate as article_premoderate",
        "article.after_hours",
        "article.slow_mode_minutes",
        selectStoredModerationRules(db).as("moderation_rules"),
        eb.exists(selectPendingWarnings(db, values.authorId).select("user_sanction.id")).as("warned"),
        postedSince(values.hourAgo).as("posted_last_hour"),
        postedSince(values.minuteAgo).as("posted_last_minute"),
        lastPost.as("last_body"),
      ])
      .where("user.id", "=", values.authorId);
  },
);

async function readPostingState(trx: Kysely<Database>, input: { authorId: number; articleId: number; now: Date }) {
  const [state] = await selectPostingState(trx, {
    authorId: input.authorId,
    articleId: input.articleId,
    hourAgo: new Date(input.now.getTime() - 60 * MINUTE).toISOString(),
    minuteAgo: new Date(input.now.getTime() - MINUTE).toISOString(),
  });
  // The author and the story were found for this request a moment ago: gone now, it is a server error.
  if (!state) throw new Error("The author or the story of a new comment no longer exists.");
  return state;
}

type PostingState = Awaited<ReturnType<typeof readPostingState>>;

/** Flood limits and repeats. Newer accounts get fewer posts. */
function checkPostingLimits(state: PostingState, body: string, now: Date) {
  const isNew = now.getTime() - Date.parse(state.created_at) < NEW_ACCOUNT_MS;
  const limits = isNew ? POSTING_LIMITS.newAccount : POSTING_LIMITS.established;
  const lastMinute = Number(state.posted_last_minute);
  if (lastMinute >= limits.perMinute) {
    throw new CommentRuleError(
      `You have posted ${lastMinute} comments in the last minute${isNew ? " (new accounts have a lower limit for their first day)" : ""}. Please wait a minute before posting again: your text is still here.`,
    );
  }
  if (Number(state.posted_last_hour) >= limits.perHour) {
    throw new CommentRuleError(`You have reached the limit of ${limits.perHour} comments an hour. Please come back a little later.`);
  }
  if (state.last_body !== null && sameText(state.last_body, body)) {
    throw new CommentRuleError("You just posted exactly this. Say something new, or edit your earlier comment.");
  }
}

/** While no moderator is on duty, a story set to "pause" takes no new top-level comments: why, and until when. */
function pausedTopLevelMessage(mode: AfterHoursMode, hours: StaffedHours, now: Date): string | null {
  if (mode !== "pause") return null;
  const duty = dutyAt(hours, now);
  if (duty.onDuty) return null;
  const until = duty.nextChange ? ` until ${describeDutyChange(duty.nextChange)}, when our moderators are back` : " while no moderator is on duty";
  return `New comments on this story are paused${until}. You can still reply to a comment; your text is still here.`;
}

export interface PostCommentInput {
  articleId: number;
  author: SessionUser;
  parentId?: number | null;
  bodySource: string;
  now?: Date;
}

/**
 * A resident posts a comment or a reply: who may post, whether the story is open, the parent, the
 * limits, the insert, the story's count and the reply notification, all in one transaction.
 */
export async function postComment(db: Kysely<Database>, input: PostCommentInput): Promise<Comment> {
  const now = input.now ?? new Date();
  const blocked = postingBlockedReason(input.author, now);
  if (blocked) throw new CommentRuleError(blocked, "form");
  const body = validateCommentBody(input.bodySource);
  return postInTransaction(db, input, body, now).catch(async (error: unknown) => {
    if (!(error instanceof BrakeError)) throw error;
    // The brake is logged once the refused post's transaction is over (a refusal rolls it back).
    if (error.pair) await logPairBrake(db, error.pair);
    throw new CommentRuleError(error.message, "form");
  });
}

function postInTransaction(db: Kysely<Database>, input: PostCommentInput, body: string, now: Date): Promise<Comment> {
  return db.transaction().execute(async (trx) => {
    // One author's posts are decided one at a time, so posts sent together all count against the limits.
    await lockForTransaction(trx, `comment-flood:${input.author.id}`);
    const state = await readPostingState(trx, { authorId: input.author.id, articleId: input.articleId, now });
    if (state.warned) throw new CommentRuleError("Please read the moderator's warning above and confirm it before you post again.", "form");
    let parent: Pick<Comment, "id" | "author_id" | "path" | "depth" | "root_id"> | undefined;
    if (input.parentId != null) {
      const row = await trx
        .selectFrom("comment")
        .select(["id", "author_id", "status", "path", "depth", "root_id"])
        .where("id", "=", input.parentId)
        .where("article_id", "=", input.articleId)
        .executeTakeFirst();
      if (!row) throw new CommentParentError();
      if (row.status !== "visible") throw new CommentRuleError("That comment can no longer be replied to.", "form");
      parent = row;
    }
    checkPostingLimits(state, body, now);
    const settings = moderationSettingsFromStored(state.moderation_rules);
    const paused = !parent && state.role === "resident" ? pausedTopLevelMessage(state.after_hours, settings.staffedHours, now) : null;
    if (paused) throw new CommentRuleError(paused, "form");
    await checkThreadBrakes(trx, {
      settings,
      articleId: input.articleId,
      slowModeMinutes: Number(state.slow_mode_minutes),
      author: { id: input.author.id, role: state.role },
      parent,
      now,
    });
    const bodyHtml = renderCommentBody(body);
    let screening;
    try {
      screening = await screenNewComment(trx, {
        author: { id: input.author.id, role: state.role, trusted: state.trusted === 1, premoderate: state.premoderate === 1 },
        article: { premoderate: state.article_premoderate === 1, afterHours: state.after_hours },
        now,
        bodySource: body,
        bodyHtml,
        settings,
      });
    } catch (error) {
      if (error instanceof BannedWordsError) throw new CommentRuleError(error.message);
      throw error;
    }
    const comment = await createCommentInTransaction(trx, {
      articleId: input.articleId,
      authorId: input.author.id,
      parent,
      bodySource: body,
      status: screening.status,
      heldReason: screening.heldReason,
      bodyHtml,
      createdAt: now.toISOString(),
    });
    if (parent && comment.status === "visible") {
      await notifyOfReply(trx, { recipientId: parent.author_id, actorId: input.author.id, commentId: comment.id, at: comment.created_at });
    }
    return comment;
  });
}

export function editWindowEndsAt(createdAt: string): number {
  return Date.parse(createdAt) + EDIT_WINDOW_MINUTES * MINUTE;
}

/** The author's own comment, still up, within its edit window; or a CommentRuleError saying why not. */
async function editableComment(db: Kysely<Database>, input: { commentId: number; author: SessionUser }, now: Date) {
  const existing = await db
    .selectFrom("comment")
    .innerJoin("article", "article.id", "comment.article_id")
    .innerJoin("user", "user.id", "comment.author_id")
    .select([
      "comment.status",
      "comment.created_at",
      "comment.article_id",
      "comment.parent_id",
      "article.premoderate as article_premoderate",
      "article.after_hours",
      "user.role",
      "user.trusted",
      "user.premoderate",
    ])
    .where("comment.id", "=", input.commentId)
    .where("comment.author_id", "=", input.author.id)
    .where("comment.status", "in", ["visible", "pending"])
    .executeTakeFirst();
  if (!existing) throw new CommentRuleError("You can only edit your own comments.", "form");
  if (Date.parse(existing.created_at) <= now.getTime() - EDIT_WINDOW_MINUTES * MINUTE) throw new EditWindowClosedError(existing.parent_id);
  return existing;
}

/**
 * The author edits within the window. Ownership and the window are part of the update's where; the new
 * text passes the same screening as a new comment (a banned word refuses it, a hold rule takes it down
 * until a moderator looks), in the same transaction as the story's count.
 */
export async function editOwnComment(
  db: Kysely<Database>,
  input: { commentId: number; author: SessionUser; bodySource: string; now?: Date },
): Promise<Comment> {
  const now = input.now ?? new Date();
  const blocked = postingBlockedReason(input.author, now);
  if (blocked) throw new CommentRuleError(blocked, "form");
  const body = validateCommentBody(input.bodySource);
  // Whose it is and whether its window is open are settled before the text is rendered: rendering costs
  // time, and nobody else's comment is worth spending it on. (Checked again in the transaction.)
  await editableComment(db, input, now);
  const bodyHtml = renderCommentBody(body);
  const settings = await getModerationSettings(db);
  return db.transaction().execute(async (trx) => {
    const existing = await editableComment(trx, input, now);
    let screening;
    try {
      screening = await screenNewComment(trx, {
        author: { id: input.author.id, role: existing.role, trusted: existing.trusted === 1, premoderate: existing.premoderate === 1 },
        article: { premoderate: existing.article_premoderate === 1, afterHours: existing.after_hours },
        now,
        bodySource: body,
        bodyHtml,
        settings,
      });
    } catch (error) {
      if (error instanceof BannedWordsError) throw new CommentRuleError(error.message);
      throw error;
    }
    const heldNow = existing.status === "visible" && screening.status === "pending";
    const updated = await trx
      .updateTable("comment")
      .set({
        body_source: body,
        body_html: bodyHtml,
        edited_at: now.toISOString(),
        ...(heldNow ? { status: "pending" as const, held_reason: screening.heldReason, status_changed_at: now.toISOString() } : {}),
      })
      .where("id", "=", input.commentId)
      .where("author_id", "=", input.author.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (heldNow) await adjustCommentCount(trx, existing.article_id, -1);
    return updated;
  });
}

/** The author deletes their words; the comment keeps its place for the replies under it. */
export async function deleteOwnComment(
  db: Kysely<Database>,
  input: { commentId: number; authorId: number; now?: Date },
): Promise<void> {
  const at = (input.now ?? new Date()).toISOString();
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("comment")
      .select(["status", "article_id"])
      .where("id", "=", input.commentId)
      .where("author_id", "=", input.authorId)
      .where("status", "in", ["visible", "pending"])
      .executeTakeFirst();
    if (!before) throw new CommentRuleError("You can only delete your own comments.", "form");
    await trx
      .updateTable("comment")
      .set({ status: "deleted", status_changed_at: at })
      .where("id", "=", input.commentId)
      .where("author_id", "=", input.authorId)
      .execute();
    if (before.status === "visible") await adjustCommentCount(trx, before.article_id, -1);
  });
}

/** A visible comment of this story written by someone else: what may be liked or reported. */
export async function requireOthersVisibleComment(
  trx: Kysely<Database>,
  input: { commentId: number; articleId: number; userId: number; verb: "like" | "report" },
): Promise<void> {
  const comment = await trx
    .selectFrom("comment")
    .select(["author_id", "status"])
    .where("id", "=", input.commentId)
    .where("article_id", "=", input.articleId)
    .executeTakeFirst();
  if (!comment || comment.status !== "visible") throw new CommentRuleError("That comment is not available.", "form");
  if (comment.author_id === input.userId) throw new CommentRuleError(`You cannot ${input.verb} your own comment.`, "form");
}

/**
 * One like per resident per comment; never on one's own comment. The form says which it wants ("like"
 * or "unlike"), so a double-click likes once and does not take it back; a form without it toggles.
 * The count moves by the rows actually added or removed, so two of the same request at once leave one
 * like and the right count.
 */
export async function toggleLike(
  db: Kysely<Database>,
  input: { commentId: number; userId: number; articleId: number; set?: "like" | "unlike"; now?: Date },
): Promise<{ liked: boolean; likeCount: number }> {
  return db.transaction().execute(async (trx) => {
    await requireOthersVisibleComment(trx, { ...input, verb: "like" });
    let change = 0;
    if (input.set !== "like") {
      const removed = await trx
        .deleteFrom("comment_like")
        .where("comment_id", "=", input.commentId)
        .where("user_id", "=", input.userId)
        .executeTakeFirst();
      change -= Number(removed.numDeletedRows);
    }
    const liked = input.set === undefined ? change === 0 : input.set === "like";
    if (liked) {
      const added = await trx
        .insertInto("comment_like")
        .values({ comment_id: input.commentId, user_id: input.userId, created_at: (input.now ?? new Date()).toISOString() })
        .onConflict((oc) => oc.columns(["comment_id", "user_id"]).doNothing())
        .returning("comment_id")
        .executeTakeFirst();
      if (added) change += 1;
    }
    const row = await trx
      .updateTable("comment")
      .set({ like_count: sql<number>`like_count + ${change}` })
      .where("id", "=", input.commentId)
      .returning("like_count")
      .executeTakeFirstOrThrow();
    return { liked, likeCount: row.like_count };
  });
}
