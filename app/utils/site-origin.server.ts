/**
 * The site's public origin for absolute links (mail, feeds, sitemap, canonical and share links):
 * PARLEY_ORIGIN when set, which every public deployment should do.
 *
 * Without it, the request's own origin is used only when the request names this machine (localhost,
 * 127.0.0.1, [::1]): the demo works on any local port, while a forged Host header ("Host: evil.example")
 * can never put another site's address into a password-reset mail or a cached page.
 */
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function siteOrigin(request: Request): string {
  const configured = process.env.PARLEY_ORIGIN?.trim().replace(/\/+$/, "");
  if (configured) return configured;
  const url = new URL(request.url);
  if (LOOPBACK_HOSTS.has(url.hostname)) return url.origin;
  return configuredSiteOrigin();
}

/** The origin for links made with no request at hand (a timer's mail): PARLEY_ORIGIN, else this machine's port. */
export function configuredSiteOrigin(): string {
  return process.env.PARLEY_ORIGIN?.trim().replace(/\/+$/, "") || `http://localhost:${process.env.PORT ?? "3000"}`;
}

export function absoluteUrl(request: Request, path: string): string {
  return `${siteOrigin(request)}${path.startsWith("/") ? path : `/${path}`}`;
}
