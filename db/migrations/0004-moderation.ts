import type { Kysely } from "kysely";
import { notNullDefault, withId } from "./helpers";

// Landed migrations are never edited: add a new numbered file instead.
export async function up(db: Kysely<any>): Promise<void> {
  // Why a comment waits for a moderator, and the rule and note of the decision on it.
  await db.schema.alterTable("comment").addColumn("held_reason", "text", notNullDefault("")).execute();
  await db.schema.alterTable("comment").addColumn("rule_number", "integer").execute();
  await db.schema.alterTable("comment").addColumn("moderation_note", "text", notNullDefault("")).execute();
  await db.schema.alterTable("comment").addColumn("featured_at", "text").execute();
  await db.schema.createIndex("comment_article_featured_idx").on("comment").columns(["article_id", "featured_at"]).execute();

  // Pre-moderation switches: for one account, for one story.
  await db.schema.alterTable("user").addColumn("premoderate", "integer", notNullDefault(0)).execute();
  await db.schema.alterTable("article").addColumn("premoderate", "integer", notNullDefault(0)).execute();

  // Sanctions on an account, kept as history: warn, premoderate, suspend, ban. Lifting one keeps the row.
  await withId(db, db.schema.createTable("user_sanction"))
    .addColumn("user_id", "integer", (col) => col.notNull().references("user.id").onDelete("cascade"))
    .addColumn("kind", "text", (col) => col.notNull())
    .addColumn("rule_number", "integer")
    .addColumn("note", "text", notNullDefault(""))
    .addColumn("created_by", "integer", (col) => col.references("user.id").onDelete("set null"))
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("ends_at", "text")
    .addColumn("acknowledged_at", "text")
    .addColumn("lifted_at", "text")
    .addColumn("lifted_by", "integer", (col) => col.references("user.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("user_sanction_user_idx").on("user_sanction").columns(["user_id", "created_at"]).execute();

  // Moderators' private notes about an account.
  await withId(db, db.schema.createTable("user_note"))
    .addColumn("user_id", "integer", (col) => col.notNull().references("user.id").onDelete("cascade"))
    .addColumn("author_id", "integer", (col) => col.references("user.id").onDelete("set null"))
    .addColumn("body", "text", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("user_note_user_idx").on("user_note").columns(["user_id", "created_at"]).execute();

  await db.schema.createIndex("comment_report_comment_idx").on("comment_report").columns(["comment_id", "resolved_at"]).execute();
  await db.schema.createIndex("moderation_action_comment_idx").on("moderation_action").column("comment_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("moderation_action_comment_idx").execute();
  await db.schema.dropIndex("comment_report_comment_idx").execute();
  await db.schema.dropTable("user_note").execute();
  await db.schema.dropTable("user_sanction").execute();
  await db.schema.alterTable("article").dropColumn("premoderate").execute();
  await db.schema.alterTable("user").dropColumn("premoderate").execute();
  await db.schema.dropIndex("comment_article_featured_idx").execute();
  for (const column of ["featured_at", "moderation_note", "rule_number", "held_reason"]) {
    await db.schema.alterTable("comment").dropColumn(column).execute();
  }
}
