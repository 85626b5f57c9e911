import { createContext, useContext } from "react";
import type { CommentActionResult } from "~/utils/comment-form.server";

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
  /** The query string the page was opened with, kept in links that open forms. */
  search: string;
}

export const ThreadContext = createContext<ThreadContextValue | null>(null);

export function useThreadContext(): ThreadContextValue {
  const value = useContext(ThreadContext);
  if (!value) throw new Error("Comment components must be rendered inside a ThreadContext provider.");
  return value;
}
