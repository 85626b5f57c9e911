/** The ?page= number of a listing; anything odd reads as page 1 rather than an error. */
export function pageFromUrl(request: Request, max = 10_000): number {
  const raw = new URL(request.url).searchParams.get("page");
  const page = raw && /^\d{1,6}$/.test(raw) ? Number.parseInt(raw, 10) : 1;
  return Math.min(Math.max(page, 1), max);
}

export function notFound(message = "Not found"): Response {
  return new Response(message, { status: 404, statusText: "Not Found" });
}

/** A positive integer id from a route parameter, or null. */
export function parseId(raw: string | undefined): number | null {
  if (!raw || !/^\d{1,12}$/.test(raw)) return null;
  const id = Number.parseInt(raw, 10);
  return id > 0 ? id : null;
}
