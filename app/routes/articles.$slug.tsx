import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Byline, CategoryLinks } from "~/components/article-list";
import { CommentThread } from "~/components/comment-thread";
import { db } from "~/db.server";
import { getPublishedArticleBySlug } from "~/models/article.server";
import { listThreadRows } from "~/models/comment.server";
import { buildThread } from "~/models/thread";
import { notFound } from "~/utils/http";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const root = matches.find((m) => m.id === "root")?.data as { settings?: { siteName: string } } | undefined;
  const siteName = root?.settings?.siteName ?? "Parley";
  if (!data) return [{ title: `Page not found · ${siteName}` }];
  return [
    { title: `${data.article.headline} · ${siteName}` },
    { name: "description", content: data.article.summary },
  ];
};

export async function loader({ params }: LoaderFunctionArgs) {
  // Public page: anyone may read published stories and their visible comments.
  const article = await getPublishedArticleBySlug(db, params.slug ?? "");
  if (!article) throw notFound("There is no story at this address.");
  const rows = await listThreadRows(db, article.id);
  return { article, thread: buildThread(rows) };
}

export default function ArticlePage() {
  const { article, thread } = useLoaderData<typeof loader>();
  return (
    <>
      <article className="story" aria-labelledby="story-headline">
        <header className="story__header">
          <h1 id="story-headline">{article.headline}</h1>
          <p className="story__summary">{article.summary}</p>
          <Byline authorId={article.authorId} authorName={article.authorName} publishedAt={article.publishedAt} />
        </header>
        <div className="story__body prose" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
        <footer className="story__footer">
          <CategoryLinks categories={article.categories} />
        </footer>
      </article>
      {!article.commentsOpen ? <p className="notice">Comments are closed on this story.</p> : null}
      <CommentThread comments={thread} count={article.commentCount} />
    </>
  );
}
