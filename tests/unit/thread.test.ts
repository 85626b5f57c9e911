import { describe, expect, it } from "vitest";
import { pathSegment } from "../../app/models/comment/writing.server";
import { buildThread, flattenThread, PLACEHOLDERS, type ThreadRow } from "../../app/models/comment/thread";

/** Rows as the database returns them: ids in creation order, each with its path from the root. */
function rows(spec: Array<[id: number, parentId: number | null, extra?: Partial<ThreadRow>]>): ThreadRow[] {
  const byId = new Map<number, ThreadRow>();
  return spec.map(([id, parentId, extra]) => {
    const parent = parentId != null ? byId.get(parentId) : undefined;
    const row: ThreadRow = {
      id,
      parentId,
      depth: parent ? parent.depth + 1 : 0,
      path: parent ? `${parent.path}.${pathSegment(id)}` : pathSegment(id),
      status: "visible",
      bodyHtml: `<p>comment ${id}</p>`,
      bodySource: `comment ${id}`,
      likeCount: 0,
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, id)).toISOString(),
      editedAt: null,
      authorId: 100 + id,
      authorName: `Author ${id}`,
      authorStatus: "active",
      authorRole: "resident",
      ...extra,
    };
    byId.set(id, row);
    return row;
  });
}

const ids = (list: { id: number }[]) => list.map((c) => c.id);

describe("buildThread", () => {
  it("nests replies under their parents, oldest first at every level", () => {
    const tree = buildThread(rows([[1, null], [2, null], [3, 1], [4, 1], [5, 3]]));
    expect(ids(tree)).toEqual([1, 2]);
    expect(ids(tree[0]!.children)).toEqual([3, 4]);
    expect(ids(tree[0]!.children[0]!.children)).toEqual([5]);
    expect(tree[0]!.replyCount).toBe(3);
  });

  it("orders by path even when rows arrive shuffled", () => {
    const input = rows([[1, null], [2, 1], [3, null], [4, 2]]);
    const tree = buildThread([input[3]!, input[2]!, input[0]!, input[1]!]);
    expect(flattenThread(tree).map((c) => c.id)).toEqual([1, 2, 4, 3]);
  });

  it("keeps the place of a deleted comment that has replies, with a placeholder and no text or author", () => {
    const tree = buildThread(rows([[1, null, { status: "deleted" }], [2, 1]]));
    expect(tree[0]!.placeholder).toBe(PLACEHOLDERS.deleted);
    expect(tree[0]!.bodyHtml).toBeNull();
    expect(tree[0]!.authorName).toBeNull();
    expect(ids(tree[0]!.children)).toEqual([2]);
  });

  it("drops a deleted or removed comment with no visible replies", () => {
    const tree = buildThread(rows([[1, null, { status: "removed" }], [2, null], [3, 2, { status: "deleted" }]]));
    expect(ids(tree)).toEqual([2]);
    expect(tree[0]!.children).toEqual([]);
    expect(tree[0]!.replyCount).toBe(0);
  });

  it("shows a pending comment only to its author", () => {
    const input = rows([[1, null], [2, 1, { status: "pending", authorId: 7 }]]);
    expect(buildThread(input)[0]!.children).toEqual([]);
    expect(buildThread(input, { viewerId: 8 })[0]!.children).toEqual([]);
    const own = buildThread(input, { viewerId: 7 })[0]!.children[0]!;
    expect(own.id).toBe(2);
    expect(own.pending).toBe(true);
  });

  it("names deleted accounts 'Deleted user' and drops the link to them", () => {
    const [comment] = buildThread(rows([[1, null, { authorStatus: "deleted", authorName: "Real Name" }]]));
    expect(comment!.authorName).toBe("Deleted user");
    expect(comment!.authorId).toBeNull();
  });

  it("attaches an orphan to its nearest ancestor in the path, or to the top when none is left", () => {
    const input = rows([[1, null], [2, 1], [3, 2], [4, null], [5, 4]]);
    // comment 2 and comment 4 are missing from the result set (for example, purged)
    const tree = buildThread(input.filter((r) => r.id !== 2 && r.id !== 4));
    expect(ids(tree)).toEqual([1, 5]);
    expect(ids(tree[0]!.children)).toEqual([3]);
  });

  it("stops indenting at the deepest level and says whom the deeper replies answer", () => {
    // a chain six levels deep: 1 > 2 > 3 > 4 > 5 > 6, plus 7 answering 5
    const tree = buildThread(rows([[1, null], [2, 1], [3, 2], [4, 3], [5, 4], [6, 5], [7, 5]]), {
      maxNestedDepth: 4,
    });
    const level3 = tree[0]!.children[0]!.children[0]!.children[0]!; // comment 4
    expect(level3.id).toBe(4);
    expect(ids(level3.children)).toEqual([5, 6, 7]);
    expect(level3.children.every((c) => c.children.length === 0)).toBe(true);
    expect(level3.children[0]!.replyTo).toBeNull();
    expect(level3.children[1]!.replyTo).toEqual({ id: 5, authorName: "Author 5" });
    expect(level3.children[2]!.replyTo).toEqual({ id: 5, authorName: "Author 5" });
  });

  it("returns an empty thread for no rows", () => {
    expect(buildThread([])).toEqual([]);
  });
});
