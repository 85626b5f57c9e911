import { sql, type Kysely } from "kysely";

// Landed migrations are never edited: add a new numbered file instead.
//
// Moderation notices that lead somewhere (issue 29, part 4). A notice from the moderators names the
// rule it cites (linked to the terms, with how to appeal), and goes by email as well as in the app:
// `mailed_at` is set by the one sender that claims it (a conditional update, so two servers never mail
// one notice twice). Notices written before this migration count as mailed: nobody is sent old news.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("notification").addColumn("rule_number", "integer").execute();
  await db.schema.alterTable("notification").addColumn("mailed_at", "text").execute();
  await sql`update notification set mailed_at = created_at`.execute(db);
  await db.schema.createIndex("notification_unmailed_idx").on("notification").columns(["kind", "mailed_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("notification_unmailed_idx").execute();
  await db.schema.alterTable("notification").dropColumn("mailed_at").execute();
  await db.schema.alterTable("notification").dropColumn("rule_number").execute();
}
