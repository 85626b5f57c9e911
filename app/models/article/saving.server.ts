import type { Kysely, Transaction } from "kysely";
import { lockForTransaction } from "../../../db/database";
import type { Article, ArticleStatus, Database } from "../../../db/schema";
import { EMPHASIS_BUDGET_MESSAGE, renderArticleMarkdown, renderMarkdown } from "../../utils/markdown.server";
import { numberedSlug, slugify } from "../../utils/slug";
import { nowIso } from "../../utils/time";
import { slugTakenBy, uniqueSlug } from "./address.server";
import { getArticleVersion, recordArticleVersion, type VersionCategory } from "./version.server";
import { indexArticleForSearch } from "../search/search.server";
import { effectiveStatus, hasBeenPublished } from "./newsroom.server";
import { logModerationAction } from "../moderation/audit.server";

/**
 * The one way a story's text and publication state change (`saveArticle`): it keeps the previous
 * version, keeps old addresses working and keeps the search index in step, all in one transaction.
 * Also the preview and restoring an earlier version, which go through the same save.
 */

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
  /** Why comments are being closed or reopened (issue 29 part 12): kept in the moderation log with the change. */
  commentsReason?: string;
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

export class ArticleNotFoundError extends Error {
  constructor(id: number) {
    super(`There is no story ${id}.`);
    this.name = "ArticleNotFoundError";
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
    // Two saves that name one new category together make it once and both use it.
    await lockForTransaction(trx, "category");
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
  input: {
    id?: number;
    draft: ArticleDraft;
    change: PublicationChange;
    by: number;
    now?: string;
    /** More writes that must stand or fall with the story's (an importer's link to where it came from). */
    alsoInTransaction?: (trx: Transaction<Database>, article: Article) => Promise<void>;
  },
): Promise<SaveResult> {
  const now = input.now ?? nowIso();
  const { draft } = input;
  // Rendered before the transaction, so no lock waits on it; a body whose marks spend the render's budget
  // comes back to the editor beside the field rather than being published half-formatted.
  const rendered = renderMarkdown(draft.bodySource, "article");
  if (rendered.overBudget) return { ok: false, errors: { body: EMPHASIS_BUDGET_MESSAGE } };
  return db.transaction().execute(async (trx) => {
    const before = input.id
      ? await trx.selectFrom("article").selectAll().where("id", "=", input.id).executeTakeFirst()
      : undefined;
    if (input.id && !before) throw new ArticleNotFoundError(input.id);

    // Slugs are decided one save at a time, so two stories saved together with one headline get
    // "ferry" and "ferry-2" (one key for all: "ferry 2" may also want "ferry-2"; saves are rare).
    await lockForTransaction(trx, "article-slug");
    const slug = await resolveSlug(trx, draft, before?.id ?? null);
    if ("error" in slug) return { ok: false, errors: { slug: slug.error } };
    const state = publication(before, input.change, now);
    if ("error" in state) return { ok: false, errors: { [state.error[0]]: state.error[1] } };

    const categories = await resolveCategories(trx, draft);
    const bodyHtml = rendered.html;
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
      if (before.comments_open !== article.comments_open) {
        // Closing or reopening comments is the newsroom standing behind its discussion: logged, with the reason.
        await logModerationAction(trx, {
          moderatorId: input.by,
          action: article.comments_open ? "open_comments" : "close_comments",
          articleId: article.id,
          note: draft.commentsReason?.trim() ?? "",
          at: now,
        });
      }
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
    await input.alsoInTransaction?.(trx, article);
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
  if (!current) throw new ArticleNotFoundError(input.articleId);
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
