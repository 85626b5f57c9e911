import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Time } from "~/components/time";
import { db } from "~/db.server";
import { searchPublicArticles } from "~/models/article/reading.server";
import { SEARCH_MAX_INPUT, SEARCH_RESULTS_PER_PAGE } from "~/utils/newsroom-limits";
import { pageFromUrl } from "~/utils/http";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const root = matches.find((m) => m.id === "root")?.data as { settings?: { siteName: string } } | undefined;
  const siteName = root?.settings?.siteName ?? "Parley";
  const q = data?.query ?? "";
  return [{ title: q ? `“${q}”: search · ${siteName}` : `Search · ${siteName}` }, { name: "robots", content: "noindex" }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  // Public: anyone may search the published stories.
  const raw = new URL(request.url).searchParams.get("q") ?? "";
  // Whatever arrives, only the first stretch is echoed back or searched.
  const query = raw.slice(0, SEARCH_MAX_INPUT * 2).trim();
  const results = await searchPublicArticles(db, query, { page: pageFromUrl(request, 50) });
  return { ...results, query: query.slice(0, SEARCH_MAX_INPUT) };
}

export default function SearchPage() {
  const { query, terms, hits, page, hasNextPage } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const searching = navigation.state === "loading" && navigation.location?.pathname === "/search";
  const pageHref = (p: number) => `/search?q=${encodeURIComponent(query)}${p > 1 ? `&page=${p}` : ""}`;
  return (
    <div className="page search-page">
      <h1>Search</h1>
      <Form method="get" action="/search" role="search" aria-label="Search again" className="search-form">
        <label htmlFor="search-page-q">Search the stories</label>
        <div className="search-form__row">
          <input id="search-page-q" type="search" name="q" defaultValue={query} key={query} maxLength={SEARCH_MAX_INPUT} />
          <button type="submit">Search</button>
        </div>
      </Form>
      <div aria-live="polite" aria-busy={searching}>
        {terms.length === 0 ? (
          <p>{query ? "Type words to search for: letters and numbers count, other characters are ignored." : "Type a word or two to find stories by their headline, summary or text."}</p>
        ) : hits.length === 0 ? (
          <p>
            No stories match <strong>{query}</strong>.
          </p>
        ) : (
          <>
            <p className="search-results__count">
              {page > 1 ? `Page ${page} of the stories` : "Stories"} matching <strong>{query}</strong>, best matches first:
            </p>
            <ol className="search-results" start={(page - 1) * SEARCH_RESULTS_PER_PAGE + 1}>
              {hits.map((hit) => (
                <li key={hit.id} className="search-result">
                  <h2 className="search-result__headline">
                    <Link to={`/articles/${hit.slug}`}>{hit.headline}</Link>
                  </h2>
                  <p className="search-result__snippet" dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} />
                  <p className="byline">
                    <Time iso={hit.publishedAt} />
                  </p>
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
      {page > 1 || hasNextPage ? (
        <nav className="pagination" aria-label="More results">
          {page > 1 ? (
            <Link to={pageHref(page - 1)} rel="prev">
              ← Better matches
            </Link>
          ) : null}
          <span>Page {page}</span>
          {hasNextPage ? (
            <Link to={pageHref(page + 1)} rel="next">
              More results →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
