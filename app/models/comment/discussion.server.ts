import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { roleCan } from "../../auth/permissions";
import type { SessionUser } from "../../auth/session.server";
import { COMMENT_SORTS, EDIT_WINDOW_MINUTES, type CommentSort } from "../../utils/comment-rules";
import { listThreadRows, loadThreadPage, loadViewerCommentState } from "./thread-page.server";
import { postingBlockedReason } from "./posting.server";
import { getPendingWarning, type PendingWarning } from "../moderation/sanction.server";
import { buildThread, flattenThread, toWire, type WireComment } from "./thread";

export interface ArticleDiscussion {
  thread: WireComment[];
  sort: CommentSort;
  page: number;
  pageCount: number;
  threadCount: number;
  viewer: {
    id: number;
    displayName: string;
    canPost: boolean;
    blockedReason: string | null;
    liked: number[];
    reported: number[];
    editable: number[];
    canModerate: boolean;
    warning: PendingWarning | null;
  } | null;
  featured: WireComment[];
  open: { kind: "reply" | "edit" | "report"; id: number } | null;
}

function readSort(url: URL): CommentSort {
  const sort = url.searchParams.get("sort");
  return (COMMENT_SORTS as readonly string[]).includes(sort ?? "") ? (sort as CommentSort) : "oldest";
}

function readPage(url: URL): number {
  const raw = url.searchParams.get("page");
  return raw && /^\d{1,5}$/.test(raw) ? Math.max(1, Number(raw)) : 1;
}

function readOpenForm(url: URL): ArticleDiscussion["open"] {
  for (const [param, kind] of [
    ["replyTo", "reply"],
    ["edit", "edit"],
    ["report", "report"],
  ] as const) {
    const raw = url.searchParams.get(param);
    if (raw && /^\d{1,9}$/.test(raw)) return { kind, id: Number(raw) };
  }
  return null;
}

/**
 * Everything the comment section of a story page shows, for this reader: a constant number of
 * queries (top-level comments, the page's threads, and for a signed-in reader their likes and reports).
 */
export async function loadArticleDiscussion(
  db: Kysely<Database>,
  input: { article: { id: number }; viewer: SessionUser | null; url: URL; now?: Date },
): Promise<ArticleDiscussion> {
  const now = input.now ?? new Date();
  const sort = readSort(input.url);
  const [threadPage, viewerState, warning, featuredRows] = await Promise.all([
    loadThreadPage(db, { articleId: input.article.id, sort, page: readPage(input.url), viewerId: input.viewer?.id ?? null }),
    input.viewer ? loadViewerCommentState(db, { userId: input.viewer.id, articleId: input.article.id }) : null,
    input.viewer ? getPendingWarning(db, input.viewer.id) : null,
    listThreadRows(db, input.article.id, { featuredOnly: true }),
  ]);
  const built = buildThread(threadPage.rows, { viewerId: input.viewer?.id ?? null });
  const order = new Map(threadPage.rootOrder.map((id, index) => [id, index]));
  const thread = built.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));

  let viewer: ArticleDiscussion["viewer"] = null;
  if (input.viewer && viewerState) {
    const windowStart = now.getTime() - EDIT_WINDOW_MINUTES * 60_000;
    const editable = flattenThread(thread)
      .filter((c) => c.authorId === input.viewer!.id && c.placeholder === null && Date.parse(c.createdAt) > windowStart)
      .map((c) => c.id);
    const blockedReason =
      postingBlockedReason(input.viewer, now) ?? (warning ? "Read the moderator's warning and confirm it before posting again." : null);
    viewer = {
      id: input.viewer.id,
      displayName: input.viewer.displayName,
      canPost: blockedReason === null,
      blockedReason,
      liked: viewerState.liked,
      reported: viewerState.reported,
      editable,
      canModerate: roleCan(input.viewer.role, "moderate:comment"),
      warning,
    };
  }
  return {
    thread: toWire(thread),
    sort,
    page: threadPage.page,
    pageCount: threadPage.pageCount,
    threadCount: threadPage.threadCount,
    viewer,
    featured: toWire(featuredRows.flatMap((row) => buildThread([row]))),
    open: readOpenForm(input.url),
  };
}

/**
 * Whether a reader has a stake of their own in a story's discussion: a comment of theirs (in any
 * state), a like or a report. A reader without one sees the discussion exactly as any other reader of
 * the same standing does, which lets the server share one rendering among them.
 */
export async function hasStakeInDiscussion(db: Kysely<Database>, input: { userId: number; articleId: number }): Promise<boolean> {
  const { userId, articleId } = input;
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .exists(eb.selectFrom("comment").select("comment.id").where("comment.author_id", "=", userId).where("comment.article_id", "=", articleId))
        .as("wrote"),
      eb
        .exists(
          eb
            .selectFrom("comment_like")
            .innerJoin("comment", "comment.id", "comment_like.comment_id")
            .select("comment.id")
            .where("comment_like.user_id", "=", userId)
            .where("comment.article_id", "=", articleId),
        )
        .as("liked"),
      eb
        .exists(
          eb
            .selectFrom("comment_report")
            .innerJoin("comment", "comment.id", "comment_report.comment_id")
            .select("comment.id")
            .where("comment_report.reporter_id", "=", userId)
            .where("comment.article_id", "=", articleId),
        )
        .as("reported"),
    ])
    .executeTakeFirstOrThrow();
  return Boolean(row.wrote) || Boolean(row.liked) || Boolean(row.reported);
}
