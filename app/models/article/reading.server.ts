import type { ExpressionBuilder, Kysely } from "kysely";
import { preparedQuery } from "../../../db/prepared-query";
import type { Article, ArticleStatus, Database } from "../../../db/schema";
import { renderArticleMarkdown } from "../../utils/markdown.server";
import { nowIso } from "../../utils/time";
import { listCategoriesForArticles, type CategoryLink } from "../category.server";
import { indexArticleForSearch, searchArticles, type SearchResults } from "../search/search.server";
import { DELETED_USER_NAME } from "../user.server";

export const ARTICLES_PER_PAGE = 10;

/**
 * A story is public once it is published, or scheduled with its time come: scheduled stories go live
 * on read, so no background job is needed.
 */
export function isPublicAt(now: string) {
  return (eb: ExpressionBuilder<Database, "article">) =>
    eb.and([
      eb("article.status", "in", ["published", "scheduled"]),
      eb("article.published_at", "is not", null),
      eb("article.published_at", "<=", now),
    ]);
}

/** The site setting that closes comments automatically, in days after publication; 0 or absent: never. */
export const COMMENTS_CLOSE_AFTER_DAYS_KEY = "comments_close_after_days";

export interface CommentClosingSettings {
  /** Comments close this many days after a story is published; 0 means they stay open. */
  commentsCloseAfterDays: number;
}

export function parseCommentsCloseAfterDays(raw: string | null | undefined): number {
  if (raw === null || raw === undefined) return 0;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return 0;
  }
  const days = typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
  return Number.isInteger(days) && days > 0 ? days : 0;
}

export async function getCommentClosingSettings(db: Kysely<Database>): Promise<CommentClosingSettings> {
  const row = await db.selectFrom("setting").select("value").where("key", "=", COMMENTS_CLOSE_AFTER_DAYS_KEY).executeTakeFirst();
  return { commentsCloseAfterDays: parseCommentsCloseAfterDays(row?.value) };
}

export async function setCommentClosingSettings(db: Kysely<Database>, settings: CommentClosingSettings): Promise<void> {
  const value = JSON.stringify(Math.max(0, Math.floor(settings.commentsCloseAfterDays)));
  const at = nowIso();
  await db
    .insertInto("setting")
    .values({ key: COMMENTS_CLOSE_AFTER_DAYS_KEY, value, updated_at: at })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: at }))
    .execute();
}

/**
 * Whether residents may comment on a story now: the editor left comments open, and, when the site
 * closes comments automatically after N days, the story is younger than that. Applied on read, so no
 * job has to close anything; a closed story keeps its thread visible.
 */
export function areCommentsOpen(
  article: { commentsOpen: boolean | 0 | 1; publishedAt: string | null },
  settings: CommentClosingSettings,
  now: string = nowIso(),
): boolean {
  if (!article.commentsOpen) return false;
  const days = settings.commentsCloseAfterDays;
  if (!days || !article.publishedAt) return true;
  return Date.parse(now) < Date.parse(article.publishedAt) + days * 86_400_000;
}

/** Read beside a story in the same query, so the auto-close rule costs no extra round trip. */
function commentsCloseAfterDaysColumn(eb: ExpressionBuilder<Database, "article">) {
  return eb
    .selectFrom("setting")
    .select("setting.value")
    .where("setting.key", "=", COMMENTS_CLOSE_AFTER_DAYS_KEY)
    .limit(1)
    .as("comments_close_after_days");
}

/** Stories filed under one category. */
export function isInCategory(categoryId: number) {
  return (eb: ExpressionBuilder<Database, "article">) =>
    eb.exists(
      eb
        .selectFrom("article_category")
        .select("article_category.article_id")
        .whereRef("article_category.article_id", "=", "article.id")
        .where("article_category.category_id", "=", categoryId),
    );
}

export interface ArticleSummary {
  id: number;
  slug: string;
  headline: string;
  summary: string;
  publishedAt: string;
  authorId: number | null;
  authorName: string;
  commentCount: number;
  commentsOpen: boolean;
  categories: CategoryLink[];
}

export interface ArticlePage {
  articles: ArticleSummary[];
  page: number;
  hasNextPage: boolean;
}

/**
 * The one query for lists of public stories, newest first, optionally in one category: the front
 * page, category pages, feeds and the sitemap's story list all start here and add their own columns.
 */
export function publishedArticlesQuery(db: Kysely<Database>, options: { now: string; categoryId?: number }) {
  let query = db
    .selectFrom("article")
    .leftJoin("user", "user.id", "article.author_id")
    .where(isPublicAt(options.now));
  if (options.categoryId !== undefined) query = query.where(isInCategory(options.categoryId));
  return query.orderBy("article.published_at", "desc").orderBy("article.id", "desc");
}

export async function listPublishedArticles(
  db: Kysely<Database>,
  options: { page?: number; perPage?: number; categoryId?: number; now?: string } = {},
): Promise<ArticlePage> {
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const perPage = options.perPage ?? ARTICLES_PER_PAGE;
  const now = options.now ?? nowIso();
  const rows = await publishedArticlesQuery(db, { now, categoryId: options.categoryId })
    .select([
      "article.id",
      "article.slug",
      "article.headline",
      "article.summary",
      "article.published_at",
      "article.author_id",
      "article.comment_count",
      "article.comments_open",
      "user.display_name as author_name",
      "user.status as author_status",
      commentsCloseAfterDaysColumn,
    ])
    .limit(perPage + 1)
    .offset((page - 1) * perPage)
    .execute();
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
      summary: row.summary,
      publishedAt: row.published_at ?? "",
      authorId: row.author_status === "deleted" ? null : row.author_id,
      authorName: authorName(row.author_name, row.author_status),
      commentCount: row.comment_count,
      commentsOpen: areCommentsOpen(
        { commentsOpen: row.comments_open, publishedAt: row.published_at },
        { commentsCloseAfterDays: parseCommentsCloseAfterDays(row.comments_close_after_days) },
        now,
      ),
      categories: categories.get(row.id) ?? [],
    })),
  };
}

function authorName(name: string | null, status: string | null): string {
  if (!name || status === "deleted") return DELETED_USER_NAME;
  return name;
}

export interface ArticleForReading extends ArticleSummary {
  bodyHtml: string;
  updatedAt: string;
  /** Dated correction notes at the foot of the story; only fetched when there are some. */
  correctionCount: number;
}

/** The id of the story readers may see at this address now, without loading the rest of it. */
/** Asked for every story page a signed-in reader opens (their layer): built once, slug and time filled in. */
const selectPublishedArticleId = preparedQuery((db, values: { slug: string; now: string }) =>
  db.selectFrom("article").select("article.id").where("article.slug", "=", values.slug).where(isPublicAt(values.now)),
);

export async function findPublishedArticleId(db: Kysely<Database>, slug: string, now: string = nowIso()): Promise<number | undefined> {
  const [row] = await selectPublishedArticleId(db, { slug, now });
  return row?.id;
}

export async function getPublishedArticleBySlug(
  db: Kysely<Database>,
  slug: string,
  now: string = nowIso(),
): Promise<ArticleForReading | undefined> {
  const row = await db
    .selectFrom("article")
    .leftJoin("user", "user.id", "article.author_id")
    .select([
      "article.id",
      "article.slug",
      "article.headline",
      "article.summary",
      "article.body_html",
      "article.published_at",
      "article.updated_at",
      "article.author_id",
      "article.comment_count",
      "article.comments_open",
      "user.display_name as author_name",
      "user.status as author_status",
      commentsCloseAfterDaysColumn,
      (eb) =>
        eb
          .selectFrom("article_correction")
          .select((c) => c.fn.countAll<number>().as("n"))
          .whereRef("article_correction.article_id", "=", "article.id")
          .as("correction_count"),
    ])
    .where("article.slug", "=", slug)
    .where(isPublicAt(now))
    .executeTakeFirst();
  if (!row) return undefined;
  const categories = await listCategoriesForArticles(db, [row.id]);
  return {
    id: row.id,
    slug: row.slug,
    headline: row.headline,
    summary: row.summary,
    bodyHtml: row.body_html,
    publishedAt: row.published_at ?? "",
    updatedAt: row.updated_at,
    correctionCount: Number(row.correction_count ?? 0),
    authorId: row.author_status === "deleted" ? null : row.author_id,
    authorName: authorName(row.author_name, row.author_status),
    commentCount: row.comment_count,
    commentsOpen: areCommentsOpen(
      { commentsOpen: row.comments_open, publishedAt: row.published_at },
      { commentsCloseAfterDays: parseCommentsCloseAfterDays(row.comments_close_after_days) },
      now,
    ),
    categories: categories.get(row.id) ?? [],
  };
}

/** Just what posting to a story's discussion needs: one query. */
export async function getArticleForDiscussion(
  db: Kysely<Database>,
  slug: string,
  now: string = nowIso(),
): Promise<{ id: number; slug: string; commentsOpen: boolean } | undefined> {
  const row = await db
    .selectFrom("article")
    .select(["article.id", "article.slug", "article.comments_open", "article.published_at", commentsCloseAfterDaysColumn])
    .where("article.slug", "=", slug)
    .where(isPublicAt(now))
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    slug: row.slug,
    commentsOpen: areCommentsOpen(
      { commentsOpen: row.comments_open, publishedAt: row.published_at },
      { commentsCloseAfterDays: parseCommentsCloseAfterDays(row.comments_close_after_days) },
      now,
    ),
  };
}

export interface CreateArticleInput {
  slug: string;
  headline: string;
  summary: string;
  bodySource: string;
  authorId: number | null;
  status?: ArticleStatus;
  publishedAt?: string | null;
  commentsOpen?: boolean;
  categoryIds?: number[];
  createdAt?: string;
}

export async function createArticle(db: Kysely<Database>, input: CreateArticleInput): Promise<Article> {
  const at = input.createdAt ?? nowIso();
  return db.transaction().execute(async (trx) => {
    const article = await trx
      .insertInto("article")
      .values({
        slug: input.slug,
        headline: input.headline,
        summary: input.summary,
        body_source: input.bodySource,
        body_html: renderArticleMarkdown(input.bodySource),
        author_id: input.authorId,
        status: input.status ?? "draft",
        published_at: input.publishedAt ?? null,
        comments_open: input.commentsOpen === false ? 0 : 1,
        comment_count: 0,
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.categoryIds?.length) {
      await trx
        .insertInto("article_category")
        .values(input.categoryIds.map((categoryId) => ({ article_id: article.id, category_id: categoryId })))
        .execute();
    }
    await indexArticleForSearch(trx, {
      id: article.id,
      headline: article.headline,
      summary: article.summary,
      bodyHtml: article.body_html,
    });
    return article;
  });
}

/** Public stories matching what a reader typed, best matches first (the search page). */
export function searchPublicArticles(
  db: Kysely<Database>,
  query: string,
  options: { page?: number; perPage?: number; now?: string } = {},
): Promise<SearchResults> {
  const { now = nowIso(), ...paging } = options;
  return searchArticles(db, query, { ...paging, where: isPublicAt(now) });
}
