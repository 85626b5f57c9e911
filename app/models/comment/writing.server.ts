import { sql, type ExpressionBuilder, type Kysely } from "kysely";
import type { Comment, CommentStatus, Database } from "../../../db/schema";
import { renderCommentMarkdown } from "../../utils/markdown.server";
import { nowIso } from "../../utils/time";
import { PAGE_THREADS_WHEN_OVER, THREADS_PER_PAGE, type CommentSort } from "../../utils/comment-rules";
import { preparedQuery } from "../../../db/prepared-query";
import type { ThreadRow } from "./thread";
import { DELETED_USER_NAME } from "../user.server";

/** Width of one id in a thread path: ten digits keep text order equal to number order. */
const PATH_SEGMENT_WIDTH = 10;

export function pathSegment(id: number): string {
  return String(id).padStart(PATH_SEGMENT_WIDTH, "0");
}

export class CommentParentError extends Error {
  constructor() {
    super("The comment you are replying to is not on this story.");
    this.name = "CommentParentError";
  }
}

export interface CreateCommentInput {
  articleId: number;
  authorId: number;
  parentId?: number | null;
  bodySource: string;
  status?: CommentStatus;
  heldReason?: string;
  /** The rendered HTML when the caller has it already; rendered here otherwise. */
  bodyHtml?: string;
  createdAt?: string;
  /** An id to keep (an imported comment keeps its old id when it is free, so old #comment-N links land). */
  id?: number;
}

/** What a reply takes from its parent: its place in the thread. */
export type ParentPlace = Pick<Comment, "id" | "path" | "depth" | "root_id">;

/** Inserts a comment with its place in the thread, and keeps the story's comment count in the same transaction. */
export async function createComment(db: Kysely<Database>, input: CreateCommentInput): Promise<Comment> {
  return db.transaction().execute((trx) => createCommentInTransaction(trx, input));
}

/**
 * The insert itself, inside a caller's transaction. A caller that has read the parent already (and
 * checked it belongs to the story) passes it instead of its id.
 */
export async function createCommentInTransaction(
  trx: Kysely<Database>,
  input: CreateCommentInput & { parent?: ParentPlace },
): Promise<Comment> {
  const at = input.createdAt ?? nowIso();
  const status = input.status ?? "visible";
  let parent = input.parent;
  if (!parent && input.parentId != null) {
    parent = await trx
      .selectFrom("comment")
      .select(["id", "path", "depth", "root_id"])
      .where("id", "=", input.parentId)
      .where("article_id", "=", input.articleId)
      .executeTakeFirst();
    if (!parent) throw new CommentParentError();
  }
  const insert = input.id === undefined ? insertComment : insertCommentWithId;
  const [inserted] = (await insert(trx, {
    id: input.id ?? 0,
    article_id: input.articleId,
    author_id: input.authorId,
    parent_id: parent?.id ?? null,
    root_id: parent ? (parent.root_id ?? parent.id) : null,
    depth: parent ? parent.depth + 1 : 0,
    status,
    body_source: input.bodySource,
    body_html: input.bodyHtml ?? renderCommentMarkdown(input.bodySource),
    created_at: at,
    held_reason: input.heldReason ?? "",
  })) as [Comment];
  // The path holds the comment's own id, known only once it is inserted.
  const path = parent ? `${parent.path}.${pathSegment(inserted.id)}` : pathSegment(inserted.id);
  await setCommentPath(trx, { id: inserted.id, path });
  if (status === "visible") await adjustCommentCount(trx, input.articleId, 1);
  return { ...inserted, path };
}

// Run for every comment posted: built once (see prepared-query.server.ts).
const insertComment = preparedQuery(
  (
    db,
    values: Pick<
      Comment,
      "article_id" | "author_id" | "parent_id" | "root_id" | "depth" | "status" | "body_source" | "body_html" | "created_at" | "held_reason"
    >,
  ) =>
    db
      .insertInto("comment")
      .values({
        article_id: values.article_id,
        author_id: values.author_id,
        parent_id: values.parent_id,
        root_id: values.root_id,
        depth: values.depth,
        status: values.status,
        body_source: values.body_source,
        body_html: values.body_html,
        created_at: values.created_at,
        held_reason: values.held_reason,
        path: "",
        like_count: 0,
        edited_at: null,
        status_changed_at: null,
      })
      .returningAll(),
);

// Imports only: the same insert with the id given.
const insertCommentWithId = preparedQuery(
  (
    db,
    values: Pick<
      Comment,
      "id" | "article_id" | "author_id" | "parent_id" | "root_id" | "depth" | "status" | "body_source" | "body_html" | "created_at" | "held_reason"
    >,
  ) =>
    db
      .insertInto("comment")
      .values({
        id: values.id,
        article_id: values.article_id,
        author_id: values.author_id,
        parent_id: values.parent_id,
        root_id: values.root_id,
        depth: values.depth,
        status: values.status,
        body_source: values.body_source,
        body_html: values.body_html,
        created_at: values.created_at,
        held_reason: values.held_reason,
        path: "",
        like_count: 0,
        edited_at: null,
        status_changed_at: null,
      })
      .returningAll(),
);

const setCommentPath = preparedQuery((db, values: { id: number; path: string }) =>
  db.updateTable("comment").set({ path: values.path }).where("id", "=", values.id),
);

const addToCommentCount = preparedQuery((db, values: { articleId: number; by: number }) =>
  db
    .updateTable("article")
    .set({ comment_count: sql<number>`comment_count + ${values.by}` })
    .where("id", "=", values.articleId),
);

export async function adjustCommentCount(db: Kysely<Database>, articleId: number, by: number): Promise<void> {
  await addToCommentCount(db, { articleId, by });
}

/** Every comment of a story with its author, in thread order: one query whatever the thread's size. */
export async function listThreadRows(
  db: Kysely<Database>,
  articleId: number,
  options: { rootIds?: number[]; ids?: number[]; pathPrefix?: string; featuredOnly?: boolean } = {},
): Promise<ThreadRow[]> {
  let query = db
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
    ])
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
  return rows.map((row) => ({
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
  }));
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
export async function loadViewerCommentState(
  db: Kysely<Database>,
  input: { userId: number; articleId: number },
): Promise<{ liked: number[]; reported: number[] }> {
  const [liked, reported] = await Promise.all([
    db
      .selectFrom("comment_like")
      .innerJoin("comment", "comment.id", "comment_like.comment_id")
      .select("comment_like.comment_id")
      .where("comment_like.user_id", "=", input.userId)
      .where("comment.article_id", "=", input.articleId)
      .execute(),
    db
      .selectFrom("comment_report")
      .innerJoin("comment", "comment.id", "comment_report.comment_id")
      .select("comment_report.comment_id")
      .where("comment_report.reporter_id", "=", input.userId)
      .where("comment.article_id", "=", input.articleId)
      .execute(),
  ]);
  return { liked: liked.map((r) => r.comment_id), reported: reported.map((r) => r.comment_id) };
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

/** Renders every comment's HTML again from its source, after the rendering rules change. */
export async function rerenderAllComments(db: Kysely<Database>, batchSize = 500): Promise<number> {
  let lastId = 0;
  let changed = 0;
  for (;;) {
    const batch = await db
      .selectFrom("comment")
      .select(["id", "body_source", "body_html"])
      .where("id", ">", lastId)
      .orderBy("id")
      .limit(batchSize)
      .execute();
    if (batch.length === 0) return changed;
    await db.transaction().execute(async (trx) => {
      for (const comment of batch) {
        const html = renderCommentMarkdown(comment.body_source);
        if (html !== comment.body_html) {
          await trx.updateTable("comment").set({ body_html: html }).where("id", "=", comment.id).execute();
          changed++;
        }
      }
    });
    lastId = batch[batch.length - 1]!.id;
  }
}
