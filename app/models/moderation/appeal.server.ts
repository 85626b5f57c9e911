import type { Kysely } from "kysely";
import { isUniqueViolation } from "../../../db/database";
import type { AppealOutcome, Database, Role, SanctionKind } from "../../../db/schema";
import type { AppealSubject } from "../../utils/standing";
import { addDays, formatDate, nowIso } from "../../utils/time";
import { logModerationAction } from "./audit.server";
import { restoreCommentIn } from "./decision.server";
import { getModerationSettings } from "./hold-rules.server";
import { tellModerationNotice } from "./notice.server";
import { liftSanctionIn, SANCTION_NAMES } from "./sanction.server";

/**
 * Appeals (issue 15, part 4). A resident may appeal each decision against them once, within the days
 * the admins set: a comment not published or removed, or a sanction on their account. The appeal goes
 * to a moderator other than the one who decided (an admin when there is no other), who upholds or
 * reverses it with a reason; the resident is told, and both steps are in the moderation log.
 */

export const APPEAL_TEXT_MAX = 1000;
export const APPEAL_REASON_MAX = 1000;

export type { AppealSubject };

/** A refused appeal or answer, with the form field it is about. */
export class AppealError extends Error {
  constructor(
    message: string,
    readonly field: "body" | "reason" | "outcome" | "form" = "form",
  ) {
    super(message);
    this.name = "AppealError";
  }
}

/** A decision against a resident, as the resident sees it. */
export interface DecisionToAppeal {
  subject: AppealSubject;
  subjectKey: string;
  decidedAt: string;
  decidedById: number | null;
  /** "Your comment on “Harbour fees” was removed" */
  summary: string;
  ruleNumber: number | null;
  ruleTitle: string | null;
  note: string;
  story: { slug: string; headline: string } | null;
  commentId: number | null;
  commentText: string | null;
  /** The last moment an appeal is taken. */
  appealUntil: string;
}

const SANCTION_SUMMARY: Record<SanctionKind, string> = {
  warn: "A warning on your account",
  premoderate: "Pre-moderation of your account",
  suspend: "A suspension of your account",
  ban: "A ban on your account",
};

function commentSummary(action: string, headline: string): string {
  return `Your comment on “${headline}” was ${action === "reject_comment" ? "not published" : "removed"}`;
}

/** The decisions about one resident's comments that are still in force, newest first (one per comment). */
async function commentDecisions(db: Kysely<Database>, userId: number, only?: { commentId: number }) {
  let query = db
    .selectFrom("moderation_action")
    .innerJoin("comment", "comment.id", "moderation_action.comment_id")
    .innerJoin("article", "article.id", "comment.article_id")
    .leftJoin("terms_rule", "terms_rule.number", "moderation_action.rule_number")
    .select([
      "moderation_action.id",
      "moderation_action.action",
      "moderation_action.created_at",
      "moderation_action.moderator_id",
      "moderation_action.rule_number",
      "terms_rule.title as rule_title",
      "moderation_action.note",
      "comment.id as comment_id",
      "comment.body_source",
      "article.slug",
      "article.headline",
    ])
    .where("comment.author_id", "=", userId)
    .where("comment.status", "in", ["rejected", "removed"])
    .where("moderation_action.action", "in", ["reject_comment", "remove_comment"])
    .orderBy("moderation_action.id", "desc");
  if (only) query = query.where("comment.id", "=", only.commentId);
  const rows = await query.execute();
  const seen = new Set<number>();
  return rows.filter((row) => (seen.has(row.comment_id) ? false : (seen.add(row.comment_id), true)));
}

async function sanctionDecisions(db: Kysely<Database>, userId: number, only?: { sanctionId: number }) {
  let query = db
    .selectFrom("user_sanction")
    .leftJoin("terms_rule", "terms_rule.number", "user_sanction.rule_number")
    .select([
      "user_sanction.id",
      "user_sanction.kind",
      "user_sanction.created_at",
      "user_sanction.created_by",
      "user_sanction.rule_number",
      "terms_rule.title as rule_title",
      "user_sanction.note",
    ])
    .where("user_sanction.user_id", "=", userId)
    .where("user_sanction.lifted_at", "is", null)
    .where("user_sanction.created_by", "is not", null)
    .orderBy("user_sanction.id", "desc");
  if (only) query = query.where("user_sanction.id", "=", only.sanctionId);
  return query.execute();
}

async function loadDecisions(db: Kysely<Database>, userId: number, appealDays: number, only?: AppealSubject): Promise<DecisionToAppeal[]> {
  const [comments, sanctions] = await Promise.all([
    only?.kind === "sanction" ? [] : commentDecisions(db, userId, only),
    only?.kind === "comment" ? [] : sanctionDecisions(db, userId, only),
  ]);
  const decisions: DecisionToAppeal[] = [
    ...comments.map((row) => ({
      subject: { kind: "comment" as const, commentId: row.comment_id },
      subjectKey: `action:${row.id}`,
      decidedAt: row.created_at,
      decidedById: row.moderator_id,
      summary: commentSummary(row.action, row.headline),
      ruleNumber: row.rule_number,
      ruleTitle: row.rule_title,
      note: row.note,
      story: { slug: row.slug, headline: row.headline },
      commentId: row.comment_id,
      commentText: row.body_source,
      appealUntil: addDays(row.created_at, appealDays),
    })),
    ...sanctions.map((row) => ({
      subject: { kind: "sanction" as const, sanctionId: row.id },
      subjectKey: `sanction:${row.id}`,
      decidedAt: row.created_at,
      decidedById: row.created_by,
      summary: SANCTION_SUMMARY[row.kind],
      ruleNumber: row.rule_number,
      ruleTitle: row.rule_title,
      note: row.note,
      story: null,
      commentId: null,
      commentText: null,
      appealUntil: addDays(row.created_at, appealDays),
    })),
  ];
  return decisions.sort((a, b) => b.decidedAt.localeCompare(a.decidedAt));
}

export interface ResidentAppeal {
  id: number;
  summary: string;
  body: string;
  createdAt: string;
  outcome: AppealOutcome | null;
  reason: string;
  answeredAt: string | null;
  story: { slug: string; headline: string } | null;
  commentId: number | null;
}

/**
 * A resident's appeals page: the decisions they may still appeal (in time, not yet appealed) and the
 * appeals they have made, with the answers.
 */
export async function listAppealsOfResident(
  db: Kysely<Database>,
  input: { userId: number; now?: string },
): Promise<{ open: DecisionToAppeal[]; appeals: ResidentAppeal[]; appealDays: number }> {
  const now = input.now ?? nowIso();
  const { appealDays } = await getModerationSettings(db);
  const [decisions, rows] = await Promise.all([
    loadDecisions(db, input.userId, appealDays),
    db
      .selectFrom("appeal")
      .leftJoin("comment", "comment.id", "appeal.comment_id")
      .leftJoin("article", "article.id", "comment.article_id")
      .leftJoin("user_sanction", "user_sanction.id", "appeal.sanction_id")
      .select([
        "appeal.id",
        "appeal.subject_key",
        "appeal.body",
        "appeal.created_at",
        "appeal.outcome",
        "appeal.reason",
        "appeal.answered_at",
        "appeal.comment_id",
        "article.slug",
        "article.headline",
        "user_sanction.kind as sanction_kind",
      ])
      .where("appeal.user_id", "=", input.userId)
      .orderBy("appeal.id", "desc")
      .execute(),
  ]);
  const appealed = new Set(rows.map((row) => row.subject_key));
  return {
    appealDays,
    open: decisions.filter((d) => !appealed.has(d.subjectKey) && d.appealUntil > now),
    appeals: rows.map((row) => ({
      id: row.id,
      summary: appealSummary(row),
      body: row.body,
      createdAt: row.created_at,
      outcome: row.outcome,
      reason: row.reason,
      answeredAt: row.answered_at,
      story: row.slug && row.headline ? { slug: row.slug, headline: row.headline } : null,
      commentId: row.comment_id,
    })),
  };
}

function appealSummary(row: { headline: string | null; sanction_kind: SanctionKind | null }): string {
  if (row.sanction_kind) return SANCTION_SUMMARY[row.sanction_kind];
  return row.headline ? `The decision about your comment on “${row.headline}”` : "A decision about a comment";
}

/**
 * One decision the resident may appeal, for the appeal form: null when there is no such decision of
 * theirs; otherwise the decision, whether it was appealed already and whether the time is up.
 */
export async function getDecisionToAppeal(
  db: Kysely<Database>,
  input: { userId: number; subject: AppealSubject; now?: string },
): Promise<{ decision: DecisionToAppeal; appealed: boolean; late: boolean } | null> {
  const now = input.now ?? nowIso();
  const { appealDays } = await getModerationSettings(db);
  const [decision] = await loadDecisions(db, input.userId, appealDays, input.subject);
  if (!decision) return null;
  const appealed = await db.selectFrom("appeal").select("id").where("subject_key", "=", decision.subjectKey).executeTakeFirst();
  return { decision, appealed: appealed !== undefined, late: decision.appealUntil <= now };
}

/**
 * Who reads an appeal: a moderator other than the one who decided (the one with the fewest open appeals),
 * else an admin other than them, else any admin. A moderator's own appeal goes to an admin. Never the
 * resident who appeals. Null only on a site without any admin to ask.
 */
async function chooseAppealReader(
  trx: Kysely<Database>,
  input: { decidedById: number | null; appellant: { id: number; role: Role } },
): Promise<number | null> {
  const staff = await trx
    .selectFrom("user")
    .select((eb) => [
      "user.id",
      "user.role",
      eb
        .selectFrom("appeal")
        .select((inner) => inner.fn.countAll<number>().as("n"))
        .whereRef("appeal.assigned_to", "=", "user.id")
        .where("appeal.answered_at", "is", null)
        .as("open_appeals"),
    ])
    .where("user.role", "in", ["moderator", "admin"])
    .where("user.status", "=", "active")
    .where("user.id", "!=", input.appellant.id)
    .execute();
  const byLoad = (a: (typeof staff)[number], b: (typeof staff)[number]) => Number(a.open_appeals ?? 0) - Number(b.open_appeals ?? 0) || a.id - b.id;
  const others = staff.filter((s) => s.id !== input.decidedById);
  const moderators = input.appellant.role === "resident" ? others.filter((s) => s.role === "moderator") : [];
  const admins = others.filter((s) => s.role === "admin");
  const anyAdmin = staff.filter((s) => s.role === "admin");
  const pick = [moderators, admins, anyAdmin].find((group) => group.length > 0);
  return pick ? ([...pick].sort(byLoad)[0]?.id ?? null) : null;
}

/** Sends an appeal of one decision; returns its id. Refused with AppealError, saying why. */
export async function makeAppeal(
  db: Kysely<Database>,
  input: { userId: number; subject: AppealSubject; body: string; now?: string },
): Promise<number> {
  const at = input.now ?? nowIso();
  const body = input.body.trim();
  if (!body) throw new AppealError("Say in a few words why the decision was wrong.", "body");
  if (body.length > APPEAL_TEXT_MAX) throw new AppealError(`Keep your appeal to ${APPEAL_TEXT_MAX.toLocaleString("en-GB")} characters.`, "body");
  const found = await getDecisionToAppeal(db, { userId: input.userId, subject: input.subject, now: at });
  if (!found) throw new AppealError("There is no decision of yours to appeal here.");
  if (found.appealed) throw new AppealError("You have already appealed this decision: each decision can be appealed once.");
  if (found.late) throw new AppealError(`The time to appeal this decision ended on ${formatDate(found.decision.appealUntil)}.`);
  const { decision } = found;
  try {
    return await db.transaction().execute(async (trx) => {
      const appellant = await trx.selectFrom("user").select(["id", "role"]).where("id", "=", input.userId).executeTakeFirstOrThrow();
      const assignedTo = await chooseAppealReader(trx, { decidedById: decision.decidedById, appellant });
      const appeal = await trx
        .insertInto("appeal")
        .values({
          subject_key: decision.subjectKey,
          user_id: input.userId,
          comment_id: decision.subject.kind === "comment" ? decision.subject.commentId : null,
          sanction_id: decision.subject.kind === "sanction" ? decision.subject.sanctionId : null,
          decided_by_id: decision.decidedById,
          rule_number: decision.ruleNumber,
          body,
          created_at: at,
          assigned_to: assignedTo,
          outcome: null,
          answered_at: null,
          answered_by: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      // The resident is the one acting here: the log names them.
      await logModerationAction(trx, {
        moderatorId: input.userId,
        action: "receive_appeal",
        commentId: decision.commentId,
        userId: input.userId,
        articleId: null,
        ruleNumber: decision.ruleNumber,
        note: `Appeal ${appeal.id}: ${body.length > 200 ? `${body.slice(0, 200)}…` : body}`,
        at,
      });
      return appeal.id;
    });
  } catch (error) {
    if (isUniqueViolation(error, "appeal", "subject_key")) {
      throw new AppealError("You have already appealed this decision: each decision can be appealed once.");
    }
    throw error;
  }
}

export interface AppealForStaff {
  id: number;
  createdAt: string;
  body: string;
  appellant: { id: number; name: string };
  summary: string;
  subject: AppealSubject;
  decision: { at: string; by: string | null; byId: number | null; ruleNumber: number | null; ruleTitle: string | null; note: string } | null;
  comment: { id: number; bodyHtml: string; status: string; story: { slug: string; headline: string } } | null;
  sanction: { kind: SanctionKind; endsAt: string | null; liftedAt: string | null } | null;
  assignedTo: { id: number; name: string } | null;
  /** Who made the decision appealed (kept on the appeal, whatever the list or page shows of the decision). */
  decidedById: number | null;
  outcome: AppealOutcome | null;
  reason: string;
  answeredAt: string | null;
  answeredBy: string | null;
}

/** Whether this staff member may answer the appeal: the one it went to, or an admin who did not decide. */
export function mayAnswerAppeal(
  appeal: { appellantId: number; assignedToId: number | null; decidedById: number | null },
  staff: { id: number; role: Role },
): boolean {
  if (staff.id === appeal.appellantId) return false;
  if (appeal.assignedToId === staff.id) return true;
  return staff.role === "admin" && staff.id !== appeal.decidedById;
}

/** mayAnswerAppeal for an appeal as the staff pages read it. */
export function staffMayAnswer(appeal: AppealForStaff, staff: { id: number; role: Role }): boolean {
  return mayAnswerAppeal({ appellantId: appeal.appellant.id, assignedToId: appeal.assignedTo?.id ?? null, decidedById: appeal.decidedById }, staff);
}

function baseAppealQuery(db: Kysely<Database>) {
  return db
    .selectFrom("appeal")
    .innerJoin("user as appellant", "appellant.id", "appeal.user_id")
    .leftJoin("user as assignee", "assignee.id", "appeal.assigned_to")
    .leftJoin("user as decider", "decider.id", "appeal.decided_by_id")
    .leftJoin("user as answerer", "answerer.id", "appeal.answered_by")
    .leftJoin("comment", "comment.id", "appeal.comment_id")
    .leftJoin("article", "article.id", "comment.article_id")
    .leftJoin("user_sanction", "user_sanction.id", "appeal.sanction_id")
    .leftJoin("terms_rule", "terms_rule.number", "appeal.rule_number")
    .select([
      "appeal.id",
      "appeal.subject_key",
      "appeal.body",
      "appeal.created_at",
      "appeal.user_id",
      "appellant.display_name as appellant_name",
      "appeal.assigned_to",
      "assignee.display_name as assignee_name",
      "appeal.decided_by_id",
      "decider.display_name as decider_name",
      "appeal.rule_number",
      "terms_rule.title as rule_title",
      "appeal.outcome",
      "appeal.reason",
      "appeal.answered_at",
      "answerer.display_name as answerer_name",
      "appeal.comment_id",
      "comment.body_html",
      "comment.status as comment_status",
      "article.id as article_id",
      "article.slug",
      "article.headline",
      "appeal.sanction_id",
      "user_sanction.kind as sanction_kind",
      "user_sanction.ends_at as sanction_ends_at",
      "user_sanction.lifted_at as sanction_lifted_at",
      "user_sanction.note as sanction_note",
      "user_sanction.created_at as sanction_created_at",
    ]);
}

type AppealRow = Awaited<ReturnType<ReturnType<typeof baseAppealQuery>["execute"]>>[number];

function toAppealForStaff(row: AppealRow, decisionNote: { note: string; at: string } | null): AppealForStaff {
  const subject: AppealSubject =
    row.sanction_id !== null ? { kind: "sanction", sanctionId: row.sanction_id } : { kind: "comment", commentId: row.comment_id ?? 0 };
  const decisionAt = row.sanction_created_at ?? decisionNote?.at ?? null;
  return {
    id: row.id,
    createdAt: row.created_at,
    body: row.body,
    appellant: { id: row.user_id, name: row.appellant_name },
    summary: row.sanction_kind
      ? `${SANCTION_SUMMARY[row.sanction_kind].replace("your account", "their account")}`
      : `Their comment on “${row.headline ?? "a story"}” was taken down`,
    subject,
    decision: decisionAt
      ? {
          at: decisionAt,
          by: row.decider_name,
          byId: row.decided_by_id,
          ruleNumber: row.rule_number,
          ruleTitle: row.rule_title,
          note: row.sanction_note ?? decisionNote?.note ?? "",
        }
      : null,
    comment:
      row.comment_id !== null && row.slug && row.headline
        ? { id: row.comment_id, bodyHtml: row.body_html ?? "", status: row.comment_status ?? "", story: { slug: row.slug, headline: row.headline } }
        : null,
    sanction: row.sanction_kind ? { kind: row.sanction_kind, endsAt: row.sanction_ends_at, liftedAt: row.sanction_lifted_at } : null,
    assignedTo: row.assigned_to !== null && row.assignee_name ? { id: row.assigned_to, name: row.assignee_name } : null,
    decidedById: row.decided_by_id,
    outcome: row.outcome,
    reason: row.reason,
    answeredAt: row.answered_at,
    answeredBy: row.answerer_name,
  };
}

/** The decision a comment appeal is about: its log row, named in the appeal's subject key. */
async function appealedDecisionNote(db: Kysely<Database>, subjectKey: string) {
  const actionId = subjectKey.startsWith("action:") ? Number(subjectKey.slice("action:".length)) : null;
  if (!actionId) return null;
  const row = await db.selectFrom("moderation_action").select(["note", "created_at"]).where("id", "=", actionId).executeTakeFirst();
  return row ? { note: row.note, at: row.created_at } : null;
}

/** The moderators' list: open appeals (the staff member's own first), then the last answered ones. */
export async function listAppealsForStaff(
  db: Kysely<Database>,
  input: { staffId: number; answeredLimit?: number },
): Promise<{ open: AppealForStaff[]; answered: AppealForStaff[] }> {
  const [open, answered] = await Promise.all([
    baseAppealQuery(db).where("appeal.answered_at", "is", null).orderBy("appeal.id").execute(),
    baseAppealQuery(db)
      .where("appeal.answered_at", "is not", null)
      .orderBy("appeal.answered_at", "desc")
      .limit(input.answeredLimit ?? 20)
      .execute(),
  ]);
  const mineFirst = (a: AppealRow, b: AppealRow) => Number(b.assigned_to === input.staffId) - Number(a.assigned_to === input.staffId) || a.id - b.id;
  return {
    open: [...open].sort(mineFirst).map((row) => toAppealForStaff(row, null)),
    answered: answered.map((row) => toAppealForStaff(row, null)),
  };
}

/** How many appeals wait for this staff member's answer (the header's and the queue's count). */
export async function countAppealsWaitingFor(db: Kysely<Database>, staffId: number): Promise<number> {
  const row = await db
    .selectFrom("appeal")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("assigned_to", "=", staffId)
    .where("answered_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function getAppealForStaff(db: Kysely<Database>, appealId: number): Promise<AppealForStaff | null> {
  const row = await baseAppealQuery(db).where("appeal.id", "=", appealId).executeTakeFirst();
  if (!row) return null;
  return toAppealForStaff(row, await appealedDecisionNote(db, row.subject_key));
}

/**
 * Upholds or reverses an appealed decision, with the reason the resident is told. A reversal puts the
 * comment back or lifts the sanction in the same transaction; the answer is a conditional update, so
 * two staff answering at once cannot both answer.
 */
export async function answerAppeal(
  db: Kysely<Database>,
  input: { staff: { id: number; role: Role }; appealId: number; outcome: AppealOutcome; reason: string; now?: string },
): Promise<void> {
  const at = input.now ?? nowIso();
  const reason = input.reason.trim();
  if (!reason) throw new AppealError("Give the reason for your answer: the resident is told it.", "reason");
  if (reason.length > APPEAL_REASON_MAX) throw new AppealError(`Keep the reason to ${APPEAL_REASON_MAX.toLocaleString("en-GB")} characters.`, "reason");
  await db.transaction().execute(async (trx) => {
    const appeal = await baseAppealQuery(trx).where("appeal.id", "=", input.appealId).executeTakeFirst();
    if (!appeal) throw new AppealError("There is no such appeal.");
    if (appeal.answered_at) {
      throw new AppealError(
        `${appeal.answerer_name ?? "Someone"} already answered this appeal (${appeal.outcome === "reversed" ? "reversed" : "upheld"}, ${formatDate(appeal.answered_at)}).`,
      );
    }
    if (!mayAnswerAppeal({ appellantId: appeal.user_id, assignedToId: appeal.assigned_to, decidedById: appeal.decided_by_id }, input.staff)) {
      throw new AppealError(
        appeal.user_id === input.staff.id
          ? "You cannot answer your own appeal."
          : `This appeal is for ${appeal.assignee_name ?? "an admin"} to answer: an appeal goes to someone other than the moderator who decided.`,
      );
    }
    const answered = await trx
      .updateTable("appeal")
      .set({ outcome: input.outcome, reason, answered_at: at, answered_by: input.staff.id })
      .where("id", "=", appeal.id)
      .where("answered_at", "is", null)
      .executeTakeFirst();
    if (Number(answered.numUpdatedRows) !== 1) throw new AppealError("Someone answered this appeal a moment ago: reload the page to see their answer.");

    const moderator = { id: input.staff.id, role: input.staff.role };
    if (input.outcome === "reversed") {
      if (appeal.comment_id !== null) {
        await restoreCommentIn(trx, { moderator, commentId: appeal.comment_id, note: `On appeal: ${reason}`, now: at, tellAuthor: false });
      } else if (appeal.sanction_id !== null && !appeal.sanction_lifted_at) {
        await liftSanctionIn(trx, { moderator, sanctionId: appeal.sanction_id, now: at, tellAuthor: false });
      }
    }
    await logModerationAction(trx, {
      moderatorId: input.staff.id,
      action: input.outcome === "reversed" ? "reverse_appeal" : "uphold_appeal",
      commentId: appeal.comment_id,
      userId: appeal.user_id,
      articleId: appeal.article_id,
      ruleNumber: appeal.rule_number,
      note: reason,
      at,
    });
    const about = appeal.sanction_kind
      ? `the ${SANCTION_NAMES[appeal.sanction_kind]} on your account`
      : `the decision about your comment on “${appeal.headline ?? "a story"}”`;
    const result =
      input.outcome === "reversed"
        ? appeal.sanction_kind
          ? `The decision was reversed: the ${SANCTION_NAMES[appeal.sanction_kind]} is lifted.`
          : "The decision was reversed: your comment is back in the discussion."
        : "The decision stands.";
    await tellModerationNotice(trx, {
      userId: appeal.user_id,
      commentId: appeal.comment_id,
      ruleNumber: null,
      body: `A moderator answered your appeal about ${about}. ${result} Their reason: ${reason}`,
      at,
    });
  });
}
