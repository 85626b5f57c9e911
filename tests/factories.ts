import type { Kysely } from "kysely";
import type { Database, Role } from "../db/schema";
import { createArticle } from "../app/models/article/reading.server";
import { createCategory } from "../app/models/category.server";
import { createComment } from "../app/models/comment/writing.server";
import { createUser } from "../app/models/user.server";
import { nowIso } from "../app/utils/time";

/**
 * Builders for test data. The demo seed uses the same builders, so what the tests prove about them holds
 * for the demo too. Each call makes something new: no test relies on another's rows.
 */
let sequence = 0;
const next = () => ++sequence;

export async function makeUser(
  db: Kysely<Database>,
  overrides: Partial<{
    email: string;
    displayName: string;
    role: Role;
    passwordHash: string | null;
    emailVerified: boolean;
    createdAt: string;
    bio: string;
  }> = {},
) {
  const n = next();
  return createUser(db, {
    email: overrides.email ?? `resident${n}-${Date.now().toString(36)}@parley.example`,
    displayName: overrides.displayName ?? `Resident ${n} ${Date.now().toString(36)}`,
    passwordHash: overrides.passwordHash ?? null,
    role: overrides.role ?? "resident",
    emailVerified: overrides.emailVerified ?? true,
    termsVersion: 1,
    createdAt: overrides.createdAt,
    bio: overrides.bio,
  });
}

export async function makeCategory(
  db: Kysely<Database>,
  overrides: Partial<{ slug: string; name: string; description: string; position: number }> = {},
) {
  const n = next();
  return createCategory(db, {
    slug: overrides.slug ?? `category-${n}`,
    name: overrides.name ?? `Category ${n}`,
    description: overrides.description ?? "",
    position: overrides.position ?? n,
  });
}

export async function makeArticle(
  db: Kysely<Database>,
  overrides: Partial<{
    slug: string;
    headline: string;
    summary: string;
    bodySource: string;
    authorId: number | null;
    status: "draft" | "scheduled" | "published";
    publishedAt: string | null;
    commentsOpen: boolean;
    categoryIds: number[];
    createdAt: string;
  }> = {},
) {
  const n = next();
  const status = overrides.status ?? "published";
  return createArticle(db, {
    slug: overrides.slug ?? `story-${n}`,
    headline: overrides.headline ?? `Story number ${n}`,
    summary: overrides.summary ?? `A summary of story ${n}.`,
    bodySource: overrides.bodySource ?? `The body of story ${n}.\n\nA second paragraph.`,
    authorId: overrides.authorId ?? null,
    status,
    publishedAt: overrides.publishedAt !== undefined ? overrides.publishedAt : status === "draft" ? null : nowIso(),
    commentsOpen: overrides.commentsOpen ?? true,
    categoryIds: overrides.categoryIds ?? [],
    createdAt: overrides.createdAt,
  });
}

export async function makeComment(
  db: Kysely<Database>,
  input: {
    articleId: number;
    authorId: number;
    parentId?: number | null;
    bodySource?: string;
    status?: "visible" | "pending" | "rejected" | "removed" | "deleted";
    createdAt?: string;
  },
) {
  return createComment(db, {
    articleId: input.articleId,
    authorId: input.authorId,
    parentId: input.parentId ?? null,
    bodySource: input.bodySource ?? `Comment ${next()}: a view on the story.`,
    status: input.status,
    createdAt: input.createdAt,
  });
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

/** A moderator, an admin and a resident of some standing, as the moderation tests meet them. */
export async function makeStaff(db: Kysely<Database>) {
  return {
    moderator: await makeUser(db, { role: "moderator", createdAt: daysAgo(400) }),
    admin: await makeUser(db, { role: "admin", createdAt: daysAgo(500) }),
    resident: await makeUser(db, { createdAt: daysAgo(100) }),
  };
}

export function makeResident(db: Kysely<Database>, days = 30, displayName?: string) {
  return makeUser(db, { createdAt: daysAgo(days), displayName });
}

/** A story with one comment by a new resident, in the given state. */
export async function makeStoryWithComment(
  db: Kysely<Database>,
  input: { status?: "visible" | "pending" | "removed" | "rejected"; body?: string; headline?: string } = {},
) {
  const article = await makeArticle(db, { headline: input.headline });
  const author = await makeResident(db);
  const comment = await makeComment(db, {
    articleId: article.id,
    authorId: author.id,
    status: input.status ?? "pending",
    bodySource: input.body,
  });
  return { article, author, comment };
}
