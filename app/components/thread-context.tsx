import { createContext, useContext } from "react";
import type { CommentActionResult } from "~/routes/articles.$slug/comment-actions.server";

/** What every comment in a thread needs to know about the page and the reader. */
export interface ThreadViewer {
  id: number;
  canPost: boolean;
  liked: number[];
  reported: number[];
  editable: number[];
  canModerate: boolean;
}

export interface ThreadContextValue {
  slug: string;
  commentsOpen: boolean;
  viewer: ThreadViewer | null;
  /** Forms opened by a link (?replyTo=, ?edit=, ?report=) when the page works without JavaScript. */
  open: { kind: "reply" | "edit" | "report"; id: number } | null;
  /** The result of a form posted without JavaScript, to show beside that form. */
  actionData?: CommentActionResult;
  /** The page's query (sort, page) without the form-opening parameters, kept in links that open forms. */
  baseQuery: string;
  /** Where permalinks point: "" on the story page (a fragment), the story's path elsewhere. */
  permalinkBase: string;
  /** True once React runs in the browser: forms then post with fetchers instead of reloading. */
  hydrated: boolean;
}

const FORM_PARAMS = ["replyTo", "edit", "report"];

export function baseQueryOf(search: string): string {
  const params = new URLSearchParams(search);
  for (const name of FORM_PARAMS) params.delete(name);
  return params.toString();
}

export const ThreadContext = createContext<ThreadContextValue | null>(null);

export function useThreadContext(): ThreadContextValue {
  const value = useContext(ThreadContext);
  if (!value) throw new Error("Comment components must be rendered inside a ThreadContext provider.");
  return value;
}
