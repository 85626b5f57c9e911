import { sql, type Kysely } from "kysely";
import type { CommentStatus, Database, ReportReason, Role, UserStatus } from "../../../db/schema";
import { preparedQuery } from "../../../db/prepared-query";
import { ACTION_LABELS, type ModerationActionName } from "./audit.server";

/**
 * What moderators read: the queue's tabs, and each comment in its context (story, parent, first
 * replies, author, reports, last decision). The context of a whole page is read with a fixed number of
 * queries, `in (...)` lists over the page's ids, however many items the page holds.
 */

export const QUEUE_TABS = ["reported", "held", "recent", "decided"] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];
export const QUEUE_PAGE_SIZE = 25;
const REPLIES_SHOWN = 3;

/** Decisions about a comment, as the queue's "Decided" tab and the last-decision line understand them. */
export const DECISION_ACTIONS = [
  "approve_comment",
  "reject_comment",
  "remove_comment",
  "restore_comment",
  "auto_hide_comment",
  "undo_decision",
] as const satisfies readonly ModerationActionName[];

/** What counts against an account when a moderator weighs one of its comments. */
const REMOVAL_ACTIONS = ["reject_comment", "remove_comment"] as const;
const SANCTION_ACTIONS = ["warn_user", "premoderate_user", "suspend_user", "ban_user"] as const;

/**
 * What a moderator's page showed of a comment, posted back with each decision so that a comment
 * decided since is not overruled unknowingly (stale-decision.server.ts): its status and the id of the
 * last decision about it.
 */
export function decisionStamp(status: CommentStatus, lastDecisionId: number | null): string {
  return `${status}.${lastDecisionId ?? 0}`;
}

export function readQueueTab(raw: string | null): QueueTab {
  return (QUEUE_TABS as readonly string[]).includes(raw ?? "") ? (raw as QueueTab) : "reported";
}

export interface QueueReplies {
  id: number;
  authorName: string;
  status: CommentStatus;
  bodyHtml: string;
  createdAt: string;
}

export interface QueueItem {
  id: number;
  status: CommentStatus;
  /** What this page shows of the comment, for its decision forms (decisionStamp). */
  stamp: string;
  bodyHtml: string;
  createdAt: string;
  editedAt: string | null;
  heldReason: string;
  ruleNumber: number | null;
  ruleTitle: string | null;
  moderationNote: string;
  featured: boolean;
  article: { id: number; slug: string; headline: string; commentsOpen: boolean; premoderate: boolean };
  author: {
    id: number;
    displayName: string;
    role: Role;
    status: UserStatus;
    createdAt: string;
    trusted: boolean;
    premoderate: boolean;
    /** Comments the account has written, not counting ones its author deleted. */
    commentCount: number;
    /** Earlier rejections and removals of its comments. */
    removals: number;
    /** Warnings, pre-moderation, suspensions and bans, lifted or not. */
    sanctions: number;
  };
  parent: { id: number; authorName: string; status: CommentStatus; bodyHtml: string } | null;
  replies: QueueReplies[];
  replyCount: number;
  reports: {
    open: number;
    resolved: number;
    byReason: { reason: ReportReason; count: number; notes: string[] }[];
  };
  lastDecision: {
    action: ModerationActionName;
    label: string;
    moderatorName: string | null; // null: automatic
    ruleNumber: number | null;
    note: string;
    createdAt: string;
  } | null;
}

export interface QueuePage {
  tab: QueueTab;
  items: QueueItem[];
  page: number;
  hasNextPage: boolean;
  counts: { reported: number; held: number };
}

/** The ids of one page of a tab, in the tab's order. */
async function listTabIds(db: Kysely<Database>, tab: QueueTab, page: number): Promise<number[]> {
  const offset = (page - 1) * QUEUE_PAGE_SIZE;
  const limit = QUEUE_PAGE_SIZE + 1;
  if (tab === "reported") {
    // Oldest open report first, so that nothing waits for ever.
    const open = db
      .selectFrom("comment_report")
      .select((eb) => ["comment_id", eb.fn.min("created_at").as("first_report_at")])
      .where("resolved_at", "is", null)
      .groupBy("comment_id")
      .as("open_report");
    const rows = await db
      .selectFrom("comment")
      .innerJoin(open, "open_report.comment_id", "comment.id")
      .select("comment.id")
      .where("comment.status", "in", ["visible", "pending"])
      .orderBy("open_report.first_report_at")
      .orderBy("comment.id")
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map((r) => r.id);
  }
  if (tab === "held") {
    const rows = await db
      .selectFrom("comment")
      .select("id")
      .where("status", "=", "pending")
      .orderBy((eb) => eb.fn.coalesce("status_changed_at", "created_at"))
      .orderBy("id")
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map((r) => r.id);
  }
  if (tab === "recent") {
    const rows = await db
      .selectFrom("comment")
      .select("id")
      .where("status", "!=", "deleted")
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map((r) => r.id);
  }
  const rows = await db
    .selectFrom("moderation_action")
    .select((eb) => ["comment_id", eb.fn.max("id").as("last_id")])
    .where("comment_id", "is not", null)
    .where("action", "in", DECISION_ACTIONS.filter((a) => a !== "auto_hide_comment"))
    .groupBy("comment_id")
    .orderBy("last_id", "desc")
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => r.comment_id!);
}

export async function listModerationQueue(
  db: Kysely<Database>,
  input: { tab: QueueTab; page: number },
): Promise<QueuePage> {
  const [ids, counts] = await Promise.all([listTabIds(db, input.tab, input.page), countWaiting(db)]);
  const hasNextPage = ids.length > QUEUE_PAGE_SIZE;
  const pageIds = ids.slice(0, QUEUE_PAGE_SIZE);
  const items = await loadQueueItems(db, pageIds);
  return { tab: input.tab, items, page: input.page, hasNextPage, counts };
}

/** How many comments wait in the Reported and Held tabs: one query. */
export async function countWaiting(db: Kysely<Database>): Promise<{ reported: number; held: number }> {
  const row = await db
    .selectFrom("comment")
    .select((eb) => [
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(
              eb.exists(
                eb
                  .selectFrom("comment_report")
                  .select("comment_report.id")
                  .whereRef("comment_report.comment_id", "=", "comment.id")
                  .where("comment_report.resolved_at", "is", null),
              ),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as("reported"),
      eb.fn.sum<number>(eb.case().when("comment.status", "=", "pending").then(1).else(0).end()).as("held"),
    ])
    .where("comment.status", "in", ["visible", "pending"])
    .executeTakeFirstOrThrow();
  return { reported: Number(row.reported ?? 0), held: Number(row.held ?? 0) };
}

/**
 * The comments with these ids in their context, in the order given. Seven queries whatever the number
 * of ids (none for an empty list).
 */
/** Replies shown with one comment on its own moderation page when asked for all of them. */
export const ALL_REPLIES = 500;

export async function loadQueueItems(db: Kysely<Database>, ids: number[], options: { replies?: number } = {}): Promise<QueueItem[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("comment")
    .innerJoin("article", "article.id", "comment.article_id")
    .innerJoin("user", "user.id", "comment.author_id")
    .leftJoin("terms_rule", "terms_rule.number", "comment.rule_number")
    .select([
      "comment.id",
      "comment.status",
      "comment.body_html",
      "comment.created_at",
      "comment.edited_at",
      "comment.held_reason",
      "comment.rule_number",
      "terms_rule.title as rule_title",
      "comment.moderation_note",
      "comment.featured_at",
      "comment.parent_id",
      "article.id as article_id",
      "article.slug",
      "article.headline",
      "article.comments_open",
      "article.premoderate as article_premoderate",
      "user.id as author_id",
      "user.display_name",
      "user.role",
      "user.status as author_status",
      "user.created_at as author_created_at",
      "user.trusted",
      "user.premoderate as author_premoderate",
    ])
    .where("comment.id", "in", ids)
    .execute();
  if (rows.length === 0) return [];
  const authorIds = [...new Set(rows.map((r) => r.author_id))];
  const parentIds = [...new Set(rows.flatMap((r) => (r.parent_id === null ? [] : [r.parent_id])))];
  const foundIds = rows.map((r) => r.id);

  const [parents, replies, reports, commentCounts, against, decisions] = await Promise.all([
    parentIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom("comment")
          .innerJoin("user", "user.id", "comment.author_id")
          .select(["comment.id", "comment.status", "comment.body_html", "user.display_name"])
          .where("comment.id", "in", parentIds)
          .execute(),
    listFirstReplies(db, foundIds, options.replies ?? REPLIES_SHOWN),
    db
      .selectFrom("comment_report")
      .select(["comment_id", "reason", "note", "resolved_at"])
      .where("comment_id", "in", foundIds)
      .orderBy("created_at")
      .execute(),
    db
      .selectFrom("comment")
      .select((eb) => ["author_id", eb.fn.countAll<number>().as("n")])
      .where("author_id", "in", authorIds)
      .where("status", "!=", "deleted")
      .groupBy("author_id")
      .execute(),
    db
      .selectFrom("moderation_action")
      .select((eb) => ["user_id", "action", eb.fn.countAll<number>().as("n")])
      .where("user_id", "in", authorIds)
      .where("action", "in", [...REMOVAL_ACTIONS, ...SANCTION_ACTIONS])
      .groupBy(["user_id", "action"])
      .execute(),
    db
      .selectFrom("moderation_action")
      .leftJoin("user", "user.id", "moderation_action.moderator_id")
      .select([
        "moderation_action.id",
        "moderation_action.comment_id",
        "moderation_action.action",
        "moderation_action.rule_number",
        "moderation_action.note",
        "moderation_action.created_at",
        "user.display_name as moderator_name",
      ])
      .where("moderation_action.comment_id", "in", foundIds)
      .where("moderation_action.action", "in", [...DECISION_ACTIONS])
      .orderBy("moderation_action.id", "desc")
      .execute(),
  ]);

  const parentById = new Map(parents.map((p) => [p.id, p]));
  const countByAuthor = new Map(commentCounts.map((c) => [c.author_id, Number(c.n)]));
  const removalsByAuthor = new Map<number, number>();
  const sanctionsByAuthor = new Map<number, number>();
  for (const row of against) {
    const target = (REMOVAL_ACTIONS as readonly string[]).includes(row.action) ? removalsByAuthor : sanctionsByAuthor;
    target.set(row.user_id!, (target.get(row.user_id!) ?? 0) + Number(row.n));
  }
  const lastDecision = new Map<number, (typeof decisions)[number]>();
  for (const d of decisions) if (!lastDecision.has(d.comment_id!)) lastDecision.set(d.comment_id!, d);

  const byId = new Map(
    rows.map((row): [number, QueueItem] => {
      const parent = row.parent_id === null ? undefined : parentById.get(row.parent_id);
      const ownReplies = replies.filter((r) => r.parentId === row.id);
      const ownReports = reports.filter((r) => r.comment_id === row.id);
      const open = ownReports.filter((r) => r.resolved_at === null);
      const reasons = new Map<ReportReason, { reason: ReportReason; count: number; notes: string[] }>();
      for (const report of open) {
        const entry = reasons.get(report.reason) ?? { reason: report.reason, count: 0, notes: [] };
        entry.count++;
        if (report.note.trim()) entry.notes.push(report.note.trim());
        reasons.set(report.reason, entry);
      }
      const decision = lastDecision.get(row.id);
      return [
        row.id,
        {
          id: row.id,
          status: row.status,
          stamp: decisionStamp(row.status, decision?.id ?? null),
          bodyHtml: row.body_html,
          createdAt: row.created_at,
          editedAt: row.edited_at,
          heldReason: row.held_reason,
          ruleNumber: row.rule_number,
          ruleTitle: row.rule_title,
          moderationNote: row.moderation_note,
          featured: row.featured_at !== null,
          article: {
            id: row.article_id,
            slug: row.slug,
            headline: row.headline,
            commentsOpen: row.comments_open === 1,
            premoderate: row.article_premoderate === 1,
          },
          author: {
            id: row.author_id,
            displayName: row.display_name,
            role: row.role,
            status: row.author_status,
            createdAt: row.author_created_at,
            trusted: row.trusted === 1,
            premoderate: row.author_premoderate === 1,
            commentCount: countByAuthor.get(row.author_id) ?? 0,
            removals: removalsByAuthor.get(row.author_id) ?? 0,
            sanctions: sanctionsByAuthor.get(row.author_id) ?? 0,
          },
          parent: parent
            ? { id: parent.id, authorName: parent.display_name, status: parent.status, bodyHtml: parent.body_html }
            : null,
          replies: ownReplies.map(({ parentId: _parent, total: _total, ...reply }) => reply),
          replyCount: ownReplies[0]?.total ?? 0,
          reports: {
            open: open.length,
            resolved: ownReports.length - open.length,
            byReason: [...reasons.values()].sort((a, b) => b.count - a.count),
          },
          lastDecision: decision
            ? {
                action: decision.action as ModerationActionName,
                label: ACTION_LABELS[decision.action as ModerationActionName] ?? decision.action,
                moderatorName: decision.moderator_name,
                ruleNumber: decision.rule_number,
                note: decision.note,
                createdAt: decision.created_at,
              }
            : null,
        },
      ];
    }),
  );
  return ids.flatMap((id) => {
    const item = byId.get(id);
    return item ? [item] : [];
  });
}

/** The first few replies to each of these comments, and how many there are: one query (window functions). */
async function listFirstReplies(db: Kysely<Database>, parentIds: number[], shown: number) {
  const ranked = db
    .selectFrom("comment")
    .innerJoin("user", "user.id", "comment.author_id")
    .select([
      "comment.id",
      "comment.parent_id",
      "comment.status",
      "comment.body_html",
      "comment.created_at",
      "user.display_name",
      sql<number>`row_number() over (partition by ${sql.ref("comment.parent_id")} order by ${sql.ref("comment.id")})`.as("position"),
      sql<number>`count(*) over (partition by ${sql.ref("comment.parent_id")})`.as("total"),
    ])
    .where("comment.parent_id", "in", parentIds)
    .where("comment.status", "!=", "deleted")
    .as("ranked");
  const rows = await db
    .selectFrom(ranked)
    .selectAll()
    .where("ranked.position", "<=", shown)
    .orderBy("ranked.parent_id")
    .orderBy("ranked.position")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id!,
    authorName: r.display_name,
    status: r.status,
    bodyHtml: r.body_html,
    createdAt: r.created_at,
    total: Number(r.total),
  }));
}

/**
 * The number of comments waiting for a moderator (held, or published with an open report), for the
 * header's Moderation link on every page a moderator opens: two indexed counts, not a scan of the
 * discussion (countWaiting gives the queue's tabs their own numbers).
 */
const selectOpenItems = preparedQuery((db, _values: Record<string, never>) =>
  db.selectNoFrom((eb) => [
    eb.selectFrom("comment").select((c) => c.fn.countAll<number>().as("n")).where("comment.status", "=", "pending").as("held"),
    eb
      .selectFrom("comment_report")
      .innerJoin("comment", "comment.id", "comment_report.comment_id")
      .select((c) => c.fn.count<number>("comment_report.comment_id").distinct().as("n"))
      .where("comment_report.resolved_at", "is", null)
      .where("comment.status", "=", "visible")
      .as("reported"),
  ]),
);

export async function countOpenItems(db: Kysely<Database>): Promise<number> {
  const [row] = await selectOpenItems(db, {});
  return Number(row?.held ?? 0) + Number(row?.reported ?? 0);
}
