import { createContext, useContext } from "react";
import type { CommentActionResult } from "~/routes/articles.$slug/comment-actions.server";
import type { OpenCommentForm } from "~/models/comment/discussion.server";

/** What every comment in a thread needs to know about the page and the reader. */
export interface ThreadViewer {
  id: number;
  canPost: boolean;
  liked: number[];
  reported: number[];
  editable: number[];
  canModerate: boolean;
  /** May like and report: a banned or suspended reader, or one with an unconfirmed address, is not offered either. */
  canReact: boolean;
  /** Said beside a reply form when the reader's comment will wait for a moderator. */
  holdNotice?: string | null;
  /** The text each editable comment's edit form starts from, when the thread itself does not carry it. */
  sources?: Record<string, string>;
}

export interface ThreadContextValue {
  slug: string;
  commentsOpen: boolean;
  viewer: ThreadViewer | null;
  /**
   * Whether the page knows who reads it (rendered for them, or its personal layer has arrived). Until
   * then a page shared by everyone offers the controls any reader may start from, each leading to a
   * page rendered for its reader (or to signing in).
   */
  known: boolean;
  /**
   * Forms opened by a link (?replyTo=, ?edit=, ?report=, ?delete=) when the page works without
   * JavaScript, or a form's outcome shown beside its comment (?reported=).
   */
  open: OpenCommentForm | null;
  /** The result of a form posted without JavaScript, to show beside that form. */
  actionData?: CommentActionResult;
  /** The page's query (sort, page) without the form-opening parameters, kept in links that open forms. */
  baseQuery: string;
  /** Where permalinks point: "" on the story page (a fragment), the story's path elsewhere. */
  permalinkBase: string;
  /**
   * The page a form sent without JavaScript brings its reader back to, when it is not the story page: a
   * comment's own page, "Your comments here" (the action accepts only those of this story).
   */
  returnTo?: string;
  /** True once React runs in the browser: forms then post with fetchers instead of reloading. */
  hydrated: boolean;
}

const FORM_PARAMS = ["replyTo", "edit", "report", "reported", "delete", "write"];

export function baseQueryOf(search: string): string {
  const params = new URLSearchParams(search);
  for (const name of FORM_PARAMS) params.delete(name);
  return params.toString();
}

/** The context of a page rendered for its reader (a thread page, "Your comments here"): it knows them. */
export function readerPageContext(input: {
  article: { slug: string; commentsOpen: boolean };
  viewer: ThreadViewer | null;
  open: ThreadContextValue["open"];
  search: string;
  /** This page's path, where its forms bring the reader back. */
  pathname: string;
  hydrated: boolean;
}): ThreadContextValue {
  return {
    slug: input.article.slug,
    commentsOpen: input.article.commentsOpen,
    viewer: input.viewer,
    known: true,
    open: input.open,
    baseQuery: baseQueryOf(input.search),
    permalinkBase: `/articles/${input.article.slug}`,
    returnTo: input.pathname,
    hydrated: input.hydrated,
  };
}

export const ThreadContext = createContext<ThreadContextValue | null>(null);

export function useThreadContext(): ThreadContextValue {
  const value = useContext(ThreadContext);
  if (!value) throw new Error("Comment components must be rendered inside a ThreadContext provider.");
  return value;
}
