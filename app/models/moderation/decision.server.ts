import type { Kysely } from "kysely";
import type { CommentStatus, Database, Role } from "../../../db/schema";
import { nowIso } from "../../utils/time";
import { adjustCommentCount } from "../comment/writing.server";
import type { ModerationSettings } from "./hold-rules.server";
import { tellModerationNotice } from "./notice.server";
import { logModerationAction, type CommentSnapshot } from "./audit.server";
import { notifyOfReply } from "../notification.server";
import { findListedPhrase } from "./word-list";
import { dutyAt, type AfterHoursMode } from "../../utils/staffed-hours";
import { findDecidedSince, lockCommentForDecision, StaleDecisionError, type DecidedSince } from "./stale-decision.server";

/** A moderator's decision was refused; the message says why, for the moderator. */
export class ModerationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ModerationError";
  }
}

export interface Screening {
  status: Extract<CommentStatus, "visible" | "pending">;
  heldReason: string;
}

export interface ScreeningInput {
  author: { id: number; role: Role; trusted: boolean; premoderate: boolean };
  article: { premoderate: boolean; afterHours?: AfterHoursMode };
  /** When it is posted: outside staffed hours a story set to "hold" holds it. */
  now?: Date;
  bodySource: string;
  bodyHtml: string;
  settings: ModerationSettings;
}

/** A banned word or phrase: the comment is refused at once, naming the rule it breaks. */
export class BannedWordsError extends Error {
  constructor(readonly ruleNumber: number, readonly ruleTitle: string | null) {
    super(
      `This comment was not posted: it contains a word or phrase that breaks rule ${ruleNumber} of our terms of posting` +
        `${ruleTitle ? ` (${ruleTitle})` : ""}. Your text is still here to change.`,
    );
    this.name = "BannedWordsError";
  }
}

/**
 * Decides whether a new comment is published at once or waits for a moderator, and why. Staff
 * comments are never held; banned words refuse a comment from anyone.
 */
export async function screenNewComment(trx: Kysely<Database>, input: ScreeningInput): Promise<Screening> {
  const { settings, author } = input;
  if (findListedPhrase(input.bodySource, settings.bannedWords)) {
    const rule = await trx
      .selectFrom("terms_rule")
      .select("title")
      .where("number", "=", settings.bannedWordsRule)
      .executeTakeFirst();
    throw new BannedWordsError(settings.bannedWordsRule, rule?.title ?? null);
  }
  if (author.role !== "resident") return { status: "visible", heldReason: "" };
  if (settings.premoderateAll) return { status: "pending", heldReason: "Every comment is pre-moderated at the moment" };
  if (input.article.premoderate) return { status: "pending", heldReason: "Comments on this story are pre-moderated" };
  if (input.article.afterHours === "hold" && !dutyAt(settings.staffedHours, input.now ?? new Date()).onDuty) {
    return { status: "pending", heldReason: "Posted while no moderator was on duty" };
  }
  if (author.premoderate) return { status: "pending", heldReason: "This account is pre-moderated" };
  if (!author.trusted && settings.newAccountHoldCount > 0) {
    const approved = await trx
      .selectFrom("comment")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("author_id", "=", author.id)
      .where("status", "=", "visible")
      .executeTakeFirstOrThrow();
    if (Number(approved.n) < settings.newAccountHoldCount) {
      return { status: "pending", heldReason: "One of the first comments from a new account" };
    }
  }
  if (settings.linkHoldCount > 0) {
    const links = (input.bodyHtml.match(/<a\s/g) ?? []).length;
    if (links >= settings.linkHoldCount) return { status: "pending", heldReason: `Contains ${links} links` };
  }
  const suspect = findListedPhrase(input.bodySource, settings.suspectWords);
  if (suspect) return { status: "pending", heldReason: `Contains a suspect word or phrase (“${suspect}”)` };
  return { status: "visible", heldReason: "" };
}

/**
 * After a report: once enough different residents have reported a visible comment, it is hidden
 * until a moderator decides. Runs in the report's transaction.
 */
export async function hideIfReportedEnough(
  trx: Kysely<Database>,
  input: { commentId: number; threshold: number; at: string },
): Promise<boolean> {
  if (input.threshold <= 0) return false;
  const row = await trx
    .selectFrom("comment_report")
    .select((eb) => eb.fn.count<number>("reporter_id").distinct().as("n"))
    .where("comment_id", "=", input.commentId)
    .where("resolved_at", "is", null)
    .executeTakeFirstOrThrow();
  if (Number(row.n) < input.threshold) return false;
  // Hiding is a decision too: it waits for one under way, and a moderator's page that showed the
  // comment visible learns of it before deciding.
  await lockCommentForDecision(trx, input.commentId);
  const hidden = await trx
    .updateTable("comment")
    .set({ status: "pending", held_reason: `Reported by ${Number(row.n)} residents`, status_changed_at: input.at })
    .where("id", "=", input.commentId)
    .where("status", "=", "visible")
    .returning(["article_id", "author_id"])
    .executeTakeFirst();
  if (!hidden) return false;
  await adjustCommentCount(trx, hidden.article_id, -1);
  await logModerationAction(trx, {
    moderatorId: null,
    action: "auto_hide_comment",
    commentId: input.commentId,
    userId: hidden.author_id,
    articleId: hidden.article_id,
    note: `Hidden after reports from ${Number(row.n)} residents`,
    at: input.at,
  });
  return true;
}

interface Moderator {
  id: number;
  role: Role;
}

/**
 * The comment a decision is about, under its decision lock. With `shown` (what the moderator's page
 * showed), a comment decided since refuses the decision with StaleDecisionError.
 */
async function loadCommentForDecision(trx: Kysely<Database>, commentId: number, moderator: Moderator, shown?: string) {
  await lockCommentForDecision(trx, commentId);
  const comment = await trx
    .selectFrom("comment")
    .innerJoin("article", "article.id", "comment.article_id")
    .select([
      "comment.id",
      "comment.status",
      "comment.author_id",
      "comment.article_id",
      "comment.featured_at",
      "comment.held_reason",
      "comment.rule_number",
      "comment.moderation_note",
      "comment.status_changed_at",
      "comment.parent_id",
      "comment.created_at",
      "article.headline",
      "article.slug",
    ])
    .where("comment.id", "=", commentId)
    .executeTakeFirst();
  if (!comment) throw new ModerationError("That comment no longer exists.");
  if (comment.author_id === moderator.id) {
    throw new ModerationError("You cannot moderate your own comments: another moderator has to decide.");
  }
  const since = await findDecidedSince(trx, comment, shown);
  if (since) throw new StaleDecisionError([since]);
  return comment;
}

/** The comment as a decision finds it, logged with the decision so that it can be undone. */
function snapshotOf(comment: CommentSnapshot): CommentSnapshot {
  const { status, held_reason, rule_number, moderation_note, featured_at, status_changed_at } = comment;
  return { status, held_reason, rule_number, moderation_note, featured_at, status_changed_at };
}

/** The comment's status moved under a decision (its author deleted it meanwhile): undo the decision. */
function requireUpdated(result: { numUpdatedRows: bigint }) {
  if (result.numUpdatedRows !== 1n) throw new ModerationError("That comment changed while you decided: reload the page and look again.");
}

async function requireRule(trx: Kysely<Database>, ruleNumber: number | null | undefined) {
  if (ruleNumber == null) throw new ModerationError("Choose the rule of the terms of posting that the comment breaks.");
  const rule = await trx.selectFrom("terms_rule").select(["number", "title"]).where("number", "=", ruleNumber).executeTakeFirst();
  if (!rule) throw new ModerationError(`There is no rule ${ruleNumber} in the terms of posting.`);
  return rule;
}

async function resolveReports(trx: Kysely<Database>, commentId: number, at: string) {
  await trx.updateTable("comment_report").set({ resolved_at: at }).where("comment_id", "=", commentId).where("resolved_at", "is", null).execute();
}


/** Publishes a held comment, or clears the reports against a visible one. */
export async function approveComment(
  db: Kysely<Database>,
  input: { moderator: Moderator; commentId: number; shown?: string; note?: string; now?: string },
): Promise<void> {
  await db.transaction().execute((trx) => approveCommentIn(trx, input));
}

async function approveCommentIn(
  trx: Kysely<Database>,
  input: { moderator: Moderator; commentId: number; shown?: string; note?: string; now?: string },
): Promise<void> {
  const at = input.now ?? nowIso();
  {
    const comment = await loadCommentForDecision(trx, input.commentId, input.moderator, input.shown);
    if (!["pending", "visible"].includes(comment.status)) {
      throw new ModerationError("Only held or visible comments can be approved; use Restore for a removed one.");
    }
    if (comment.status === "pending") {
      requireUpdated(
        await trx
          .updateTable("comment")
          .set({ status: "visible", held_reason: "", status_changed_at: at })
          .where("id", "=", comment.id)
          .where("status", "=", comment.status)
          .executeTakeFirstOrThrow(),
      );
      await adjustCommentCount(trx, comment.article_id, 1);
      if (comment.parent_id !== null) {
        // The reply is public now: its parent's author hears of it, as with any reply.
        const parent = await trx.selectFrom("comment").select("author_id").where("id", "=", comment.parent_id).executeTakeFirst();
        const alreadyTold = await trx
          .selectFrom("notification")
          .select("id")
          .where("comment_id", "=", comment.id)
          .where("kind", "=", "reply")
          .executeTakeFirst();
        if (parent && !alreadyTold) await notifyOfReply(trx, { recipientId: parent.author_id, actorId: comment.author_id, commentId: comment.id, at });
      }
    }
    await resolveReports(trx, comment.id, at);
    await logModerationAction(trx, {
      moderatorId: input.moderator.id,
      action: "approve_comment",
      commentId: comment.id,
      userId: comment.author_id,
      articleId: comment.article_id,
      note: input.note ?? "",
      at,
      previousState: snapshotOf(comment),
    });
  }
}

/**
 * Rejects a held comment or removes a visible one, citing a rule. Others see a placeholder naming the
 * rule where it had replies; the author is told the rule and the note.
 */
export async function rejectComment(
  db: Kysely<Database>,
  input: { moderator: Moderator; commentId: number; shown?: string; ruleNumber: number | null; note?: string; now?: string },
): Promise<void> {
  await db.transaction().execute((trx) => rejectCommentIn(trx, input));
}

async function rejectCommentIn(
  trx: Kysely<Database>,
  input: { moderator: Moderator; commentId: number; shown?: string; ruleNumber: number | null; note?: string; now?: string },
): Promise<void> {
  const at = input.now ?? nowIso();
  const note = (input.note ?? "").trim();
  {
    const comment = await loadCommentForDecision(trx, input.commentId, input.moderator, input.shown);
    const rule = await requireRule(trx, input.ruleNumber);
    if (!["pending", "visible"].includes(comment.status)) throw new ModerationError("That comment has already been taken down.");
    // A held comment that never appeared is rejected; one that was up (even if reports have hidden it
    // since) is removed, and its place in the thread says so.
    const wasPublished =
      comment.status === "visible" ||
      (await trx
        .selectFrom("moderation_action")
        .select("id")
        .where("comment_id", "=", comment.id)
        .where("action", "=", "auto_hide_comment")
        .executeTakeFirst()) !== undefined;
    const status = wasPublished ? "removed" : "rejected";
    requireUpdated(
      await trx
        .updateTable("comment")
        .set({ status, rule_number: rule.number, moderation_note: note, featured_at: null, status_changed_at: at })
        .where("id", "=", comment.id)
        .where("status", "=", comment.status)
        .executeTakeFirstOrThrow(),
    );
    if (comment.status === "visible") await adjustCommentCount(trx, comment.article_id, -1);
    await resolveReports(trx, comment.id, at);
    await logModerationAction(trx, {
      moderatorId: input.moderator.id,
      action: status === "rejected" ? "reject_comment" : "remove_comment",
      commentId: comment.id,
      userId: comment.author_id,
      articleId: comment.article_id,
      ruleNumber: rule.number,
      note,
      at,
      previousState: snapshotOf(comment),
    });
    await tellModerationNotice(trx, {
      userId: comment.author_id,
      commentId: comment.id,
      ruleNumber: rule.number,
      body:
        `A moderator ${status === "rejected" ? "did not publish" : "removed"} your comment on “${comment.headline}”: ` +
        `rule ${rule.number}, ${rule.title}.${note ? ` Note from the moderator: ${note}` : ""}`,
      at,
    });
  }
}

/** Puts a rejected or removed comment back. */
export async function restoreComment(
  db: Kysely<Database>,
  input: { moderator: Moderator; commentId: number; shown?: string; note?: string; now?: string },
): Promise<void> {
  await db.transaction().execute((trx) => restoreCommentIn(trx, input));
}

/**
 * Restores a comment inside a caller's transaction. `tellAuthor: false` leaves telling the author to
 * the caller (an appeal's answer says it in its own words).
 */
export async function restoreCommentIn(
  trx: Kysely<Database>,
  input: { moderator: Moderator; commentId: number; shown?: string; note?: string; now?: string; tellAuthor?: boolean },
): Promise<void> {
  const at = input.now ?? nowIso();
  {
    const comment = await loadCommentForDecision(trx, input.commentId, input.moderator, input.shown);
    if (!["rejected", "removed"].includes(comment.status)) throw new ModerationError("Only a rejected or removed comment can be restored.");
    requireUpdated(
      await trx
        .updateTable("comment")
        .set({ status: "visible", rule_number: null, moderation_note: "", held_reason: "", status_changed_at: at })
        .where("id", "=", comment.id)
        .where("status", "=", comment.status)
        .executeTakeFirstOrThrow(),
    );
    await adjustCommentCount(trx, comment.article_id, 1);
    await logModerationAction(trx, {
      moderatorId: input.moderator.id,
      action: "restore_comment",
      commentId: comment.id,
      userId: comment.author_id,
      articleId: comment.article_id,
      note: input.note ?? "",
      at,
      previousState: snapshotOf(comment),
    });
    if (input.tellAuthor !== false) {
      await tellModerationNotice(trx, {
        userId: comment.author_id,
        commentId: comment.id,
        ruleNumber: null,
        body: `A moderator restored your comment on “${comment.headline}”.`,
        at,
      });
    }
  }
}

/** Features a visible comment above the thread, or stops featuring it. */
export async function setCommentFeatured(
  db: Kysely<Database>,
  input: { moderator: Moderator; commentId: number; featured: boolean; now?: string },
): Promise<void> {
  const at = input.now ?? nowIso();
  await db.transaction().execute(async (trx) => {
    const comment = await loadCommentForDecision(trx, input.commentId, input.moderator);
    if (input.featured && comment.status !== "visible") throw new ModerationError("Only a visible comment can be featured.");
    await trx
      .updateTable("comment")
      .set({ featured_at: input.featured ? at : null })
      .where("id", "=", comment.id)
      .execute();
    await logModerationAction(trx, {
      moderatorId: input.moderator.id,
      action: input.featured ? "feature_comment" : "unfeature_comment",
      commentId: comment.id,
      userId: comment.author_id,
      articleId: comment.article_id,
      at,
    });
  });
}

/** Closes or reopens comments on a story (the thread stays visible), or switches its pre-moderation. */
export async function setArticleDiscussion(
  db: Kysely<Database>,
  input: { moderator: Moderator; articleId: number; commentsOpen?: boolean; premoderate?: boolean; note?: string; now?: string },
): Promise<void> {
  const at = input.now ?? nowIso();
  await db.transaction().execute(async (trx) => {
    const article = await trx.selectFrom("article").select(["id"]).where("id", "=", input.articleId).executeTakeFirst();
    if (!article) throw new ModerationError("That story no longer exists.");
    if (input.commentsOpen !== undefined) {
      await trx.updateTable("article").set({ comments_open: input.commentsOpen ? 1 : 0, updated_at: at }).where("id", "=", article.id).execute();
      await logModerationAction(trx, {
        moderatorId: input.moderator.id,
        action: input.commentsOpen ? "open_comments" : "close_comments",
        articleId: article.id,
        note: input.note ?? "",
        at,
      });
    }
    if (input.premoderate !== undefined) {
      await trx.updateTable("article").set({ premoderate: input.premoderate ? 1 : 0, updated_at: at }).where("id", "=", article.id).execute();
      await logModerationAction(trx, {
        moderatorId: input.moderator.id,
        action: input.premoderate ? "premoderate_story" : "unpremoderate_story",
        articleId: article.id,
        note: input.note ?? "",
        at,
      });
    }
  });
}

/** Many decisions at once (the queue's bulk actions): all of them, or none if one is refused. */
export async function decideMany(
  db: Kysely<Database>,
  input: {
    moderator: Moderator;
    commentIds: number[];
    decision: "approve" | "reject";
    /** What the page showed of each comment, by id. */
    shown?: Record<number, string | undefined>;
    ruleNumber?: number | null;
    note?: string;
  },
): Promise<number> {
  if (input.commentIds.length === 0) throw new ModerationError("Select at least one comment.");
  // One transaction, one audit row per comment: a refused decision undoes the whole batch.
  return db.transaction().execute(async (trx) => {
    // Every comment decided since the page was loaded is named at once, not only the first. Locks in
    // id order, so two batches over the same comments cannot wait for each other.
    const decidedSince: DecidedSince[] = [];
    for (const commentId of [...input.commentIds].sort((a, b) => a - b)) {
      try {
        await loadCommentForDecision(trx, commentId, input.moderator, input.shown?.[commentId]);
      } catch (error) {
        if (!(error instanceof StaleDecisionError)) throw error;
        decidedSince.push(...error.decidedSince);
      }
    }
    if (decidedSince.length > 0) throw new StaleDecisionError(decidedSince);
    for (const commentId of input.commentIds) {
      if (input.decision === "approve") await approveCommentIn(trx, { moderator: input.moderator, commentId, note: input.note });
      else await rejectCommentIn(trx, { moderator: input.moderator, commentId, ruleNumber: input.ruleNumber ?? null, note: input.note });
    }
    return input.commentIds.length;
  });
}

