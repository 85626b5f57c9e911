/**
 * The site's public origin for absolute links (feeds, sitemap, canonical and share links):
 * PARLEY_ORIGIN when set (behind a proxy that rewrites Host), otherwise the request's own origin.
 */
export function siteOrigin(request: Request): string {
  const configured = process.env.PARLEY_ORIGIN?.trim().replace(/\/+$/, "");
  if (configured) return configured;
  return new URL(request.url).origin;
}

export function absoluteUrl(request: Request, path: string): string {
  return `${siteOrigin(request)}${path.startsWith("/") ? path : `/${path}`}`;
}
