import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ArticleList, Pagination } from "~/components/article-list";
import { db } from "~/db.server";
import { listPublishedArticles } from "~/models/article/reading.server";
import { findSlugForLegacyAddress, redirectForOldAddress } from "~/models/import/legacy-address.server";
import { listPageHeaders, loaderHeadersOnly, pageFromUrl } from "~/utils/http";

export const meta: MetaFunction = ({ matches }) => {
  const root = matches.find((m) => m.id === "root")?.data as { settings?: { siteName: string; tagline: string } } | undefined;
  const name = root?.settings?.siteName ?? "Parley";
  return [{ title: name }, { name: "description", content: root?.settings?.tagline ?? "" }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  // Public page: anyone may read it. WordPress's plain links (/?p=123) to imported stories move for good.
  const url = new URL(request.url);
  const p = url.searchParams.get("p");
  const moved = p ? await findSlugForLegacyAddress(db, `/?p=${p}`) : null;
  if (moved) {
    // Through the landing for old links, so that a #comment-N the browser keeps resolves through the
    // import mapping (ADR 21), as from the post's old path.
    const target = await redirectForOldAddress(db, moved, url);
    return redirect(target.path, target.status);
  }
  const page = pageFromUrl(request);
  return data(await listPublishedArticles(db, { page }), { headers: listPageHeaders() });
}

export const headers = loaderHeadersOnly;

export default function FrontPage() {
  const { articles, page, hasNextPage } = useLoaderData<typeof loader>();
  return (
    <div className="front-page">
      <h1 className="visually-hidden">Latest stories</h1>
      <ArticleList articles={articles} />
      <Pagination page={page} hasNextPage={hasNextPage} basePath="/" />
    </div>
  );
}
