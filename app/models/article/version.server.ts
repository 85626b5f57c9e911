import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { nowIso } from "../../utils/time";
import { DELETED_USER_NAME } from "../user.server";

/**
 * Earlier versions of a story's text. `saveArticle` (newsroom.server.ts) records the state each save
 * replaces, with who saved that state and when; restoring a version is itself a save, so it can be undone.
 */
export interface VersionCategory {
  id: number;
  slug: string;
  name: string;
}

type Db = Kysely<Database> | Transaction<Database>;

export async function recordArticleVersion(
  db: Db,
  input: {
    articleId: number;
    headline: string;
    summary: string;
    bodySource: string;
    slug: string;
    categories: VersionCategory[];
    savedBy: number | null;
    createdAt?: string;
  },
): Promise<void> {
  await db
    .insertInto("article_version")
    .values({
      article_id: input.articleId,
      headline: input.headline,
      summary: input.summary,
      body_source: input.bodySource,
      slug: input.slug,
      categories: JSON.stringify(input.categories.map(({ id, slug, name }) => ({ id, slug, name }))),
      saved_by: input.savedBy,
      created_at: input.createdAt ?? nowIso(),
    })
    .execute();
}

export interface ArticleVersionView {
  id: number;
  headline: string;
  summary: string;
  bodySource: string;
  slug: string;
  categories: VersionCategory[];
  savedByName: string;
  createdAt: string;
}

function parseCategories(json: string): VersionCategory[] {
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return [];
    return value.filter(
      (c): c is VersionCategory =>
        typeof c === "object" && c !== null && typeof c.id === "number" && typeof c.slug === "string" && typeof c.name === "string",
    );
  } catch {
    return [];
  }
}

const versionColumns = [
  "article_version.id",
  "article_version.headline",
  "article_version.summary",
  "article_version.body_source",
  "article_version.slug",
  "article_version.categories",
  "article_version.created_at",
  "user.display_name as saved_by_name",
  "user.status as saved_by_status",
] as const;

function toView(row: {
  id: number;
  headline: string;
  summary: string;
  body_source: string;
  slug: string;
  categories: string;
  created_at: string;
  saved_by_name: string | null;
  saved_by_status: string | null;
}): ArticleVersionView {
  return {
    id: row.id,
    headline: row.headline,
    summary: row.summary,
    bodySource: row.body_source,
    slug: row.slug,
    categories: parseCategories(row.categories),
    savedByName: row.saved_by_name && row.saved_by_status !== "deleted" ? row.saved_by_name : DELETED_USER_NAME,
    createdAt: row.created_at,
  };
}

/** A story's earlier versions, newest first. */
export async function listArticleVersions(db: Kysely<Database>, articleId: number): Promise<ArticleVersionView[]> {
  const rows = await db
    .selectFrom("article_version")
    .leftJoin("user", "user.id", "article_version.saved_by")
    .select(versionColumns)
    .where("article_version.article_id", "=", articleId)
    .orderBy("article_version.created_at", "desc")
    .orderBy("article_version.id", "desc")
    .execute();
  return rows.map(toView);
}

/** One version, only if it belongs to this story. */
export async function getArticleVersion(
  db: Kysely<Database>,
  articleId: number,
  versionId: number,
): Promise<ArticleVersionView | undefined> {
  const row = await db
    .selectFrom("article_version")
    .leftJoin("user", "user.id", "article_version.saved_by")
    .select(versionColumns)
    .where("article_version.article_id", "=", articleId)
    .where("article_version.id", "=", versionId)
    .executeTakeFirst();
  return row ? toView(row) : undefined;
}
