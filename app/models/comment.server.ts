import { sql, type Kysely } from "kysely";
import type { Comment, CommentStatus, Database } from "../../db/schema";
import { renderCommentMarkdown } from "../utils/markdown.server";
import { nowIso } from "../utils/time";
import type { ThreadRow } from "./thread";

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
  createdAt?: string;
}

/** Inserts a comment with its place in the thread, and keeps the story's comment count in the same transaction. */
export async function createComment(db: Kysely<Database>, input: CreateCommentInput): Promise<Comment> {
  const at = input.createdAt ?? nowIso();
  const status = input.status ?? "visible";
  return db.transaction().execute(async (trx) => {
    let parent: Pick<Comment, "id" | "path" | "depth" | "root_id"> | undefined;
    if (input.parentId != null) {
      parent = await trx
        .selectFrom("comment")
        .select(["id", "path", "depth", "root_id"])
        .where("id", "=", input.parentId)
        .where("article_id", "=", input.articleId)
        .executeTakeFirst();
      if (!parent) throw new CommentParentError();
    }
    const inserted = await trx
      .insertInto("comment")
      .values({
        article_id: input.articleId,
        author_id: input.authorId,
        parent_id: parent?.id ?? null,
        root_id: parent ? (parent.root_id ?? parent.id) : null,
        depth: parent ? parent.depth + 1 : 0,
        path: "",
        status,
        body_source: input.bodySource,
        body_html: renderCommentMarkdown(input.bodySource),
        like_count: 0,
        created_at: at,
        edited_at: null,
        status_changed_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const path = parent ? `${parent.path}.${pathSegment(inserted.id)}` : pathSegment(inserted.id);
    const comment = await trx
      .updateTable("comment")
      .set({ path })
      .where("id", "=", inserted.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (status === "visible") {
      await trx
        .updateTable("article")
        .set({ comment_count: sql<number>`comment_count + 1` })
        .where("id", "=", input.articleId)
        .execute();
    }
    return comment;
  });
}

/** Every comment of a story with its author, in thread order: one query whatever the thread's size. */
export async function listThreadRows(db: Kysely<Database>, articleId: number): Promise<ThreadRow[]> {
  const rows = await db
    .selectFrom("comment")
    .innerJoin("user", "user.id", "comment.author_id")
    .select([
      "comment.id",
      "comment.parent_id",
      "comment.depth",
      "comment.path",
      "comment.status",
      "comment.body_html",
      "comment.like_count",
      "comment.created_at",
      "comment.edited_at",
      "comment.author_id",
      "user.display_name",
      "user.status as author_status",
      "user.role as author_role",
    ])
    .where("comment.article_id", "=", articleId)
    .orderBy("comment.path")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    parentId: row.parent_id,
    depth: row.depth,
    path: row.path,
    status: row.status,
    bodyHtml: row.body_html,
    likeCount: row.like_count,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    authorId: row.author_id,
    authorName: row.display_name,
    authorStatus: row.author_status,
    authorRole: row.author_role,
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
