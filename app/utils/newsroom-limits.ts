/** Lengths the newsroom's forms allow; shared by the server's checks and the forms' maxlength. */
export const REPORT_BODY_MAX = 4000;
export const CORRECTION_NOTE_MAX = 2000;
/** The story form's fields. */
export const HEADLINE_MAX = 200;
export const SUMMARY_MAX = 400;
export const STORY_BODY_MAX = 200_000;
export const CATEGORY_NAME_MAX = 60;
/** What the slug field takes as typed; the address made from it is at most SLUG_MAX_LENGTH (utils/slug). */
export const SLUG_FIELD_MAX = 200;
/** Search input is capped before anything reads it. */
export const SEARCH_MAX_INPUT = 200;
export const SEARCH_RESULTS_PER_PAGE = 20;
