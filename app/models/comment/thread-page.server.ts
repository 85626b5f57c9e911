import { sql, type ExpressionBuilder, type Kysely } from "kysely";
import { preparedQuery } from "../../../db/prepared-query";
import type { Database } from "../../../db/schema";
import { nowIso } from "../../utils/time";
import { PAGE_THREADS_WHEN_OVER, THREADS_PER_PAGE, type CommentSort } from "../../utils/comment-rules";
import type { ThreadRow } from "./thread";
import { DELETED_USER_NAME } from "../user.server";

/**
 * Reading threads: a story's comments in thread order, one page of a long thread, where a comment
 * sits in it, a comment with its context, what a signed-in reader has liked, a resident's recent
 * comments and the comments feed. Writing comments lives in writing.server.ts.
 */

/** Every comment of a story with its author, in thread order: one query whatever the thread's size. */
/** The columns every list of thread rows reads. */
function threadRowsQuery(db: Kysely<Database>) {
  return db
    .selectFrom("comment")
    .innerJoin("user", "user.id", "comment.author_id")
    .leftJoin("terms_rule", "terms_rule.number", "comment.rule_number")
    .select([
      "comment.rule_number",
      "terms_rule.title as rule_title",
      "comment.featured_at",
      "comment.id",
      "comment.parent_id",
      "comment.depth",
      "comment.path",
      "comment.status",
      "comment.body_html",
      "comment.body_source",
      "comment.like_count",
      "comment.created_at",
      "comment.edited_at",
      "comment.author_id",
      "user.display_name",
      "user.status as author_status",
      "user.role as author_role",
    ]);
}

type ThreadRowRecord = Awaited<ReturnType<ReturnType<typeof threadRowsQuery>["execute"]>>[number];

function toThreadRow(row: ThreadRowRecord): ThreadRow {
  return {
    id: row.id,
    parentId: row.parent_id,
    depth: row.depth,
    path: row.path,
    status: row.status,
    bodyHtml: row.body_html,
    bodySource: row.body_source,
    likeCount: row.like_count,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    authorId: row.author_id,
    authorName: row.display_name,
    authorStatus: row.author_status,
    authorRole: row.author_role,
    ruleNumber: row.rule_number,
    ruleTitle: row.rule_title,
    featured: row.featured_at !== null,
  };
}

/**
 * One reader's own comments on a story, for their layer on every page view: built once, ids filled in.
 * Found by story and author (migration 0018's index) and put in thread order here: ordered by path in
 * SQL, the planner would rather read the story's whole discussion in that order.
 */
const selectOwnThreadRows = preparedQuery((db, values: { articleId: number; authorId: number }) =>
  threadRowsQuery(db).where("comment.article_id", "=", values.articleId).where("comment.author_id", "=", values.authorId),
);

export async function listOwnThreadRows(db: Kysely<Database>, input: { articleId: number; authorId: number }): Promise<ThreadRow[]> {
  const rows = (await selectOwnThreadRows(db, input)).map(toThreadRow);
  return rows.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export async function listThreadRows(
  db: Kysely<Database>,
  articleId: number,
  options: { rootIds?: number[]; ids?: number[]; pathPrefix?: string; featuredOnly?: boolean } = {},
): Promise<ThreadRow[]> {
  let query = threadRowsQuery(db)
    .where("comment.article_id", "=", articleId);
  const { rootIds, ids, pathPrefix, featuredOnly } = options;
  if (featuredOnly) query = query.where("comment.featured_at", "is not", null).where("comment.status", "=", "visible");
  if (ids) {
    if (ids.length === 0) return [];
    query = query.where("comment.id", "in", ids);
  }
  if (rootIds) {
    if (rootIds.length === 0) return [];
    query = query.where((eb) => eb.or([eb("comment.id", "in", rootIds), eb("comment.root_id", "in", rootIds)]));
  }
  if (pathPrefix !== undefined) {
    query = query.where((eb) =>
      eb.or([eb("comment.path", "=", pathPrefix), eb("comment.path", "like", `${pathPrefix}.%`)]),
    );
  }
  const rows = await query.orderBy("comment.path").execute();
  return rows.map(toThreadRow);
}

export interface RecentComment {
  id: number;
  bodyHtml: string;
  createdAt: string;
  articleSlug: string;
  articleHeadline: string;
}

export async function listRecentCommentsByUser(
  db: Kysely<Database>,
  userId: number,
  limit = 20,
  now: string = nowIso(),
): Promise<RecentComment[]> {
  const rows = await db
    .selectFrom("comment")
    .innerJoin("article", "article.id", "comment.article_id")
    .select([
      "comment.id",
      "comment.body_html",
      "comment.created_at",
      "article.slug",
      "article.headline",
    ])
    .where("comment.author_id", "=", userId)
    .where("comment.status", "=", "visible")
    .where("article.status", "in", ["published", "scheduled"])
    .where("article.published_at", "<=", now)
    .orderBy("comment.created_at", "desc")
    .orderBy("comment.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    bodyHtml: row.body_html,
    createdAt: row.created_at,
    articleSlug: row.slug,
    articleHeadline: row.headline,
  }));
}

/**
 * Top-level comments a reader sees, so that paging counts only threads on show: visible ones, removed or
 * deleted ones kept as placeholders because replies below them are visible, and the reader's own held ones.
 */
function shownToReader(viewerId: number | null) {
  return (eb: ExpressionBuilder<Database, "comment">) =>
    eb.or([
      eb("comment.status", "=", "visible"),
      eb.exists(
        eb
          .selectFrom("comment as reply")
          .select("reply.id")
          .whereRef("reply.root_id", "=", "comment.id")
          .where("reply.status", "=", "visible"),
      ),
      ...(viewerId !== null ? [eb.and([eb("comment.status", "=", "pending"), eb("comment.author_id", "=", viewerId)])] : []),
    ]);
}

export interface ThreadPage {
  rows: ThreadRow[];
  /** Top-level comment ids of this page, in the order chosen. */
  rootOrder: number[];
  page: number;
  pageCount: number;
  threadCount: number;
}

/**
 * The comments a story page shows: every thread, or a page of 50 once there are more than 100, in the
 * order asked for. Two queries whatever the size: the top-level comments, then the chosen threads.
 */
export async function loadThreadPage(
  db: Kysely<Database>,
  input: { articleId: number; sort: CommentSort; page: number; viewerId?: number | null },
): Promise<ThreadPage> {
  let roots = db
    .selectFrom("comment")
    .select("id")
    .where("article_id", "=", input.articleId)
    .where("parent_id", "is", null)
    .where(shownToReader(input.viewerId ?? null));
  roots =
    input.sort === "newest"
      ? roots.orderBy("created_at", "desc").orderBy("id", "desc")
      : input.sort === "liked"
        ? roots.orderBy("like_count", "desc").orderBy("id", "asc")
        : roots.orderBy("id", "asc");
  const allRoots = (await roots.execute()).map((r) => r.id);
  const paged = allRoots.length > PAGE_THREADS_WHEN_OVER;
  const pageCount = paged ? Math.ceil(allRoots.length / THREADS_PER_PAGE) : 1;
  const page = Math.min(Math.max(1, input.page), pageCount);
  const rootOrder = paged ? allRoots.slice((page - 1) * THREADS_PER_PAGE, page * THREADS_PER_PAGE) : allRoots;
  const rows = await listThreadRows(db, input.articleId, paged ? { rootIds: rootOrder } : {});
  return { rows, rootOrder, page, pageCount, threadCount: allRoots.length };
}

/** The page (in the default, oldest-first order) on which a thread appears. */
export async function locateThreadPage(
  db: Kysely<Database>,
  articleId: number,
  rootId: number,
  authorId: number | null = null,
): Promise<number> {
  const row = await db
    .selectFrom("comment")
    .select((eb) => [
      eb.fn.countAll<number>().as("total"),
      eb.fn.sum<number>(eb.case().when("id", "<", rootId).then(1).else(0).end()).as("before"),
    ])
    .where("article_id", "=", articleId)
    .where("parent_id", "is", null)
    .where(shownToReader(authorId))
    .executeTakeFirstOrThrow();
  if (Number(row.total) <= PAGE_THREADS_WHEN_OVER) return 1;
  return Math.floor(Number(row.before ?? 0) / THREADS_PER_PAGE) + 1;
}

/**
 * Where a reader lands after deleting a comment without JavaScript: the comment before it under the
 * same parent, else its parent, else the one after it; null when it stood alone.
 */
export async function neighbourOf(db: Kysely<Database>, commentId: number): Promise<number | null> {
  const comment = await db.selectFrom("comment").select(["article_id", "parent_id", "path"]).where("id", "=", commentId).executeTakeFirst();
  if (!comment) return null;
  const siblings = db
    .selectFrom("comment")
    .select("id")
    .where("article_id", "=", comment.article_id)
    .where("id", "!=", commentId)
    .where("status", "=", "visible")
    .where((eb) => (comment.parent_id === null ? eb("parent_id", "is", null) : eb("parent_id", "=", comment.parent_id)));
  const before = await siblings.where("path", "<", comment.path).orderBy("path", "desc").limit(1).executeTakeFirst();
  if (before) return before.id;
  if (comment.parent_id !== null) return comment.parent_id;
  const after = await siblings.where("path", ">", comment.path).orderBy("path").limit(1).executeTakeFirst();
  return after?.id ?? null;
}

/** One comment with everything under it, and the chain of comments above it for context. */
export async function loadCommentContext(
  db: Kysely<Database>,
  input: { articleId: number; commentId: number },
): Promise<{ ancestors: ThreadRow[]; rows: ThreadRow[] } | undefined> {
  const target = await db
    .selectFrom("comment")
    .select(["path"])
    .where("id", "=", input.commentId)
    .where("article_id", "=", input.articleId)
    .executeTakeFirst();
  if (!target) return undefined;
  const ancestorIds = target.path
    .split(".")
    .slice(0, -1)
    .map((segment) => Number.parseInt(segment, 10));
  const [rows, ancestors] = await Promise.all([
    listThreadRows(db, input.articleId, { pathPrefix: target.path }),
    listThreadRows(db, input.articleId, { ids: ancestorIds }),
  ]);
  return { ancestors, rows };
}

/** What the signed-in reader has done to the comments on show: likes and reports. */
/**
 * Which comments on a story one reader has liked and reported, in one statement built once. Each side
 * starts from the reader's own likes or reports (their index) and looks up each one's story by the
 * comment's key, so it costs what the reader has done, not the size of the story's discussion.
 */
const selectViewerMarks = preparedQuery((db, values: { userId: number; articleId: number }) =>
  db
    .selectFrom("comment_like")
    .select([sql<string>`'like'`.as("kind"), "comment_like.comment_id as comment_id"])
    .where("comment_like.user_id", "=", values.userId)
    .where((eb) => eb(eb.selectFrom("comment").select("comment.article_id").whereRef("comment.id", "=", "comment_like.comment_id"), "=", values.articleId))
    .unionAll(
      db
        .selectFrom("comment_report")
        .select([sql<string>`'report'`.as("kind"), "comment_report.comment_id as comment_id"])
        .where("comment_report.reporter_id", "=", values.userId)
        .where((eb) =>
          eb(eb.selectFrom("comment").select("comment.article_id").whereRef("comment.id", "=", "comment_report.comment_id"), "=", values.articleId),
        ),
    ),
);

export async function loadViewerCommentState(
  db: Kysely<Database>,
  input: { userId: number; articleId: number },
): Promise<{ liked: number[]; reported: number[] }> {
  const marks = await selectViewerMarks(db, input);
  return {
    liked: marks.filter((mark) => mark.kind === "like").map((mark) => mark.comment_id),
    reported: marks.filter((mark) => mark.kind === "report").map((mark) => mark.comment_id),
  };
}

export interface FeedComment {
  id: number;
  authorName: string;
  bodyHtml: string;
  createdAt: string;
}

export async function listLatestVisibleComments(db: Kysely<Database>, articleId: number, limit = 50): Promise<FeedComment[]> {
  const rows = await db
    .selectFrom("comment")
    .innerJoin("user", "user.id", "comment.author_id")
    .select(["comment.id", "comment.body_html", "comment.created_at", "user.display_name", "user.status"])
    .where("comment.article_id", "=", articleId)
    .where("comment.status", "=", "visible")
    .orderBy("comment.created_at", "desc")
    .orderBy("comment.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    authorName: row.status === "deleted" ? DELETED_USER_NAME : row.display_name,
    bodyHtml: row.body_html,
    createdAt: row.created_at,
  }));
}
