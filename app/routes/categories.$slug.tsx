import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ArticleList, Pagination } from "~/components/article-list";
import { db } from "~/db.server";
import { listPublishedArticles } from "~/models/article/reading.server";
import { getCategoryBySlug } from "~/models/category.server";
import { listPageHeaders, loaderHeadersOnly, notFound, pageFromUrl } from "~/utils/http";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const root = matches.find((m) => m.id === "root")?.data as { settings?: { siteName: string } } | undefined;
  const siteName = root?.settings?.siteName ?? "Parley";
  if (!data) return [{ title: `Page not found · ${siteName}` }];
  return [{ title: `${data.category.name} · ${siteName}` }, { name: "description", content: data.category.description }];
};

export async function loader({ params, request }: LoaderFunctionArgs) {
  // Public page.
  const category = await getCategoryBySlug(db, params.slug ?? "");
  if (!category) throw notFound("There is no such category.");
  const listing = await listPublishedArticles(db, { page: pageFromUrl(request), categoryId: category.id });
  return data({ category, ...listing }, { headers: listPageHeaders() });
}

export const headers = loaderHeadersOnly;

export default function CategoryPage() {
  const { category, articles, page, hasNextPage } = useLoaderData<typeof loader>();
  return (
    <div className="category-page">
      <header className="page-header">
        <h1>{category.name}</h1>
        {category.description ? <p>{category.description}</p> : null}
      </header>
      <ArticleList articles={articles} />
      <Pagination page={page} hasNextPage={hasNextPage} basePath={`/categories/${category.slug}`} />
    </div>
  );
}
