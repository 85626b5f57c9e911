import { Form, Link } from "@remix-run/react";
import { useEffect, useMemo } from "react";
import type { ArticleDiscussion } from "~/models/comment/discussion.server";
import type { DiscussionViewer, PendingOwnComment } from "~/models/comment/reader-layer.server";
import type { WireComment } from "~/models/comment/thread";
import type { CommentActionResult } from "~/routes/articles.$slug/comment-actions.server";
import { COMMENT_SORT_LABELS, COMMENT_SORTS, type CommentSort } from "~/utils/comment-rules";
import { commentFormAction, CommentBodyForm, useHydrated } from "./comment-forms";
import { CommentList } from "./comment-thread";
import { RestrictionNotice } from "./standing-notice";
import { useStoryReaderLayer } from "./reader-layer";
import { baseQueryOf, ThreadContext, type ThreadContextValue } from "./thread-context";

interface Props {
  articleId: number;
  slug: string;
  commentCount: number;
  commentsOpen: boolean;
  /** What applies to new comments now: no moderator on duty (and until when), slow mode. */
  notices?: string[];
  comments: ArticleDiscussion;
  actionData?: CommentActionResult;
  search: string;
}

function threadHref(slug: string, sort: CommentSort, page: number) {
  const params = new URLSearchParams();
  if (sort !== "oldest") params.set("sort", sort);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return `/articles/${slug}${query ? `?${query}` : ""}#comments`;
}

interface ComposerProps {
  slug: string;
  commentsOpen: boolean;
  viewer: DiscussionViewer | null;
  /** Whether the page knows who reads it: rendered for them, or its personal layer has arrived. */
  known: boolean;
  /** The page was asked for with ?write (the way in for a signed-in reader without JavaScript). */
  asked: boolean;
}

function Composer({ slug, commentsOpen, viewer, known, asked }: ComposerProps) {
  if (!commentsOpen) {
    return <p className="notice">Comments are closed on this story. The discussion below stays up.</p>;
  }
  if (!viewer) {
    const back = encodeURIComponent(`/articles/${slug}#comment-form`);
    return (
      <p className="notice" id="comment-form">
        <Link to={`/login?redirectTo=${back}`}>Sign in to comment</Link> or{" "}
        <Link to={`/join?redirectTo=${back}`}>join the discussion</Link>. Reading is open to everyone.
        {known || asked ? null : (
          <>
            {" "}
            Signed in already? <a href="?write=1#comment-form">Write your comment</a>.
          </>
        )}
      </p>
    );
  }
  if (viewer.warning) {
    const warning = viewer.warning;
    return (
      <div className="notice notice--error" id="comment-form" role="region" aria-labelledby="warning-heading">
        <h3 id="warning-heading">A moderator has warned you</h3>
        <p>
          {warning.ruleNumber ? (
            <>
              You broke <Link to={`/terms#rule-${warning.ruleNumber}`}>rule {warning.ruleNumber}</Link>
              {warning.ruleTitle ? `, ${warning.ruleTitle}` : ""}, of our terms of posting.
            </>
          ) : (
            "Please read our terms of posting."
          )}
        </p>
        {warning.note ? <p>Note from the moderator: {warning.note}</p> : null}
        <Form method="post" action={commentFormAction({ slug })}>
          <input type="hidden" name="intent" value="acknowledge" />
          <input type="hidden" name="sanctionId" value={warning.id} />
          <button type="submit" className="button">
            I have read this warning
          </button>
        </Form>
      </div>
    );
  }
  if (viewer.restriction) return <RestrictionNotice restriction={viewer.restriction} />;
  if (!viewer.canPost) {
    return (
      <p className="notice" id="comment-form">
        {viewer.blockedReason} <Link to="/settings">Your settings</Link>
      </p>
    );
  }
  return (
    <div id="comment-form" className="comment-composer">
      <CommentBodyForm
        intent="comment"
        targetId={null}
        label="Comment"
        submitLabel="Post comment"
        aside={
          <>
            <p className="comment-composer__terms">
              Posting as {viewer.displayName}. Please keep to our <Link to="/terms">terms of posting</Link>.
            </p>
            {viewer.holdNotice ? (
              <p className="comment-composer__hold" id="hold-notice">
                {viewer.holdNotice} <Link to="/terms#review">Why</Link>
              </p>
            ) : null}
          </>
        }
      />
    </div>
  );
}

function ThreadPager({ slug, comments, position }: { slug: string; comments: ArticleDiscussion; position: string }) {
  if (comments.pageCount <= 1) return null;
  const { page, pageCount, sort } = comments;
  return (
    <nav className="pagination" aria-label={`Comment pages (${position})`}>
      {page > 1 ? (
        <Link to={threadHref(slug, sort, page - 1)} rel="prev">
          ← Previous comments
        </Link>
      ) : null}
      <span>
        Threads page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link to={threadHref(slug, sort, page + 1)} rel="next">
          Next comments →
        </Link>
      ) : null}
    </nav>
  );
}

/**
 * A permalink (#comment-123) to a comment on another page of a long thread: take the reader to that
 * comment's own page rather than leave them at the top of this one.
 */
function useFindPermalinkedComment(slug: string) {
  useEffect(() => {
    const match = /^#comment-(\d+)$/.exec(window.location.hash);
    if (match && !document.getElementById(`comment-${match[1]}`)) {
      window.location.replace(`/articles/${slug}/comments/${match[1]}#comment-${match[1]}`);
    }
  }, [slug]);
}

/**
 * The reader's own comments still awaiting a moderator, put in the public thread where they belong:
 * under their parent when it is on this page, a new thread at the top of the first page.
 */
function withPending(thread: WireComment[], pending: PendingOwnComment[], firstPage: boolean): WireComment[] {
  if (pending.length === 0) return thread;
  const place = (comments: WireComment[], item: PendingOwnComment): [WireComment[], boolean] => {
    let placed = false;
    const next = comments.map((comment) => {
      if (placed) return comment;
      if (comment.id === item.parentId) {
        placed = true;
        return { ...comment, children: [...(comment.children ?? []), item.comment] };
      }
      if (!comment.children) return comment;
      const [children, found] = place(comment.children, item);
      placed = found;
      return found ? { ...comment, children } : comment;
    });
    return [next, placed];
  };
  let result = thread;
  const topLevel: WireComment[] = [];
  for (const item of pending) {
    if (item.parentId === null) {
      if (firstPage) topLevel.push(item.comment);
      continue;
    }
    result = place(result, item)[0];
  }
  return [...topLevel, ...result];
}

export function CommentSection({ articleId, slug, commentCount, commentsOpen, notices = [], comments, actionData, search }: Props) {
  const hydrated = useHydrated();
  useFindPermalinkedComment(slug);
  const layer = useStoryReaderLayer(articleId);
  // Rendered for this reader (a form opened by a link), or the same page for everyone plus the layer.
  const viewer = comments.viewer ?? layer?.viewer ?? null;
  const thread = useMemo(
    () => (comments.viewer || !layer ? comments.thread : withPending(comments.thread, layer.pending, comments.page === 1)),
    [comments.viewer, comments.thread, comments.page, layer],
  );
  const context = useMemo<ThreadContextValue>(
    () => ({
      slug,
      commentsOpen,
      viewer,
      known: comments.viewer !== null || layer !== undefined,
      open: comments.open,
      actionData,
      baseQuery: baseQueryOf(search),
      permalinkBase: "",
      hydrated,
    }),
    [slug, commentsOpen, viewer, layer, comments.viewer, comments.open, actionData, search, hydrated],
  );
  const ownComments = comments.viewer ? comments.ownComments : (layer?.ownComments ?? 0);
  return (
    <ThreadContext.Provider value={context}>
      <section id="comments" className="comments" aria-labelledby="comments-heading">
        <h2 id="comments-heading">{commentCount === 1 ? "1 comment" : `${commentCount.toLocaleString("en-GB")} comments`}</h2>
        {viewer?.canModerate ? (
          <p className="moderator-tools">
            <Link to={`/moderation/stories/${articleId}`}>Moderate this discussion</Link> (close or reopen comments,
            pre-moderation)
          </p>
        ) : null}
        {notices.map((notice) => (
          <p className="notice comments__notice" key={notice}>
            {notice}
          </p>
        ))}
        <Composer
          slug={slug}
          commentsOpen={commentsOpen}
          viewer={viewer}
          known={context.known}
          asked={new URLSearchParams(search).has("write")}
        />
        {!context.known || ownComments > 0 ? (
          <p className="comments__yours">
            <a href={`/articles/${slug}/yours`}>Your comments here</a>
            {context.known ? null : " (signed-in readers: edit, delete, and see those awaiting a moderator)"}
          </p>
        ) : null}
        {comments.threadCount > 1 ? (
          <nav className="comment-sort" aria-label="Sort comments">
            <span>Sort:</span>
            <ul>
              {COMMENT_SORTS.map((sort) => (
                <li key={sort}>
                  <Link
                    to={threadHref(slug, sort, 1)}
                    aria-current={comments.sort === sort ? "true" : undefined}
                    preventScrollReset
                  >
                    {COMMENT_SORT_LABELS[sort]}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        {comments.featured.length > 0 ? (
          <section className="featured-comments" aria-labelledby="featured-heading">
            <h3 id="featured-heading">Featured</h3>
            <ol className="featured-comments__list">
              {comments.featured.map((comment) => (
                <li key={comment.id}>
                  <p className="comment__header">
                    <strong>{comment.authorName}</strong> ·{" "}
                    <a href={`/articles/${slug}/comments/${comment.id}`}>See it in its thread</a>
                  </p>
                  <div className="prose" dangerouslySetInnerHTML={{ __html: comment.bodyHtml ?? "" }} />
                </li>
              ))}
            </ol>
          </section>
        ) : null}
        <ThreadPager slug={slug} comments={comments} position="top" />
        <CommentList comments={thread} />
        <ThreadPager slug={slug} comments={comments} position="bottom" />
        <p className="comments__disclaimer">
          Comments are the views of their authors, not of the newsroom. Everyone who posts agrees to our{" "}
          <Link to="/terms">terms of posting</Link>.
        </p>
      </section>
    </ThreadContext.Provider>
  );
}
