import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteError,
  useRouteLoaderData,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { SiteFooter } from "~/components/site-footer";
import { SiteHeader } from "~/components/site-header";
import { ReaderLayerProvider, useReaderLayer } from "~/components/reader-layer";
import { countViewerUnread, getOptionalUser, sessionHeaders } from "~/auth/guards.server";
import { db } from "~/db.server";
import { listCategories } from "~/models/category.server";
import { countOpenItems } from "~/models/moderation/queue.server";
import { roleCan } from "~/auth/permissions";
import { getSiteSettings } from "~/models/setting.server";
import { DEFAULT_SETTINGS } from "~/utils/site-defaults";
import siteStyles from "~/styles/site.css?url";
import { useNonce } from "~/utils/nonce";

/**
 * The site shell is read again after the reader's own forms and on navigation, as Remix does by default,
 * but not when a live update re-reads the page (revalidator): nothing in it changed then, and leaving it
 * out lets that re-read ask for the story's data alone, which is the same for every reader (ADR 18).
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, currentUrl, nextUrl, defaultShouldRevalidate }) => {
  if (formMethod || currentUrl.href !== nextUrl.href) return defaultShouldRevalidate;
  return false;
};

// The icon is the site's own file (public/favicon.ico, as the Content-Security-Policy's img-src 'self'
// asks), at the address browsers and feed readers ask for anyway. It is the one root file the page
// cache lets through to the static files (server/page-cache.ts), so it is an ICO, not an SVG.
export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.ico", sizes: "32x32" },
  { rel: "stylesheet", href: siteStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.settings.siteName ?? DEFAULT_SETTINGS.siteName },
];

export async function loader({ request }: LoaderFunctionArgs) {
  // Public: every reader may see the site shell; a signed-in reader also sees who they are.
  const [settings, categories, user, headers] = await Promise.all([
    getSiteSettings(db),
    listCategories(db),
    getOptionalUser(request),
    sessionHeaders(request),
  ]);
  const [unread, openItems] = user
    ? await Promise.all([countViewerUnread(user), roleCan(user.role, "moderate:comment") ? countOpenItems(db) : undefined])
    : [0, undefined];
  return data(
    {
      settings,
      categories: categories.map(({ slug, name }) => ({ slug, name })),
      user: user
        ? { id: user.id, displayName: user.displayName, role: user.role, emailVerified: user.emailVerified, unread, ...(openItems === undefined ? {} : { openItems }) }
        : null,
    },
    { headers },
  );
}

export type RootLoaderData = Awaited<ReturnType<typeof loader>>;

/** The site header: a story's page is rendered for nobody in particular (ADR 18), so there its layer says who reads it. */
function Header(props: Parameters<typeof SiteHeader>[0]) {
  const layer = useReaderLayer();
  return <SiteHeader {...props} user={props.user ?? layer?.user ?? null} />;
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const settings = data?.settings ?? DEFAULT_SETTINGS;
  const nonce = useNonce();
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <ReaderLayerProvider>
          <a className="skip-link" href="#main">
            Skip to content
          </a>
          <Header siteName={settings.siteName} tagline={settings.tagline} categories={data?.categories ?? []} user={data?.user ?? null} />
          <main id="main" tabIndex={-1}>
            {children}
          </main>
          <SiteFooter siteName={settings.siteName} />
        </ReaderLayerProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <div className="page-message">
        <h1>Page not found</h1>
        <p>We could not find that page. The story may have moved, or the address may be mistyped.</p>
        <p>
          <a href="/">Go to the front page</a>
        </p>
      </div>
    );
  }
  if (isRouteErrorResponse(error)) {
    return (
      <div className="page-message">
        <h1>{error.status === 403 ? "You cannot do that" : "That did not work"}</h1>
        <p>{typeof error.data === "string" && error.data ? error.data : error.statusText}</p>
        <p>
          <a href="/">Go to the front page</a>
        </p>
      </div>
    );
  }
  return (
    <div className="page-message">
      <h1>Something went wrong on our side</h1>
      <p>
        The page could not be shown because of a fault in the site, not anything you did. It has been logged; please try
        again in a minute.
      </p>
      <p>
        <a href="/">Go to the front page</a>
      </p>
    </div>
  );
}
