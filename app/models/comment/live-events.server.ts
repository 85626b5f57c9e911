import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";

/**
 * The newest comment event of a story (migration 0012, ADR 15): the page is rendered "as of" it, and its
 * live stream announces only what comes after. Read before the thread, so a change racing the
 * rendering is announced (perhaps once too often) rather than lost.
 */
export async function latestCommentEventId(db: Kysely<Database>, articleId: number): Promise<number> {
  const row = await db
    .selectFrom("comment_event")
    .select((eb) => eb.fn.max("id").as("latest"))
    .where("article_id", "=", articleId)
    .executeTakeFirst();
  return Number(row?.latest ?? 0);
}
