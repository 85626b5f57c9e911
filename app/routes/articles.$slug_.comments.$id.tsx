import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { getOptionalUser } from "~/auth/guards.server";
import { CommentList } from "~/components/comment-thread";
import { Time } from "~/components/time";
import { useHydrated } from "~/components/comment-forms";
import { readerPageContext, ThreadContext } from "~/components/thread-context";
import { db } from "~/db.server";
import { getPublishedArticleBySlug } from "~/models/article/reading.server";
import { findCommentForLegacyId } from "~/models/import/legacy-address.server";
import { readOpenForm } from "~/models/comment/discussion.server";
import { loadCommentContext } from "~/models/comment/thread-page.server";
import { loadDiscussionViewer } from "~/models/comment/reader-layer.server";
import { buildThread, flattenThread, toWire } from "~/models/comment/thread";
import { loaderHeadersOnly, notFound, parseId, storyPageHeaders } from "~/utils/http";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `A thread on “${data.article.headline}”` : "Page not found" },
  { name: "robots", content: "noindex" },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  // Public page: one comment with its replies, and the comments above it for context.
  const commentId = parseId(params.id);
  const [article, user] = await Promise.all([getPublishedArticleBySlug(db, params.slug ?? ""), getOptionalUser(request)]);
  if (!article) throw notFound("There is no such comment.");
  const context = commentId ? await loadCommentContext(db, { articleId: article.id, commentId }) : null;
  if (!context) {
    // Parley's own id always wins here: links Parley gives out are never taken by an old one. A number no
    // comment on this story has may be the old site's (a link made when imported comments kept their
    // old ids, or the story page's look-up of an old #comment-N): through the import mapping (ADR 21).
    const imported = await findCommentForLegacyId(db, article.id, params.id ?? "");
    if (imported) throw redirect(`/articles/${article.slug}/comments/${imported}#comment-${imported}`, 301);
    throw notFound("There is no such comment.");
  }
  const viewerId = user?.id ?? null;
  const thread = buildThread(context.rows, { viewerId, maxNestedDepth: 6 });
  if (thread.length === 0) throw notFound("This comment is not available.");
  const ancestors = flattenThread(buildThread(context.ancestors, { viewerId, maxNestedDepth: 99 }));
  // The same personal layer as the story page's, read at once: this page is rendered for its reader.
  const viewer = user ? (await loadDiscussionViewer(db, { user, articleId: article.id })).viewer : null;
  return data(
    {
      article: { slug: article.slug, headline: article.headline, commentsOpen: article.commentsOpen },
      ancestors: ancestors.map((c) => ({ id: c.id, authorName: c.authorName, createdAt: c.createdAt, bodyHtml: c.bodyHtml, placeholder: c.placeholder })),
      thread: toWire(thread),
      viewer,
      open: readOpenForm(new URL(request.url)),
    },
    { headers: storyPageHeaders(article.id) },
  );
}

export const headers = loaderHeadersOnly;

export default function CommentThreadPage() {
  const { article, ancestors, thread, viewer, open } = useLoaderData<typeof loader>();
  const location = useLocation();
  const hydrated = useHydrated();
  return (
    <ThreadContext.Provider value={readerPageContext({ article, viewer, open, search: location.search, pathname: location.pathname, hydrated })}>
      <div className="thread-page">
        <p className="thread-page__back">
          <Link to={`/articles/${article.slug}#comments`}>← Back to all comments on “{article.headline}”</Link>
        </p>
        <h1>A thread on “{article.headline}”</h1>
        {ancestors.length > 0 ? (
          <section aria-labelledby="context-heading" className="thread-context">
            <h2 id="context-heading">Earlier in this thread</h2>
            <ol className="thread-context__list">
              {ancestors.map((comment) => (
                <li key={comment.id}>
                  <p className="comment__header">
                    <strong>{comment.authorName ?? "Comment unavailable"}</strong> ·{" "}
                    <a href={`/articles/${article.slug}#comment-${comment.id}`}>
                      <Time iso={comment.createdAt} />
                    </a>
                  </p>
                  {comment.placeholder ? (
                    <p className="comment__placeholder">{comment.placeholder}</p>
                  ) : (
                    <div className="prose" dangerouslySetInnerHTML={{ __html: comment.bodyHtml ?? "" }} />
                  )}
                </li>
              ))}
            </ol>
          </section>
        ) : null}
        {/* Comments carry h3 headings, as on the story: the section's h2 keeps the outline whole (axe: heading-order). */}
        <section aria-labelledby="thread-heading">
          <h2 id="thread-heading" className="visually-hidden">
            This comment and its replies
          </h2>
          <CommentList comments={thread} />
        </section>
      </div>
    </ThreadContext.Provider>
  );
}
