import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { CommentList } from "~/components/comment-thread";
import { useHydrated } from "~/components/comment-forms";
import { readerPageContext, ThreadContext } from "~/components/thread-context";
import { db } from "~/db.server";
import { getPublishedArticleBySlug } from "~/models/article/reading.server";
import { readOpenForm } from "~/models/comment/discussion.server";
import { loadDiscussionViewer } from "~/models/comment/reader-layer.server";
import { buildThread, toWire } from "~/models/comment/thread";
import { listOwnThreadRows } from "~/models/comment/thread-page.server";
import { EDIT_WINDOW_MINUTES } from "~/utils/comment-rules";
import { notFound } from "~/utils/http";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Your comments on “${data.article.headline}”` : "Page not found" },
  { name: "robots", content: "noindex" },
];

/**
 * "Your comments here": a reader's own comments on one story, rendered for them alone, with their
 * controls (edit inside the window, delete) and those still awaiting a moderator. The story's page is
 * the same for everyone (ADR 18); without JavaScript this is where a reader finds what is theirs.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const article = await getPublishedArticleBySlug(db, params.slug ?? "");
  if (!article) throw notFound("There is no story at this address.");
  const [rows, personal] = await Promise.all([
    listOwnThreadRows(db, { articleId: article.id, authorId: user.id }),
    loadDiscussionViewer(db, { user, articleId: article.id }),
  ]);
  // Each comment on its own, newest first: the reader's list, not the thread.
  const comments = toWire(rows.flatMap((row) => buildThread([row], { viewerId: user.id, ownDecided: true }))).reverse();
  return data(
    {
      article: { slug: article.slug, headline: article.headline, commentsOpen: article.commentsOpen },
      comments,
      viewer: personal.viewer,
      open: readOpenForm(new URL(request.url)),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function YourCommentsPage() {
  const { article, comments, viewer, open } = useLoaderData<typeof loader>();
  const location = useLocation();
  const hydrated = useHydrated();
  return (
    <ThreadContext.Provider value={readerPageContext({ article, viewer, open, search: location.search, pathname: location.pathname, hydrated })}>
      <div className="thread-page">
        <p className="thread-page__back">
          <Link to={`/articles/${article.slug}#comments`}>← Back to “{article.headline}”</Link>
        </p>
        <h1>Your comments on “{article.headline}”</h1>
        <p>
          Comments awaiting a moderator are shown only to you. You can edit a comment for {EDIT_WINDOW_MINUTES} minutes after posting it,
          and delete it at any time.
        </p>
        {comments.length === 0 ? (
          <p>
            You have not commented on this story yet. <a href={`/articles/${article.slug}?write=1#comment-form`}>Write a comment</a>.
          </p>
        ) : (
          // Each comment's heading is an h3, as on the story: the list needs its h2 between (axe: heading-order).
          <section aria-labelledby="your-comments-heading">
            <h2 id="your-comments-heading">{comments.length === 1 ? "Your comment" : `Your ${comments.length} comments, newest first`}</h2>
            <CommentList comments={comments} />
          </section>
        )}
      </div>
    </ThreadContext.Provider>
  );
}
