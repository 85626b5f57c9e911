/** Lengths the newsroom's forms allow; shared by the server's checks and the forms' maxlength. */
export const REPORT_BODY_MAX = 4000;
export const CORRECTION_NOTE_MAX = 2000;
/** Search input is capped before anything reads it. */
export const SEARCH_MAX_INPUT = 200;
export const SEARCH_RESULTS_PER_PAGE = 20;
