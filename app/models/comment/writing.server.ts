import { sql, type Kysely } from "kysely";
import type { Comment, CommentStatus, Database } from "../../../db/schema";
import { renderCommentMarkdown } from "../../utils/markdown.server";
import { nowIso } from "../../utils/time";
import { preparedQuery } from "../../../db/prepared-query";

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
}

/** What a reply takes from its parent: its place in the thread. */
export type ParentPlace = Pick<Comment, "id" | "path" | "depth" | "root_id">;

/** Inserts a comment with its place in the thread, and keeps the story's comment count in the same statement. */
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
  // Every comment gets Parley's next id, imported ones too: their old ids live in the import mapping (ADR 21).
  const [inserted] = (await insertComment(trx, {
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
  // The database places the comment in its thread and counts it on its story within the insert
  // (migration 0013, ADR 17): one round trip while the story's locks are held, not three. The path is
  // worked out here too, the same way, because SQLite returns the row as it was before its trigger ran.
  const path = parent ? `${parent.path}.${pathSegment(inserted.id)}` : pathSegment(inserted.id);
  return { ...inserted, path };
}

// Run for every comment posted: built once (see prepared-query.server.ts).
type NewCommentRow = Pick<
  Comment,
  "article_id" | "author_id" | "parent_id" | "root_id" | "depth" | "status" | "body_source" | "body_html" | "created_at" | "held_reason"
>;

// The columns every new comment starts with. The empty path asks the database to place the comment
// and count it on its story if visible (migration 0013); a copied row, with its path, is left alone.
function newCommentValues(values: NewCommentRow) {
  return {
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
  };
}

const insertComment = preparedQuery((db, values: NewCommentRow) =>
  db.insertInto("comment").values(newCommentValues(values)).returningAll(),
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
