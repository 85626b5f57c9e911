import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { db } from "~/db.server";
import { findCurrentSlugForOldSlug } from "~/models/article/address.server";
import { getPublishedArticleBySlug } from "~/models/article/reading.server";
import {
  findLandingForOldComment,
  findSlugForLegacyAddress,
  oldCommentIdOf,
  oldSiteLandingPath,
  redirectForOldAddress,
} from "~/models/import/legacy-address.server";
import { useNonce } from "~/utils/nonce";
import { notFound } from "~/utils/http";

const LANDING = /^\/articles\/([^/.]+)\/from-old-site$/;

// Any address no other route claims: an imported story's old address (WordPress's
// /2013/03/26/some-story/, its pages of comments) answers 301 to the story's landing for old links,
// where the browser brings any #comment-N kept on the way; WordPress's ?replytocom=N goes straight to
// the comment. Old comment numbers resolve through the import mapping only (ADR 21).
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const landing = LANDING.exec(url.pathname);
  if (landing) return oldSiteLanding(decodeURIComponent(landing[1]!), url);
  const slug = await findSlugForLegacyAddress(db, url.pathname + url.search);
  if (!slug) throw notFound();
  const target = await redirectForOldAddress(db, slug, url);
  return redirect(target.path, target.status);
}

/**
 * The landing (/articles/<slug>/from-old-site): with ?comment=N, a redirect to the comment the old
 * site's comment N became, or to the story when it was not imported; without, a page whose one line of
 * script reads the #comment-N the browser kept and comes back with it as ?comment=N, or goes on to the
 * story. Without JavaScript the page sends the reader to the story.
 */
async function oldSiteLanding(slug: string, url: URL) {
  const oldId = url.searchParams.get("comment");
  if (oldId !== null) {
    const target = await findLandingForOldComment(db, { slug, oldId: oldCommentIdOf(oldId) });
    if (target) return redirect(target.path, target.found ? 301 : 302);
  }
  const article = await getPublishedArticleBySlug(db, slug);
  if (!article) {
    const current = await findCurrentSlugForOldSlug(db, slug);
    if (current) return redirect(`${oldSiteLandingPath(current)}${url.search}`, 301);
    throw notFound("There is no story at this address.");
  }
  return data({ slug: article.slug, headline: article.headline, landing: oldSiteLandingPath(article.slug) });
}

export const meta: MetaFunction<typeof loader> = ({ data: landing, matches }) => {
  if (!landing || !("slug" in landing)) return [];
  const root = matches.find((m) => m.id === "root")?.data as { settings?: { siteName: string } } | undefined;
  return [
    { title: `${landing.headline} · ${root?.settings?.siteName ?? "Parley"}` },
    { name: "robots", content: "noindex" },
    { tagName: "link", rel: "canonical", href: `/articles/${encodeURIComponent(landing.slug)}` },
  ];
};

/**
 * The landing's script: JSON strings in a script element, with "<" escaped so no string can end it.
 * WordPress's own "#comments" and "#respond" go to the story's comments and its comment form.
 */
function landingScript(story: string, landing: string): string {
  const text = (value: string) => JSON.stringify(value).replace(/</g, "\\u003c");
  const places = JSON.stringify({ "#comments": "#comments", "#respond": "#comment-form" });
  return `(function(){var h=location.hash,m=/^#comment-(\\d{1,20})$/.exec(h),p=${places};location.replace(m?${text(`${landing}?comment=`)}+m[1]:${text(story)}+(p.hasOwnProperty(h)?p[h]:""));})();`;
}

export default function OldSiteLanding() {
  const landing = useLoaderData<typeof loader>();
  const nonce = useNonce();
  if (!landing || !("slug" in landing)) return null;
  const story = `/articles/${encodeURIComponent(landing.slug)}`;
  return (
    <div className="old-site-landing">
      <noscript>
        <meta httpEquiv="refresh" content={`0; url=${story}`} />
      </noscript>
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: landingScript(story, landing.landing) }} />
      <h1>{landing.headline}</h1>
      <p>
        This story has moved here from the old site: <a href={story}>read it and its comments</a>.
      </p>
    </div>
  );
}
