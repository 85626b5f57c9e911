import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { roleCan } from "../../auth/permissions";
import type { SessionUser } from "../../auth/session.server";
import { EDIT_WINDOW_MINUTES } from "../../utils/comment-rules";
import { VISITOR_LAYER } from "../../utils/story-address";
import { getPendingWarning, type PendingWarning } from "../moderation/sanction.server";
import { getPostingRestriction, type SanctionInForce } from "../moderation/standing.server";
import { loadHoldNotice } from "../moderation/hold-rules.server";
import { countOpenItems } from "../moderation/queue.server";
import { isRestrictedNow, restrictionMessage } from "../../utils/standing";
import { countUnreadNotifications } from "../notification.server";
import { findPublishedArticleId } from "../article/reading.server";
import { postingBlockedReason } from "./posting.server";
import { buildThread, toWire, type WireComment } from "./thread";
import { listOwnThreadRows, loadViewerCommentState } from "./thread-page.server";

/**
 * The one small personal layer of a story page (ADR 18). The page itself is rendered once for everyone
 * at a content version; what is one reader's own arrives here, in a private answer the page reads after
 * hydration, and React applies it: who they are (the header), what they may do in this discussion,
 * which comments they have liked or reported, their own comments' controls inside the edit window,
 * and their own comments still awaiting a moderator.
 */

/** What a story's comments need to know about the reader: the same on a page rendered for them alone. */
export interface DiscussionViewer {
  id: number;
  displayName: string;
  canPost: boolean;
  blockedReason: string | null;
  liked: number[];
  reported: number[];
  /** Own comments still inside the edit window, with the text the edit form starts from. */
  editable: number[];
  sources: Record<string, string>;
  canModerate: boolean;
  warning: PendingWarning | null;
  /** May like and report (not while banned, suspended or with an unconfirmed address): else neither is offered. */
  canReact: boolean;
  /** The ban or suspension in force, with its rule and end, when there is one. */
  restriction: SanctionInForce | null;
  /** Said before posting when the reader's next comment here will wait for a moderator, and why. */
  holdNotice: string | null;
}

/** A comment of the reader's that only they see yet, and where it belongs in the thread. */
export interface PendingOwnComment {
  parentId: number | null;
  comment: WireComment;
}

export interface ReaderHeader {
  id: number;
  displayName: string;
  role: SessionUser["role"];
  emailVerified: boolean;
  unread: number;
  /** Staff: comments waiting for a moderator (the header's Moderation link). */
  openItems?: number;
}

export interface ReaderLayer {
  /** The story this layer belongs to (null for a visitor's, which belongs to every story). */
  articleId: number | null;
  user: ReaderHeader | null;
  viewer: DiscussionViewer | null;
  pending: PendingOwnComment[];
  /** How many comments of theirs the story holds, in any state ("Your comments here"). */
  ownComments: number;
}

export const ANONYMOUS_LAYER: ReaderLayer = { ...VISITOR_LAYER, pending: [] };

/** The reader's header: who they are and how many replies they have not read. */
export async function loadReaderHeader(db: Kysely<Database>, user: SessionUser): Promise<ReaderHeader> {
  const staff = roleCan(user.role, "moderate:comment");
  const [unread, openItems] = await Promise.all([countUnreadNotifications(db, user.id), staff ? countOpenItems(db) : undefined]);
  return { id: user.id, displayName: user.displayName, role: user.role, emailVerified: user.emailVerified, unread, ...(staff ? { openItems } : {}) };
}

/** Everything on a story page that is this reader's own: a constant number of small indexed queries. */
export async function loadDiscussionViewer(
  db: Kysely<Database>,
  input: { user: SessionUser; articleId: number; now?: Date },
): Promise<{ viewer: DiscussionViewer; pending: PendingOwnComment[]; ownComments: number }> {
  const { user, articleId } = input;
  const now = input.now ?? new Date();
  const restricted = isRestrictedNow(user, now.getTime());
  const resident = user.role === "resident";
  const [state, warning, own, restriction, holdNotice] = await Promise.all([
    loadViewerCommentState(db, { userId: user.id, articleId }),
    getPendingWarning(db, user.id),
    listOwnThreadRows(db, { articleId, authorId: user.id }),
    // Only the rare sanctioned account is asked why; staff are never held.
    restricted ? getPostingRestriction(db, user.id, now.toISOString()) : null,
    resident && !restricted ? loadHoldNotice(db, { userId: user.id, articleId }) : null,
  ]);
  const windowStart = now.getTime() - EDIT_WINDOW_MINUTES * 60_000;
  const editableRows = own.filter((row) => (row.status === "visible" || row.status === "pending") && Date.parse(row.createdAt) > windowStart);
  const blockedReason =
    (restriction ? restrictionMessage(restriction) : postingBlockedReason(user, now)) ??
    (warning ? "Read the moderator's warning and confirm it before posting again." : null);
  // Each pending comment on its own: placed under its parent by the page when the parent is shown.
  const pending = own
    .filter((row) => row.status === "pending")
    .map((row) => ({ parentId: row.parentId, comment: toWire(buildThread([row], { viewerId: user.id }))[0]! }));
  return {
    viewer: {
      id: user.id,
      displayName: user.displayName,
      canPost: blockedReason === null,
      blockedReason,
      liked: state.liked,
      reported: state.reported,
      editable: editableRows.map((row) => row.id),
      sources: Object.fromEntries(editableRows.map((row) => [String(row.id), row.bodySource])),
      canModerate: roleCan(user.role, "moderate:comment"),
      warning,
      canReact: !restricted && user.status !== "deleted" && user.emailVerified,
      restriction,
      holdNotice,
    },
    pending,
    ownComments: own.length,
  };
}

/**
 * The layer of the story at this address for this reader: who they are even where there is no story
 * (any more), for the header. The one way the layer is made, by the route and by the server's own
 * answer to it (server/reader-layer.ts).
 */
export async function loadReaderLayerForSlug(db: Kysely<Database>, input: { user: SessionUser | null; slug: string }): Promise<ReaderLayer> {
  if (!input.user) return ANONYMOUS_LAYER;
  const articleId = await findPublishedArticleId(db, input.slug);
  if (articleId === undefined) return { ...ANONYMOUS_LAYER, user: await loadReaderHeader(db, input.user) };
  return loadReaderLayer(db, { user: input.user, articleId });
}

/** The personal layer of one story page for this reader (a visitor gets the anonymous layer). */
export async function loadReaderLayer(
  db: Kysely<Database>,
  input: { user: SessionUser | null; articleId: number; now?: Date },
): Promise<ReaderLayer> {
  if (!input.user) return ANONYMOUS_LAYER;
  const [header, discussion] = await Promise.all([
    loadReaderHeader(db, input.user),
    loadDiscussionViewer(db, { user: input.user, articleId: input.articleId, now: input.now }),
  ]);
  return { articleId: input.articleId, user: header, ...discussion };
}
