/** The ?page= number of a listing; anything odd reads as page 1 rather than an error. */
export function pageFromUrl(request: Request, max = 10_000): number {
  const raw = new URL(request.url).searchParams.get("page");
  const page = raw && /^\d{1,6}$/.test(raw) ? Number.parseInt(raw, 10) : 1;
  return Math.min(Math.max(page, 1), max);
}

export function notFound(message = "Not found"): Response {
  return new Response(message, { status: 404, statusText: "Not Found" });
}

/** The largest id a row can have: ids are 32-bit integers on PostgreSQL (and fit them on SQLite). */
export const MAX_ID = 2_147_483_647;

/** Whether a number can be a row's id; anything else names no row and is never sent to the database. */
export function isId(value: number): boolean {
  return Number.isInteger(value) && value > 0 && value <= MAX_ID;
}

/** A positive integer id from a route parameter, or null. */
export function parseId(raw: string | undefined): number | null {
  if (!raw || !/^\d{1,12}$/.test(raw)) return null;
  const id = Number.parseInt(raw, 10);
  return isId(id) ? id : null;
}

/**
 * Says which story a page shows, so the page caches keep it exactly as long as that story's content
 * version (server/page-cache.ts reads the header and never sends it on).
 */
export const STORY_PAGE_HEADER = "X-Parley-Article";

export function storyPageHeaders(articleId: number): Record<string, string> {
  return { [STORY_PAGE_HEADER]: String(articleId) };
}

/** The story-page header's value for a page that shows only what the site's lists show (migration 0015). */
export const LIST_PAGE_VALUE = "lists";

/** Headers of a page that lists stories: its cached copy outlives likes and edits elsewhere. */
export function listPageHeaders(): Record<string, string> {
  return { [STORY_PAGE_HEADER]: LIST_PAGE_VALUE };
}

/** A route's headers function that passes its loader's headers on to the page's response. */
export function loaderHeadersOnly({ loaderHeaders }: { loaderHeaders: Headers }): Headers {
  return loaderHeaders;
}
