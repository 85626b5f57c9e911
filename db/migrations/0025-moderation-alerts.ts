import type { Kysely } from "kysely";
import { withId } from "./helpers";

// Landed migrations are never edited: add a new numbered file instead.
//
// Alerts that reach people (issue 15, part 6). An alert is raised once per `alert_key` (unique: the
// queue passing its size in a given hour, a story's heat in a given hour, one comment hidden by reports,
// one appeal), however many app servers notice it. Each way it goes out (an email to a moderator on
// duty, the site's webhook) is a delivery with its attempts, the last answer and when it went: the log
// of every delivery, and the queue of retries with back-off.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("moderation_alert"))
    .addColumn("alert_key", "text", (col) => col.notNull().unique())
    .addColumn("kind", "text", (col) => col.notNull())
    .addColumn("text", "text", (col) => col.notNull())
    .addColumn("link", "text", (col) => col.notNull())
    .addColumn("article_id", "integer", (col) => col.references("article.id").onDelete("set null"))
    .addColumn("created_at", "text", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("moderation_alert_created_idx").on("moderation_alert").column("created_at").execute();
  await withId(db, db.schema.createTable("alert_delivery"))
    .addColumn("alert_id", "integer", (col) => col.notNull().references("moderation_alert.id").onDelete("cascade"))
    .addColumn("channel", "text", (col) => col.notNull())
    .addColumn("target", "text", (col) => col.notNull())
    .addColumn("status", "text", (col) => col.notNull())
    .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (col) => col.notNull())
    .addColumn("last_result", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("delivered_at", "text")
    .execute();
  await db.schema.createIndex("alert_delivery_due_idx").on("alert_delivery").columns(["status", "next_attempt_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("alert_delivery").execute();
  await db.schema.dropTable("moderation_alert").execute();
}
