import type { Kysely } from "kysely";

// Landed migrations are never edited: add a new numbered file instead.
export async function up(db: Kysely<any>): Promise<void> {
  // An old link names a comment by the old site's number alone (#comment-N, ?replytocom=N): the import
  // mapping is read by kind and number, whichever site it came from (ADR 21), not by its key's site first.
  await db.schema.createIndex("import_link_external_idx").on("import_link").columns(["kind", "external_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("import_link_external_idx").execute();
}
