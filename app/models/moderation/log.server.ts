import type { Kysely } from "kysely";
import type { CommentStatus, Database, Role, SanctionKind, UserStatus } from "../../../db/schema";
import { nowIso } from "../../utils/time";
import { isPublicAt } from "../article/reading.server";
import { ACTION_LABELS, MODERATION_ACTIONS, type ModerationActionName } from "./audit.server";

/**
 * Reading the moderation log: the full log for moderators (filterable), one comment's or one account's
 * history, and the public log of removals, which never names a moderator or shows removed text.
 */

export const LOG_PAGE_SIZE = 50;
export const PUBLIC_LOG_PAGE_SIZE = 30;

/** The actions the public log lists: a comment taken down, and a decision reversed on appeal. */
const PUBLIC_REMOVAL_ACTIONS = ["reject_comment", "remove_comment", "reverse_appeal"] as const;

const PUBLIC_KIND = { reject_comment: "rejected", remove_comment: "removed", reverse_appeal: "reversed" } as const;

export function actionLabel(action: string): string {
  return ACTION_LABELS[action as ModerationActionName] ?? action;
}

export function isModerationAction(value: string): value is ModerationActionName {
  return (MODERATION_ACTIONS as readonly string[]).includes(value);
}

export interface LogFilters {
  action?: ModerationActionName;
  moderatorId?: number;
  /** Only automatic actions (moderator_id null). */
  automatic?: boolean;
  userId?: number;
  articleId?: number;
  commentId?: number;
  /** Inclusive UTC bounds. */
  from?: string;
  to?: string;
}

export interface LogEntry {
  id: number;
  action: ModerationActionName;
  label: string;
  createdAt: string;
  moderator: { id: number; name: string; role: Role } | null; // null: automatic
  user: { id: number; name: string } | null;
  article: { id: number; slug: string; headline: string } | null;
  commentId: number | null;
  ruleNumber: number | null;
  ruleTitle: string | null;
  note: string;
}

export async function listModerationLog(
  db: Kysely<Database>,
  input: { filters: LogFilters; page: number; pageSize?: number },
): Promise<{ entries: LogEntry[]; page: number; hasNextPage: boolean }> {
  const pageSize = input.pageSize ?? LOG_PAGE_SIZE;
  const { filters } = input;
  let query = db
    .selectFrom("moderation_action")
    .leftJoin("user as moderator", "moderator.id", "moderation_action.moderator_id")
    .leftJoin("user as account", "account.id", "moderation_action.user_id")
    .leftJoin("article", "article.id", "moderation_action.article_id")
    .leftJoin("terms_rule", "terms_rule.number", "moderation_action.rule_number")
    .select([
      "moderation_action.id",
      "moderation_action.action",
      "moderation_action.created_at",
      "moderation_action.moderator_id",
      "moderator.display_name as moderator_name",
      "moderator.role as moderator_role",
      "moderation_action.user_id",
      "account.display_name as account_name",
      "moderation_action.article_id",
      "article.slug",
      "article.headline",
      "moderation_action.comment_id",
      "moderation_action.rule_number",
      "terms_rule.title as rule_title",
      "moderation_action.note",
    ]);
  if (filters.action) query = query.where("moderation_action.action", "=", filters.action);
  if (filters.automatic) query = query.where("moderation_action.moderator_id", "is", null);
  else if (filters.moderatorId) query = query.where("moderation_action.moderator_id", "=", filters.moderatorId);
  if (filters.userId) query = query.where("moderation_action.user_id", "=", filters.userId);
  if (filters.articleId) query = query.where("moderation_action.article_id", "=", filters.articleId);
  if (filters.commentId) query = query.where("moderation_action.comment_id", "=", filters.commentId);
  if (filters.from) query = query.where("moderation_action.created_at", ">=", filters.from);
  if (filters.to) query = query.where("moderation_action.created_at", "<=", filters.to);
  const rows = await query
    .orderBy("moderation_action.created_at", "desc")
    .orderBy("moderation_action.id", "desc")
    .limit(pageSize + 1)
    .offset((input.page - 1) * pageSize)
    .execute();
  return {
    page: input.page,
    hasNextPage: rows.length > pageSize,
    entries: rows.slice(0, pageSize).map((row) => ({
      id: row.id,
      action: row.action as ModerationActionName,
      label: actionLabel(row.action),
      createdAt: row.created_at,
      moderator:
        row.moderator_id !== null
          ? { id: row.moderator_id, name: row.moderator_name ?? "Deleted account", role: row.moderator_role ?? "moderator" }
          : null,
      user: row.user_id !== null ? { id: row.user_id, name: row.account_name ?? "Deleted account" } : null,
      article:
        row.article_id !== null && row.slug !== null && row.headline !== null
          ? { id: row.article_id, slug: row.slug, headline: row.headline }
          : null,
      commentId: row.comment_id,
      ruleNumber: row.rule_number,
      ruleTitle: row.rule_title,
      note: row.note,
    })),
  };
}

/** Everyone who can moderate, for the log's "Moderator" filter. */
export async function listModerators(db: Kysely<Database>): Promise<{ id: number; name: string; role: Role }[]> {
  const rows = await db
    .selectFrom("user")
    .select(["id", "display_name", "role"])
    .where("role", "in", ["moderator", "admin"])
    .orderBy("display_name")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name, role: r.role }));
}

export interface PublicRemoval {
  id: number;
  createdAt: string;
  kind: "rejected" | "removed" | "reversed";
  story: { slug: string; headline: string };
  ruleNumber: number | null;
  ruleTitle: string | null;
  /** Who decided, by role only. */
  by: "a moderator" | "an admin";
}

/**
 * Removals as the public sees them: when, on which story, under which rule, and whether a moderator or
 * an admin decided. The query selects nothing else, so names, notes and the removed text cannot leak.
 */
export async function listPublicRemovals(
  db: Kysely<Database>,
  input: { page: number; now?: string },
): Promise<{ removals: PublicRemoval[]; page: number; hasNextPage: boolean }> {
  const now = input.now ?? nowIso();
  const rows = await db
    .selectFrom("moderation_action")
    .innerJoin("article", "article.id", "moderation_action.article_id")
    .leftJoin("user as moderator", "moderator.id", "moderation_action.moderator_id")
    .leftJoin("terms_rule", "terms_rule.number", "moderation_action.rule_number")
    .select([
      "moderation_action.id",
      "moderation_action.created_at",
      "moderation_action.action",
      "article.slug",
      "article.headline",
      "moderation_action.rule_number",
      "terms_rule.title as rule_title",
      "moderator.role as moderator_role",
    ])
    .where("moderation_action.action", "in", PUBLIC_REMOVAL_ACTIONS)
    .where(isPublicAt(now))
    .orderBy("moderation_action.created_at", "desc")
    .orderBy("moderation_action.id", "desc")
    .limit(PUBLIC_LOG_PAGE_SIZE + 1)
    .offset((input.page - 1) * PUBLIC_LOG_PAGE_SIZE)
    .execute();
  return {
    page: input.page,
    hasNextPage: rows.length > PUBLIC_LOG_PAGE_SIZE,
    removals: rows.slice(0, PUBLIC_LOG_PAGE_SIZE).map((row) => ({
      id: row.id,
      createdAt: row.created_at,
      kind: PUBLIC_KIND[row.action as keyof typeof PUBLIC_KIND] ?? "removed",
      story: { slug: row.slug, headline: row.headline },
      ruleNumber: row.rule_number,
      ruleTitle: row.rule_title,
      by: row.moderator_role === "admin" ? "an admin" : "a moderator",
    })),
  };
}

/**
 * Account sanctions of the last `days` days, counted by kind, and the decisions reversed on appeal in
 * that time (comments and sanctions), for the public log's summary.
 */
export async function countRecentSanctions(
  db: Kysely<Database>,
  input: { days: number; now?: string },
): Promise<Record<SanctionKind, number> & { reversedOnAppeal: number }> {
  const since = new Date(Date.parse(input.now ?? nowIso()) - input.days * 86_400_000).toISOString();
  const [rows, reversed] = await Promise.all([
    db
      .selectFrom("user_sanction")
      .select((eb) => ["kind", eb.fn.countAll<number>().as("n")])
      .where("created_at", ">=", since)
      .groupBy("kind")
      .execute(),
    db
      .selectFrom("moderation_action")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("action", "=", "reverse_appeal")
      .where("created_at", ">=", since)
      .executeTakeFirstOrThrow(),
  ]);
  const counts = { warn: 0, premoderate: 0, suspend: 0, ban: 0, reversedOnAppeal: Number(reversed.n) };
  for (const row of rows) counts[row.kind] = Number(row.n);
  return counts;
}

export interface SanctionView {
  id: number;
  kind: SanctionKind;
  ruleNumber: number | null;
  ruleTitle: string | null;
  note: string;
  createdAt: string;
  createdBy: string | null;
  endsAt: string | null;
  acknowledgedAt: string | null;
  liftedAt: string | null;
  liftedBy: string | null;
  inForce: boolean;
}

export interface AccountForModeration {
  id: number;
  displayName: string;
  role: Role;
  status: UserStatus;
  statusUntil: string | null;
  createdAt: string;
  trusted: boolean;
  premoderate: boolean;
  commentCounts: Partial<Record<CommentStatus, number>>;
  sanctions: SanctionView[];
  notes: { id: number; body: string; authorName: string | null; createdAt: string }[];
  recentComments: {
    id: number;
    status: CommentStatus;
    bodyHtml: string;
    createdAt: string;
    ruleNumber: number | null;
    article: { slug: string; headline: string };
  }[];
}

/** Everything the account's moderation page shows, apart from its log (listModerationLog by userId). */
export async function getAccountForModeration(
  db: Kysely<Database>,
  userId: number,
  now: string = nowIso(),
): Promise<AccountForModeration | null> {
  const user = await db
    .selectFrom("user")
    .select(["id", "display_name", "role", "status", "status_until", "created_at", "trusted", "premoderate"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user) return null;
  const [counts, sanctions, notes, recent] = await Promise.all([
    db
      .selectFrom("comment")
      .select((eb) => ["status", eb.fn.countAll<number>().as("n")])
      .where("author_id", "=", userId)
      .groupBy("status")
      .execute(),
    db
      .selectFrom("user_sanction")
      .leftJoin("terms_rule", "terms_rule.number", "user_sanction.rule_number")
      .leftJoin("user as creator", "creator.id", "user_sanction.created_by")
      .leftJoin("user as lifter", "lifter.id", "user_sanction.lifted_by")
      .select([
        "user_sanction.id",
        "user_sanction.kind",
        "user_sanction.rule_number",
        "terms_rule.title as rule_title",
        "user_sanction.note",
        "user_sanction.created_at",
        "creator.display_name as creator_name",
        "user_sanction.ends_at",
        "user_sanction.acknowledged_at",
        "user_sanction.lifted_at",
        "lifter.display_name as lifter_name",
      ])
      .where("user_sanction.user_id", "=", userId)
      .orderBy("user_sanction.created_at", "desc")
      .orderBy("user_sanction.id", "desc")
      .execute(),
    db
      .selectFrom("user_note")
      .leftJoin("user as author", "author.id", "user_note.author_id")
      .select(["user_note.id", "user_note.body", "user_note.created_at", "author.display_name as author_name"])
      .where("user_note.user_id", "=", userId)
      .orderBy("user_note.created_at", "desc")
      .orderBy("user_note.id", "desc")
      .execute(),
    db
      .selectFrom("comment")
      .innerJoin("article", "article.id", "comment.article_id")
      .select([
        "comment.id",
        "comment.status",
        "comment.body_html",
        "comment.created_at",
        "comment.rule_number",
        "article.slug",
        "article.headline",
      ])
      .where("comment.author_id", "=", userId)
      .orderBy("comment.created_at", "desc")
      .orderBy("comment.id", "desc")
      .limit(20)
      .execute(),
  ]);
  return {
    id: user.id,
    displayName: user.display_name,
    role: user.role,
    status: user.status,
    statusUntil: user.status_until,
    createdAt: user.created_at,
    trusted: user.trusted === 1,
    premoderate: user.premoderate === 1,
    commentCounts: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])),
    sanctions: sanctions.map((s) => ({
      id: s.id,
      kind: s.kind,
      ruleNumber: s.rule_number,
      ruleTitle: s.rule_title,
      note: s.note,
      createdAt: s.created_at,
      createdBy: s.creator_name,
      endsAt: s.ends_at,
      acknowledgedAt: s.acknowledged_at,
      liftedAt: s.lifted_at,
      liftedBy: s.lifter_name,
      inForce: s.lifted_at === null && (s.ends_at === null || s.ends_at > now),
    })),
    notes: notes.map((n) => ({ id: n.id, body: n.body, authorName: n.author_name, createdAt: n.created_at })),
    recentComments: recent.map((c) => ({
      id: c.id,
      status: c.status,
      bodyHtml: c.body_html,
      createdAt: c.created_at,
      ruleNumber: c.rule_number,
      article: { slug: c.slug, headline: c.headline },
    })),
  };
}
