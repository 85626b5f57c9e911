/** Rules about comments that both the server and the browser need (limits shown beside the form). */
export const COMMENT_MAX_LENGTH = 5000;
export const EDIT_WINDOW_MINUTES = 15;
/** Top-level threads per page once a story has more than PAGE_THREADS_WHEN_OVER of them. */
export const THREADS_PER_PAGE = 50;
export const PAGE_THREADS_WHEN_OVER = 100;

export const COMMENT_SORTS = ["oldest", "newest", "liked"] as const;
export type CommentSort = (typeof COMMENT_SORTS)[number];
export const COMMENT_SORT_LABELS: Record<CommentSort, string> = {
  oldest: "Oldest first",
  newest: "Newest first",
  liked: "Most liked",
};

export const REPORT_REASON_LABELS = {
  spam: "Spam or advertising",
  abuse: "Abuse or harassment",
  hate: "Hate",
  personal_information: "Personal information",
  off_topic: "Off-topic",
  misinformation: "Misinformation",
  other: "Something else",
} as const;

/** Replies nest this many levels below a top-level comment; deeper ones stay at this level and say whom they answer. */
export const MAX_NESTED_DEPTH = 4;

/** What a resident who reported a comment is told, beside it. */
export const REPORT_THANKS = "Thanks, a moderator will look at it.";
