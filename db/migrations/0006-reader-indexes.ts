import type { Kysely } from "kysely";

// Landed migrations are never edited: add a new numbered file instead.
export async function up(db: Kysely<any>): Promise<void> {
  // A story page asks whether the reader has reported anything in its discussion.
  await db.schema.createIndex("comment_report_reporter_idx").on("comment_report").columns(["reporter_id", "comment_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("comment_report_reporter_idx").execute();
}
