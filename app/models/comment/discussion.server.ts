import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { SessionUser } from "../../auth/session.server";
import { COMMENT_SORTS, type CommentSort } from "../../utils/comment-rules";
import { listThreadRows, loadThreadPage } from "./thread-page.server";
import { loadDiscussionViewer, type DiscussionViewer } from "./reader-layer.server";
import { buildThread, toWire, type WireComment } from "./thread";

export interface ArticleDiscussion {
  thread: WireComment[];
  sort: CommentSort;
  page: number;
  pageCount: number;
  threadCount: number;
  /** Set only on a page rendered for one reader (a form opened without JavaScript); else the page's personal layer says it. */
  viewer: DiscussionViewer | null;
  /** With a reader: how many comments of theirs the story holds ("Your comments here"); 0 otherwise. */
  ownComments: number;
  featured: WireComment[];
  open: OpenCommentForm | null;
}

/** What a link opened beside a comment, for a page that works without JavaScript. */
export interface OpenCommentForm {
  kind: "reply" | "edit" | "report" | "reported" | "delete";
  id: number;
}

function readSort(url: URL): CommentSort {
  const sort = url.searchParams.get("sort");
  return (COMMENT_SORTS as readonly string[]).includes(sort ?? "") ? (sort as CommentSort) : "oldest";
}

function readPage(url: URL): number {
  const raw = url.searchParams.get("page");
  return raw && /^\d{1,5}$/.test(raw) ? Math.max(1, Number(raw)) : 1;
}

/**
 * The page and order of the discussion an address shows, as a query ("sort=newest&page=3"; empty for
 * the first page in the usual order): where a form sent without JavaScript brings its reader back.
 */
export function discussionPlace(url: URL): string {
  const place = new URLSearchParams();
  const sort = readSort(url);
  const page = readPage(url);
  if (sort !== "oldest") place.set("sort", sort);
  if (page > 1) place.set("page", String(page));
  return place.toString();
}

/** The comment form a link opened (?replyTo=, ?edit=, ?report=), for a page that works without JavaScript. */
export function readOpenForm(url: URL): ArticleDiscussion["open"] {
  for (const [param, kind] of [
    ["replyTo", "reply"],
    ["edit", "edit"],
    ["report", "report"],
    ["reported", "reported"],
    ["delete", "delete"],
  ] as const) {
    const raw = url.searchParams.get(param);
    if (raw && /^\d{1,9}$/.test(raw)) return { kind, id: Number(raw) };
  }
  return null;
}

/**
 * Everything the comment section of a story page shows: a constant number of queries (top-level
 * comments, the page's threads, the featured ones). The same for every reader (ADR 18), unless a
 * reader is passed: a page with a form opened by a link, rendered for that reader alone, which also
 * holds their own pending comments and what they may do.
 */
export async function loadArticleDiscussion(
  db: Kysely<Database>,
  input: { article: { id: number }; viewer: SessionUser | null; url: URL; now?: Date },
): Promise<ArticleDiscussion> {
  const sort = readSort(input.url);
  const [threadPage, personal, featuredRows] = await Promise.all([
    loadThreadPage(db, { articleId: input.article.id, sort, page: readPage(input.url), viewerId: input.viewer?.id ?? null }),
    input.viewer ? loadDiscussionViewer(db, { user: input.viewer, articleId: input.article.id, now: input.now }) : null,
    listThreadRows(db, input.article.id, { featuredOnly: true }),
  ]);
  const built = buildThread(threadPage.rows, { viewerId: input.viewer?.id ?? null });
  const order = new Map(threadPage.rootOrder.map((id, index) => [id, index]));
  const thread = built.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return {
    thread: toWire(thread),
    sort,
    page: threadPage.page,
    pageCount: threadPage.pageCount,
    threadCount: threadPage.threadCount,
    viewer: personal?.viewer ?? null,
    ownComments: personal?.ownComments ?? 0,
    featured: toWire(featuredRows.flatMap((row) => buildThread([row]))),
    open: readOpenForm(input.url),
  };
}
