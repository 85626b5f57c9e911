/**
 * Which addresses show a story page the same for every reader (ADR 18), and which ask for one rendered
 * for its reader alone: a comment form opened by a link, as a reader without JavaScript opens it.
 */

/** A story's page: /articles/<slug>, with no further path and no file extension. */
export const STORY_PAGE_PATH = /^\/articles\/[^/.]+$/;

/**
 * The story page's data as Remix's client asks for it (a navigation, or a live update's re-read), when
 * it asks for the story's own loader alone: the same for everyone, like the page (ADR 18).
 */
export const STORY_DATA_PATH = /^\/articles\/[^/.]+\.data$/;
export const STORY_ROUTE_ID = "routes/articles.$slug";

/**
 * The query parameters that open a comment form (reply, edit, report, a new comment, the question
 * before a deletion) or show a form's outcome beside its comment (a report's thanks), without JavaScript.
 */
export const PERSONAL_STORY_PARAMS = ["replyTo", "edit", "report", "write", "reported", "delete"] as const;

/** Whether a story page's query asks for a page rendered for its reader alone. */
export function isPersonalStoryQuery(search: URLSearchParams): boolean {
  return PERSONAL_STORY_PARAMS.some((name) => search.has(name));
}

/** A story's personal layer (ADR 18): /articles/<slug>/reader. */
export const STORY_LAYER_PATH = /^\/articles\/[^/.]+\/reader$/;

/**
 * The layer of a reader who is not signed in: the same for every story, so the server answers it
 * without asking the app (server/app.ts). The model's ANONYMOUS_LAYER is this value.
 */
export const VISITOR_LAYER = Object.freeze({ articleId: null, user: null, viewer: null, pending: Object.freeze([]), ownComments: 0 });
