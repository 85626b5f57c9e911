import type { Kysely, Transaction } from "kysely";
import type { Article, ArticleStatus, Database } from "../../../db/schema";
import { renderArticleMarkdown } from "../../utils/markdown.server";
import { numberedSlug, slugify } from "../../utils/slug";
import { nowIso } from "../../utils/time";
import { areCommentsOpen, getCommentClosingSettings, isInCategory, isPublicAt } from "./reading.server";
import { slugTakenBy, uniqueSlug } from "./address.server";
import { listCategoriesForArticles, type CategoryLink } from "../category.server";
import { getArticleVersion, recordArticleVersion, type VersionCategory } from "./version.server";
import { indexArticleForSearch } from "../search/search.server";
import { DELETED_USER_NAME } from "../user.server";

/**
 * The newsroom: stories as editors see them (drafts, scheduled and published), and the one way a
 * story's text and publication state change (`saveArticle`), which keeps the previous version, keeps
 * old addresses working and keeps the search index in step, all in one transaction.
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
function hasBeenPublished(article: { status: ArticleStatus; published_at: string | null }, now: string): boolean {
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

// ---------------------------------------------------------------------------------------------
// Saving
// ---------------------------------------------------------------------------------------------

/** What the editor typed. */
export interface ArticleDraft {
  headline: string;
  summary: string;
  bodySource: string;
  /** Blank: made from the headline, numbered until it is free. */
  slug: string;
  categoryIds: number[];
  /** A category to create (or reuse, if one has that name) and file the story under. */
  newCategory?: string;
  commentsOpen: boolean;
}

/**
 * What the save does to publication:
 * - draft: save as a draft (taking the story down if it was up);
 * - keep: save the text and leave publication as it is ("Save changes");
 * - publish: publish now (a story already up keeps its publication time);
 * - schedule: go live at `at`; a time already past publishes now;
 * - unpublish: back to draft.
 */
export type PublicationChange =
  | { kind: "draft" }
  | { kind: "keep" }
  | { kind: "publish" }
  | { kind: "schedule"; at: string }
  | { kind: "unpublish" };

export type SaveOutcome = "draft" | "saved" | "published" | "scheduled" | "published-schedule-passed" | "unpublished";

export type SaveResult =
  | { ok: true; article: Article; outcome: SaveOutcome }
  | { ok: false; errors: Record<string, string> };

export class StoryNotFoundError extends Error {
  constructor(id: number) {
    super(`There is no story ${id}.`);
    this.name = "StoryNotFoundError";
  }
}

type Db = Kysely<Database> | Transaction<Database>;

async function resolveSlug(
  db: Db,
  draft: ArticleDraft,
  articleId: number | null,
): Promise<{ slug: string } | { error: string }> {
  const typed = draft.slug.trim();
  if (!typed) return { slug: await uniqueSlug(db, slugify(draft.headline), articleId) };
  const slug = slugify(typed);
  if (!slug) return { error: "Use letters and digits in the slug (words are joined with hyphens)." };
  const taken = await slugTakenBy(db, slug, articleId);
  if (taken) {
    return { error: `The address /articles/${slug} belongs to another story (“${taken.headline}”). Choose another slug.` };
  }
  return { slug };
}

async function resolveCategories(trx: Transaction<Database>, draft: ArticleDraft): Promise<VersionCategory[]> {
  const ids = [...new Set(draft.categoryIds)];
  const chosen = ids.length
    ? await trx.selectFrom("category").select(["id", "slug", "name"]).where("id", "in", ids).execute()
    : [];
  const name = draft.newCategory?.trim();
  if (name) {
    const existing = await trx
      .selectFrom("category")
      .select(["id", "slug", "name"])
      .where((eb) => eb.or([eb(eb.fn("lower", ["name"]), "=", name.toLowerCase()), eb("slug", "=", slugify(name))]))
      .executeTakeFirst();
    if (existing) {
      if (!chosen.some((c) => c.id === existing.id)) chosen.push(existing);
    } else {
      const base = slugify(name) || "category";
      let slug = base;
      for (let n = 2; await trx.selectFrom("category").select("id").where("slug", "=", slug).executeTakeFirst(); n++) {
        slug = numberedSlug(base, n);
      }
      const last = await trx
        .selectFrom("category")
        .select((eb) => eb.fn.max("position").as("position"))
        .executeTakeFirst();
      const created = await trx
        .insertInto("category")
        .values({ slug, name, description: "", position: Number(last?.position ?? 0) + 1 })
        .returning(["id", "slug", "name"])
        .executeTakeFirstOrThrow();
      chosen.push(created);
    }
  }
  return chosen.sort((a, b) => a.id - b.id);
}

async function categoriesOf(db: Db, articleId: number): Promise<VersionCategory[]> {
  return db
    .selectFrom("article_category")
    .innerJoin("category", "category.id", "article_category.category_id")
    .select(["category.id", "category.slug", "category.name"])
    .where("article_category.article_id", "=", articleId)
    .orderBy("category.id")
    .execute();
}

function publication(
  before: Pick<Article, "status" | "published_at"> | undefined,
  change: PublicationChange,
  now: string,
): { status: ArticleStatus; published_at: string | null; outcome: SaveOutcome } | { error: [string, string] } {
  const wasPublic = before ? effectiveStatus(before, now) === "published" : false;
  const keepHistory = before && hasBeenPublished(before, now) ? before.published_at : null;
  switch (change.kind) {
    case "draft":
      return { status: "draft", published_at: keepHistory, outcome: wasPublic ? "unpublished" : "draft" };
    case "unpublish":
      return { status: "draft", published_at: keepHistory, outcome: "unpublished" };
    case "keep":
      if (!before) return { status: "draft", published_at: null, outcome: "draft" };
      return { status: before.status, published_at: before.published_at, outcome: "saved" };
    case "publish":
      return {
        status: "published",
        published_at: wasPublic && before?.published_at ? before.published_at : now,
        outcome: "published",
      };
    case "schedule":
      if (wasPublic) return { error: ["scheduleDate", "This story is already published. Unpublish it first to schedule it."] };
      if (change.at <= now) return { status: "published", published_at: now, outcome: "published-schedule-passed" };
      return { status: "scheduled", published_at: change.at, outcome: "scheduled" };
  }
}

/**
 * Creates (no `id`) or updates a story. In one transaction: the previous text becomes a version, a
 * changed address of a story readers have seen is kept as a 301, categories are replaced, the search
 * index is updated. Mistakes the editor can fix come back as field errors, never as exceptions.
 */
export async function saveArticle(
  db: Kysely<Database>,
  input: { id?: number; draft: ArticleDraft; change: PublicationChange; by: number; now?: string },
): Promise<SaveResult> {
  const now = input.now ?? nowIso();
  const { draft } = input;
  return db.transaction().execute(async (trx) => {
    const before = input.id
      ? await trx.selectFrom("article").selectAll().where("id", "=", input.id).executeTakeFirst()
      : undefined;
    if (input.id && !before) throw new StoryNotFoundError(input.id);

    const slug = await resolveSlug(trx, draft, before?.id ?? null);
    if ("error" in slug) return { ok: false, errors: { slug: slug.error } };
    const state = publication(before, input.change, now);
    if ("error" in state) return { ok: false, errors: { [state.error[0]]: state.error[1] } };

    const categories = await resolveCategories(trx, draft);
    const bodyHtml = renderArticleMarkdown(draft.bodySource);
    const text = {
      slug: slug.slug,
      headline: draft.headline.trim(),
      summary: draft.summary.trim(),
      body_source: draft.bodySource,
      body_html: bodyHtml,
    };

    let article: Article;
    if (before) {
      const previousCategories = await categoriesOf(trx, before.id);
      const changed =
        before.headline !== text.headline ||
        before.summary !== text.summary ||
        before.body_source !== text.body_source ||
        before.slug !== text.slug ||
        previousCategories.map((c) => c.id).join(",") !== categories.map((c) => c.id).join(",");
      // A save that changes no words adds no version: the list stays a list of real changes.
      if (changed) {
        await recordArticleVersion(trx, {
          articleId: before.id,
          headline: before.headline,
          summary: before.summary,
          bodySource: before.body_source,
          slug: before.slug,
          categories: previousCategories,
          savedBy: before.updated_by ?? before.author_id,
          createdAt: before.updated_at,
        });
      }
      if (before.slug !== text.slug) {
        if (hasBeenPublished(before, now)) {
          await trx
            .insertInto("article_slug_redirect")
            .values({ old_slug: before.slug, article_id: before.id, created_at: now })
            .onConflict((oc) => oc.column("old_slug").doUpdateSet({ article_id: before.id, created_at: now }))
            .execute();
        }
        // Going back to an old address: it is the current one again, not a redirect.
        await trx.deleteFrom("article_slug_redirect").where("old_slug", "=", text.slug).execute();
      }
      article = await trx
        .updateTable("article")
        .set({
          ...text,
          status: state.status,
          published_at: state.published_at,
          comments_open: draft.commentsOpen ? 1 : 0,
          updated_at: now,
          updated_by: input.by,
        })
        .where("id", "=", before.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx.deleteFrom("article_category").where("article_id", "=", before.id).execute();
    } else {
      article = await trx
        .insertInto("article")
        .values({
          ...text,
          author_id: input.by,
          status: state.status,
          published_at: state.published_at,
          comments_open: draft.commentsOpen ? 1 : 0,
          comment_count: 0,
          created_at: now,
          updated_at: now,
          updated_by: input.by,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    if (categories.length) {
      await trx
        .insertInto("article_category")
        .values(categories.map((c) => ({ article_id: article.id, category_id: c.id })))
        .execute();
    }
    await indexArticleForSearch(trx, { id: article.id, headline: article.headline, summary: article.summary, bodyHtml });
    return { ok: true, article, outcome: state.outcome };
  });
}

/** A preview of what readers will see: the same renderer and sanitiser as the story page. */
export function previewArticle(draft: Pick<ArticleDraft, "headline" | "summary" | "bodySource">) {
  return {
    headline: draft.headline.trim(),
    summary: draft.summary.trim(),
    bodyHtml: renderArticleMarkdown(draft.bodySource),
  };
}

// Addresses that last (slugs, old addresses, short links) are in article-address.server.ts.

// ---------------------------------------------------------------------------------------------
// Restoring a version
// ---------------------------------------------------------------------------------------------

/**
 * Puts an earlier version's text back. It is an ordinary save ("keep" publication as it is), so the
 * text it replaces becomes a version in turn. The old slug comes back too, unless another story has
 * taken it since; categories deleted since are left out.
 */
export async function restoreArticleVersion(
  db: Kysely<Database>,
  input: { articleId: number; versionId: number; by: number; now?: string },
): Promise<SaveResult> {
  const [version, current] = await Promise.all([
    getArticleVersion(db, input.articleId, input.versionId),
    db.selectFrom("article").select(["slug", "comments_open"]).where("id", "=", input.articleId).executeTakeFirst(),
  ]);
  if (!current) throw new StoryNotFoundError(input.articleId);
  if (!version) return { ok: false, errors: { form: "That version is not one of this story’s versions." } };
  const slugFree = !(await slugTakenBy(db, version.slug, input.articleId));
  return saveArticle(db, {
    id: input.articleId,
    draft: {
      headline: version.headline,
      summary: version.summary,
      bodySource: version.bodySource,
      slug: slugFree ? version.slug : current.slug,
      categoryIds: version.categories.map((c) => c.id),
      commentsOpen: current.comments_open === 1,
    },
    change: { kind: "keep" },
    by: input.by,
    now: input.now,
  });
}
