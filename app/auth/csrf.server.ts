/**
 * Cross-site request forgery: a request that changes anything (any method but GET, HEAD, OPTIONS) must
 * come from the site's own pages. Browsers say where a request comes from in Sec-Fetch-Site and Origin;
 * a request that says neither is refused too.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface RequestOrigin {
  method: string;
  /** The origin the site is served on, e.g. "http://localhost:3000". */
  siteOrigin: string;
  secFetchSite?: string | null;
  origin?: string | null;
}

export type CsrfVerdict = { ok: true } | { ok: false; reason: string };

export function checkSameOrigin({ method, siteOrigin, secFetchSite, origin }: RequestOrigin): CsrfVerdict {
  if (SAFE_METHODS.has(method.toUpperCase())) return { ok: true };
  if (secFetchSite && secFetchSite !== "same-origin") {
    return { ok: false, reason: `Sec-Fetch-Site is ${secFetchSite}` };
  }
  if (origin) {
    return origin === siteOrigin ? { ok: true } : { ok: false, reason: `Origin ${origin} is not ${siteOrigin}` };
  }
  if (secFetchSite === "same-origin") return { ok: true };
  return { ok: false, reason: "the request names no origin" };
}
