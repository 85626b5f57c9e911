import { Link } from "@remix-run/react";
import { Time } from "./time";

export interface ArticleListItem {
  id: number;
  slug: string;
  headline: string;
  summary: string;
  publishedAt: string;
  authorId: number | null;
  authorName: string;
  commentCount: number;
  categories: { slug: string; name: string }[];
}

export function Byline({ authorId, authorName, publishedAt }: Pick<ArticleListItem, "authorId" | "authorName" | "publishedAt">) {
  return (
    <p className="byline">
      By {authorId ? <Link to={`/users/${authorId}`}>{authorName}</Link> : authorName} · <Time iso={publishedAt} />
    </p>
  );
}

export function CategoryLinks({ categories, label = "Filed under" }: { categories: ArticleListItem["categories"]; label?: string }) {
  if (categories.length === 0) return null;
  return (
    <p className="filed-under">
      {label}{" "}
      {categories.map((category, index) => (
        <span key={category.slug}>
          {index > 0 ? ", " : ""}
          <Link to={`/categories/${category.slug}`}>{category.name}</Link>
        </span>
      ))}
    </p>
  );
}

function commentLabel(count: number) {
  return count === 1 ? "1 comment" : `${count.toLocaleString("en-GB")} comments`;
}

export function ArticleList({ articles }: { articles: ArticleListItem[] }) {
  if (articles.length === 0) return <p>No stories here yet.</p>;
  return (
    <ol className="article-list">
      {articles.map((article) => (
        <li key={article.id}>
          <article className="article-card" aria-labelledby={`headline-${article.id}`}>
            <h2 id={`headline-${article.id}`} className="article-card__headline">
              <Link to={`/articles/${article.slug}`}>{article.headline}</Link>
            </h2>
            <p className="article-card__summary">{article.summary}</p>
            <Byline authorId={article.authorId} authorName={article.authorName} publishedAt={article.publishedAt} />
            <div className="article-card__meta">
              <CategoryLinks categories={article.categories} />
              <Link to={`/articles/${article.slug}#comments`} className="comment-count">
                {commentLabel(article.commentCount)}
                <span className="visually-hidden">{` on “${article.headline}”`}</span>
              </Link>
            </div>
          </article>
        </li>
      ))}
    </ol>
  );
}

/** Newer/older links for a list of stories; `hrefFor` builds a page's address when the list has filters. */
export function Pagination({
  page,
  hasNextPage,
  basePath = "/",
  hrefFor,
}: {
  page: number;
  hasNextPage: boolean;
  basePath?: string;
  hrefFor?: (page: number) => string;
}) {
  if (page <= 1 && !hasNextPage) return null;
  const href = hrefFor ?? ((p: number) => (p <= 1 ? basePath : `${basePath}?page=${p}`));
  return (
    <nav className="pagination" aria-label="More stories">
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev">
          ← Newer stories
        </Link>
      ) : null}
      <span>Page {page}</span>
      {hasNextPage ? (
        <Link to={href(page + 1)} rel="next">
          Older stories →
        </Link>
      ) : null}
    </nav>
  );
}
