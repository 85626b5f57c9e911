import type { Kysely } from "kysely";
import type { Category, Database } from "../../db/schema";

export async function listCategories(db: Kysely<Database>): Promise<Category[]> {
  return db.selectFrom("category").selectAll().orderBy("position").orderBy("name").execute();
}

export async function getCategoryBySlug(db: Kysely<Database>, slug: string): Promise<Category | undefined> {
  return db.selectFrom("category").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export async function createCategory(
  db: Kysely<Database>,
  input: { slug: string; name: string; description?: string; position?: number },
): Promise<Category> {
  return db
    .insertInto("category")
    .values({
      slug: input.slug,
      name: input.name,
      description: input.description ?? "",
      position: input.position ?? 0,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type CategoryLink = Pick<Category, "slug" | "name">;

/** Categories of many articles in one query, keyed by article id. */
export async function listCategoriesForArticles(
  db: Kysely<Database>,
  articleIds: number[],
): Promise<Map<number, CategoryLink[]>> {
  const byArticle = new Map<number, CategoryLink[]>();
  if (articleIds.length === 0) return byArticle;
  const rows = await db
    .selectFrom("article_category")
    .innerJoin("category", "category.id", "article_category.category_id")
    .select(["article_category.article_id", "category.slug", "category.name"])
    .where("article_category.article_id", "in", articleIds)
    .orderBy("category.position")
    .execute();
  for (const row of rows) {
    const list = byArticle.get(row.article_id) ?? [];
    list.push({ slug: row.slug, name: row.name });
    byArticle.set(row.article_id, list);
  }
  return byArticle;
}
