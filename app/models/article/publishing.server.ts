import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { nowIso } from "../../utils/time";

/**
 * Scheduled stories whose time has come are marked published, each once, by whichever app server gets
 * there first (server/scheduled-publisher.ts runs this at each story's time on every server). Readers
 * see a story at its time whether or not this has run (isPublicAt counts a scheduled story whose time
 * has come as published); the write is what bumps the story's and the lists' content versions, so
 * live streams and every server's caches hear of the story from the database, as of any other change.
 *
 * Each story is flipped with a conditional update: of two servers that find it due at once, one
 * changes the row and the other changes nothing. Returns the stories this call published.
 */
export async function publishDueStories(db: Kysely<Database>, now = nowIso()): Promise<number[]> {
  const due = await db
    .selectFrom("article")
    .select("id")
    .where("status", "=", "scheduled")
    .where("published_at", "is not", null)
    .where("published_at", "<=", now)
    .orderBy("published_at")
    .execute();
  const published: number[] = [];
  for (const { id } of due) {
    const result = await db
      .updateTable("article")
      .set({ status: "published" })
      .where("id", "=", id)
      .where("status", "=", "scheduled")
      .where("published_at", "<=", now)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) published.push(id);
  }
  return published;
}
