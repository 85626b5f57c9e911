import type { Kysely } from "kysely";
import type { ArticleStatus, Database } from "../../../db/schema";
import { nowIso } from "../../utils/time";
import { areCommentsOpen, getCommentClosingSettings, isInCategory, isPublicAt } from "./reading.server";
import { listCategoriesForArticles, type CategoryLink } from "../category.server";
import { DELETED_USER_NAME } from "../user.server";

/**
 * The newsroom: stories as editors see them (drafts, scheduled and published). The one way a story's
 * text and publication state change is `saveArticle` in saving.server.ts.
 */

/** What a story is for readers right now: a scheduled story whose time has come counts as published. */
export type NewsroomStatus = ArticleStatus;
export const NEWSROOM_STATUSES: readonly NewsroomStatus[] = ["draft", "scheduled", "published"];

export function effectiveStatus(article: { status: ArticleStatus; published_at: string | null }, now: string): NewsroomStatus {
  if (article.status === "draft") return "draft";
  if (!article.published_at) return "draft";
  return article.published_at <= now ? "published" : "scheduled";
}

/** Readers may have seen it (and linked to it): published now, or published once and taken back. */
export function hasBeenPublished(article: { status: ArticleStatus; published_at: string | null }, now: string): boolean {
  return article.published_at !== null && article.published_at <= now;
}

// ---------------------------------------------------------------------------------------------
// The stories list
// ---------------------------------------------------------------------------------------------

export const NEWSROOM_PER_PAGE = 30;

export interface NewsroomListItem {
  id: number;
  slug: string;
  headline: string;
  status: NewsroomStatus;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  authorName: string;
  commentCount: number;
  /** The editor's switch. */
  commentsOpen: boolean;
  /** The switch and the site's automatic closing together: what residents get now. */
  commentsOpenNow: boolean;
  categories: CategoryLink[];
}

export async function listNewsroomArticles(
  db: Kysely<Database>,
  options: { status?: NewsroomStatus; categoryId?: number; page?: number; perPage?: number; now?: string } = {},
): Promise<{ articles: NewsroomListItem[]; page: number; hasNextPage: boolean }> {
  const now = options.now ?? nowIso();
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const perPage = options.perPage ?? NEWSROOM_PER_PAGE;
  let query = db
    .selectFrom("article")
    .leftJoin("user", "user.id", "article.author_id")
    .select([
      "article.id",
      "article.slug",
      "article.headline",
      "article.status",
      "article.published_at",
      "article.created_at",
      "article.updated_at",
      "article.comment_count",
      "article.comments_open",
      "user.display_name as author_name",
      "user.status as author_status",
    ]);
  if (options.status === "draft") {
    query = query.where((eb) => eb.or([eb("article.status", "=", "draft"), eb("article.published_at", "is", null)]));
  } else if (options.status === "scheduled") {
    query = query.where("article.status", "=", "scheduled").where("article.published_at", ">", now);
  } else if (options.status === "published") {
    query = query.where(isPublicAt(now));
  }
  if (options.categoryId !== undefined) query = query.where(isInCategory(options.categoryId));
  const [rows, settings] = await Promise.all([
    query
      .orderBy("article.created_at", "desc")
      .orderBy("article.id", "desc")
      .limit(perPage + 1)
      .offset((page - 1) * perPage)
      .execute(),
    getCommentClosingSettings(db),
  ]);
  const shown = rows.slice(0, perPage);
  const categories = await listCategoriesForArticles(
    db,
    shown.map((row) => row.id),
  );
  return {
    page,
    hasNextPage: rows.length > perPage,
    articles: shown.map((row) => ({
      id: row.id,
      slug: row.slug,
      headline: row.headline,
      status: effectiveStatus(row, now),
      publishedAt: row.published_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      authorName: row.author_name && row.author_status !== "deleted" ? row.author_name : DELETED_USER_NAME,
      commentCount: row.comment_count,
      commentsOpen: row.comments_open === 1,
      commentsOpenNow:
        effectiveStatus(row, now) === "published" &&
        areCommentsOpen({ commentsOpen: row.comments_open, publishedAt: row.published_at }, settings, now),
      categories: categories.get(row.id) ?? [],
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// One story, for editing
// ---------------------------------------------------------------------------------------------

export interface ArticleForEditing {
  id: number;
  slug: string;
  headline: string;
  summary: string;
  bodySource: string;
  bodyHtml: string;
  status: NewsroomStatus;
  publishedAt: string | null;
  commentsOpen: boolean;
  commentsOpenNow: boolean;
  commentCount: number;
  categoryIds: number[];
  categories: CategoryLink[];
  createdAt: string;
  updatedAt: string;
  updatedByName: string | null;
}

export async function getArticleForEditing(
  db: Kysely<Database>,
  id: number,
  now: string = nowIso(),
): Promise<ArticleForEditing | undefined> {
  const row = await db
    .selectFrom("article")
    .leftJoin("user", (join) => join.on((eb) => eb("user.id", "=", eb.fn.coalesce("article.updated_by", "article.author_id"))))
    .selectAll("article")
    .select(["user.display_name as updated_by_name"])
    .where("article.id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  const [categoryRows, settings] = await Promise.all([
    db
      .selectFrom("article_category")
      .innerJoin("category", "category.id", "article_category.category_id")
      .select(["category.id", "category.slug", "category.name"])
      .where("article_category.article_id", "=", id)
      .orderBy("category.position")
      .execute(),
    getCommentClosingSettings(db),
  ]);
  const status = effectiveStatus(row, now);
  return {
    id: row.id,
    slug: row.slug,
    headline: row.headline,
    summary: row.summary,
    bodySource: row.body_source,
    bodyHtml: row.body_html,
    status,
    publishedAt: row.published_at,
    commentsOpen: row.comments_open === 1,
    commentsOpenNow:
      status === "published" && areCommentsOpen({ commentsOpen: row.comments_open, publishedAt: row.published_at }, settings, now),
    commentCount: row.comment_count,
    categoryIds: categoryRows.map((c) => c.id),
    categories: categoryRows.map(({ slug, name }) => ({ slug, name })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedByName: row.updated_by_name,
  };
}
