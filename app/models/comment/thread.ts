import type { CommentStatus, Role, UserStatus } from "../../../db/schema";
import { MAX_NESTED_DEPTH } from "../../utils/comment-rules";

/**
 * Turns the flat, path-ordered rows of one article's comments into the nested thread a reader sees.
 * Pure: no database, so the rules are easy to test and the page is built from one query.
 */


export const PLACEHOLDERS = {
  deleted: "Comment deleted by its author",
  removed: "Removed by a moderator",
  rejected: "Removed by a moderator",
  pending: "This comment is awaiting moderation",
} as const;

export interface ThreadRow {
  id: number;
  parentId: number | null;
  depth: number;
  path: string;
  status: CommentStatus;
  bodyHtml: string;
  bodySource: string;
  likeCount: number;
  createdAt: string;
  editedAt: string | null;
  authorId: number;
  authorName: string;
  authorStatus: UserStatus;
  authorRole: Role;
  ruleNumber?: number | null; // the rule cited when a moderator took it down
  ruleTitle?: string | null;
  featured?: boolean;
}

export interface ThreadComment {
  id: number;
  parentId: number | null;
  depth: number;
  authorId: number | null; // null when the author's account is deleted or the comment is a placeholder
  authorName: string | null;
  authorRole: Role | null;
  createdAt: string;
  editedAt: string | null;
  bodyHtml: string | null; // null for a placeholder
  bodySource: string | null; // only for the viewer's own comments, to fill the edit form
  placeholder: string | null;
  pending: boolean; // shown only to its own author until a moderator decides
  /** The decision on one's own rejected or removed comment, shown with its text to its author alone (ownDecided). */
  decided?: string;
  featured: boolean;
  likeCount: number;
  /** Set when the comment is shown below the deepest nesting level, so readers can tell whom it answers. */
  replyTo: { id: number; authorName: string } | null;
  replyCount: number; // shown replies below this comment, at any depth
  children: ThreadComment[];
}

export interface BuildThreadOptions {
  viewerId?: number | null;
  maxNestedDepth?: number;
  deletedUserName?: string;
  /**
   * Show the viewer their own rejected and removed comments, with the text and the decision (their own
   * list of a story's comments, where a notice from the moderators leads). Never on a shared page.
   */
  ownDecided?: boolean;
}

interface Node {
  row: ThreadRow;
  children: Node[];
}

export function buildThread(rows: readonly ThreadRow[], options: BuildThreadOptions = {}): ThreadComment[] {
  const maxNestedDepth = options.maxNestedDepth ?? MAX_NESTED_DEPTH;
  const deletedUserName = options.deletedUserName ?? "Deleted user";
  const sorted = [...rows].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const nodes = new Map<number, Node>();
  const roots: Node[] = [];
  for (const row of sorted) {
    const node: Node = { row, children: [] };
    nodes.set(row.id, node);
    const parent = findNearestAncestor(row, nodes);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }

  const toComment = (node: Node, shownChildren: ThreadComment[]): ThreadComment | null => {
    const { row } = node;
    const own = options.viewerId != null && options.viewerId === row.authorId;
    const ownPending = row.status === "pending" && own;
    const ownDecided = options.ownDecided === true && own && (row.status === "rejected" || row.status === "removed");
    const shown = row.status === "visible" || ownPending || ownDecided;
    if (!shown && shownChildren.length === 0) return null;
    const authorDeleted = row.authorStatus === "deleted";
    return {
      id: row.id,
      parentId: row.parentId,
      depth: row.depth,
      authorId: shown && !authorDeleted ? row.authorId : null,
      authorName: shown ? (authorDeleted ? deletedUserName : row.authorName) : null,
      authorRole: shown && !authorDeleted ? row.authorRole : null,
      createdAt: row.createdAt,
      editedAt: shown ? row.editedAt : null,
      bodyHtml: shown ? row.bodyHtml : null,
      bodySource: shown && options.viewerId != null && options.viewerId === row.authorId ? row.bodySource : null,
      placeholder: shown ? null : placeholderFor(row),
      pending: ownPending,
      ...(ownDecided ? { decided: placeholderFor(row) } : {}),
      featured: shown && row.status === "visible" && row.featured === true,
      likeCount: shown ? row.likeCount : 0,
      replyTo: null,
      replyCount: shownChildren.reduce((sum, child) => sum + 1 + child.replyCount, 0),
      children: shownChildren,
    };
  };

  const build = (node: Node): ThreadComment | null => {
    const children = node.children.map(build).filter((c): c is ThreadComment => c !== null);
    return toComment(node, children);
  };

  const tree = roots.map(build).filter((c): c is ThreadComment => c !== null);
  return tree.map((comment) => flattenBelow(comment, 0, maxNestedDepth));
}

/** "Removed by a moderator: rule 3, personal attacks", or the plain words when no rule was cited. */
export function placeholderFor(row: Pick<ThreadRow, "status" | "ruleNumber" | "ruleTitle">): string {
  const base = PLACEHOLDERS[row.status as keyof typeof PLACEHOLDERS] ?? PLACEHOLDERS.removed;
  if ((row.status === "removed" || row.status === "rejected") && row.ruleNumber != null) {
    return `${base}: rule ${row.ruleNumber}${row.ruleTitle ? `, ${row.ruleTitle.toLowerCase()}` : ""}`;
  }
  return base;
}

/** The closest comment above this one that is present: the parent, or an ancestor named in the path. */
function findNearestAncestor(row: ThreadRow, nodes: Map<number, Node>): Node | undefined {
  if (row.parentId != null && nodes.has(row.parentId)) return nodes.get(row.parentId);
  const ancestorIds = row.path
    .split(".")
    .slice(0, -1)
    .map((segment) => Number.parseInt(segment, 10))
    .reverse();
  for (const id of ancestorIds) {
    const node = nodes.get(id);
    if (node) return node;
  }
  return undefined;
}

function flattenBelow(comment: ThreadComment, level: number, maxNestedDepth: number): ThreadComment {
  if (level < maxNestedDepth - 1) {
    return { ...comment, children: comment.children.map((c) => flattenBelow(c, level + 1, maxNestedDepth)) };
  }
  // The children of this comment sit at the deepest level: their own replies follow them in order, flat.
  const flat: ThreadComment[] = [];
  const walk = (child: ThreadComment, answering: ThreadComment | null) => {
    flat.push({
      ...child,
      replyTo: answering ? { id: answering.id, authorName: answering.authorName ?? "a removed comment" } : null,
      children: [],
    });
    for (const grandchild of child.children) walk(grandchild, child);
  };
  for (const child of comment.children) walk(child, null);
  return { ...comment, children: flat };
}

/** Every comment of a tree in reading order, for counting and searching in tests and feeds. */
export function flattenThread(tree: readonly ThreadComment[]): ThreadComment[] {
  const out: ThreadComment[] = [];
  const walk = (c: ThreadComment) => {
    out.push(c);
    c.children.forEach(walk);
  };
  tree.forEach(walk);
  return out;
}

/**
 * A comment as the page's data sends it to the browser: only what the page shows, with empty and
 * default values left out. A 300-comment thread travels twice (as HTML and as the data that hydrates
 * it), so every field saved here is saved hundreds of times.
 */
export interface WireComment {
  id: number;
  createdAt: string;
  authorId?: number;
  authorName?: string;
  authorRole?: Role;
  editedAt?: string;
  bodyHtml?: string;
  bodySource?: string;
  placeholder?: string;
  pending?: true;
  decided?: string;
  featured?: true;
  likeCount?: number;
  replyTo?: { id: number; authorName: string };
  replyCount?: number;
  children?: WireComment[];
}

export function toWire(comments: readonly ThreadComment[]): WireComment[] {
  return comments.map((c) => {
    const wire: WireComment = { id: c.id, createdAt: c.createdAt };
    if (c.authorId != null) wire.authorId = c.authorId;
    if (c.authorName != null) wire.authorName = c.authorName;
    if (c.authorRole && c.authorRole !== "resident") wire.authorRole = c.authorRole;
    if (c.editedAt) wire.editedAt = c.editedAt;
    if (c.bodyHtml != null) wire.bodyHtml = c.bodyHtml;
    if (c.bodySource != null) wire.bodySource = c.bodySource;
    if (c.placeholder) wire.placeholder = c.placeholder;
    if (c.pending) wire.pending = true;
    if (c.decided) wire.decided = c.decided;
    if (c.featured) wire.featured = true;
    if (c.likeCount) wire.likeCount = c.likeCount;
    if (c.replyTo) wire.replyTo = c.replyTo;
    if (c.replyCount) wire.replyCount = c.replyCount;
    if (c.children.length) wire.children = toWire(c.children);
    return wire;
  });
}
