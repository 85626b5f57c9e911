import type { Kysely } from "kysely";

// Landed migrations are never edited: add a new numbered file instead.
export async function up(db: Kysely<any>): Promise<void> {
  // Paging a long thread asks, for each top-level comment, whether any reply below it is visible.
  await db.schema.createIndex("comment_root_status_idx").on("comment").columns(["root_id", "status"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("comment_root_status_idx").execute();
}
