import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useLocation, type ShouldRevalidateFunction } from "@remix-run/react";
import { Byline, CategoryLinks } from "~/components/article-list";
import { CommentSection } from "~/components/comment-section";
import { LiveComments } from "~/components/live-comments";
import { db } from "~/db.server";
import { getOptionalUser, requireUser } from "~/auth/guards.server";
import { getPublishedArticleBySlug, getArticleForDiscussion } from "~/models/article/reading.server";
import { loadArticleDiscussion } from "~/models/comment/discussion.server";
import { latestCommentEventId } from "~/models/comment/live-events.server";
import { StoryExtras, storyMetaTags } from "~/components/story-extras";
import { findCurrentSlugForOldSlug } from "~/models/article/address.server";
import { getArticleExtras } from "~/models/article/extras.server";
import { loadStoryDiscussionNotices } from "~/models/moderation/staffed-hours.server";
import { siteOrigin } from "~/utils/site-origin.server";
import { handleCommentAction } from "~/routes/articles.$slug/comment-actions.server";
import { loaderHeadersOnly, notFound, storyPageHeaders } from "~/utils/http";
import { isPersonalStoryQuery } from "~/utils/story-address";

/**
 * After a like, a report or an error report, nothing else on the page changed: the button or form shows
 * the server's answer itself, so the (possibly very long) thread is not fetched again.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, formAction, actionResult, defaultShouldRevalidate }) => {
  const intent = formData?.get("intent");
  const quiet = intent === "like" || intent === "report" || (formAction?.endsWith("/report-error") ?? false);
  if (quiet && (actionResult as { ok?: boolean } | undefined)?.ok) return false;
  return defaultShouldRevalidate;
};

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const root = matches.find((m) => m.id === "root")?.data as { settings?: { siteName: string } } | undefined;
  const siteName = root?.settings?.siteName ?? "Parley";
  if (!data) return [{ title: `Page not found · ${siteName}` }];
  return [
    { title: `${data.article.headline} · ${siteName}` },
    { name: "description", content: data.article.summary },
    ...storyMetaTags(data.article, data.extras, siteName),
  ];
};

export async function loader({ params, request }: LoaderFunctionArgs) {
  // Public page, the same for every reader (ADR 18): what is a reader's own comes from the page's
  // personal layer (./reader). Only an address that opens a form, as a reader without JavaScript does,
  // is rendered for its reader, with their own comments and controls.
  const url = new URL(request.url);
  const [article, viewer] = await Promise.all([
    getPublishedArticleBySlug(db, params.slug ?? ""),
    isPersonalStoryQuery(url.searchParams) ? getOptionalUser(request) : null,
  ]);
  if (!article) {
    // An old address of a story that has moved answers 301; anything else is not here.
    const current = params.slug ? await findCurrentSlugForOldSlug(db, params.slug) : null;
    if (current) throw redirect(`/articles/${encodeURIComponent(current)}`, 301);
    throw notFound("There is no story at this address.");
  }
  // Before the thread: what changes after this is announced live (ADR 15).
  const liveAfter = await latestCommentEventId(db, article.id);
  const comments = await loadArticleDiscussion(db, { article, viewer, url });
  const [extras, notices] = await Promise.all([getArticleExtras(db, article, siteOrigin(request)), loadStoryDiscussionNotices(db, article.id)]);
  return data({ article, comments, extras, liveAfter, notices }, { headers: storyPageHeaders(article.id) });
}

export const headers = loaderHeadersOnly;

export async function action({ params, request }: ActionFunctionArgs) {
  // Only signed-in people post here; what each may do is checked again by the comment rules.
  await requireUser(request);
  const story = await getArticleForDiscussion(db, params.slug ?? "");
  if (!story) throw notFound("There is no story at this address.");
  return handleCommentAction(request, story);
}

export default function ArticlePage() {
  const { article, comments, extras, liveAfter, notices } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  return (
    <>
      <article className="story" aria-labelledby="story-headline">
        <header className="story__header">
          <h1 id="story-headline">{article.headline}</h1>
          <p className="story__summary">{article.summary}</p>
          <Byline authorId={article.authorId} authorName={article.authorName} publishedAt={article.publishedAt} />
          {article.commentCount > 0 ? (
            <p className="story__jump">
              <a href="#comments">{`Jump to comments (${article.commentCount.toLocaleString("en-GB")})`}</a>
            </p>
          ) : null}
        </header>
        <div className="story__body prose" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
        <footer className="story__footer">
          <CategoryLinks categories={article.categories} />
        </footer>
        <StoryExtras slug={article.slug} extras={extras} />
      </article>
      <CommentSection
        articleId={article.id}
        slug={article.slug}
        commentCount={article.commentCount}
        commentsOpen={article.commentsOpen}
        notices={article.commentsOpen ? notices : []}
        comments={comments}
        actionData={actionData}
        search={location.search}
      />
      <LiveComments articleId={article.id} after={liveAfter} />
    </>
  );
}
