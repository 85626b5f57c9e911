import type { Kysely } from "kysely";
import { withId } from "./helpers";

// Landed migrations are never edited: add a new numbered file instead.
//
// Appeals (issue 15, part 4). A resident may appeal a decision against them once: a comment not
// published or removed (the decision's row in the moderation log), or a sanction on their account.
// `subject_key` names the decision ("action:<id>" or "sanction:<id>") and is unique, so two appeals of
// one decision cannot both be stored, however they race. The appeal goes to a moderator other than the
// one who decided (`assigned_to`); `outcome` and `reason` are that moderator's answer.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("appeal"))
    .addColumn("subject_key", "text", (col) => col.notNull().unique())
    .addColumn("user_id", "integer", (col) => col.notNull().references("user.id").onDelete("cascade"))
    .addColumn("comment_id", "integer", (col) => col.references("comment.id").onDelete("cascade"))
    .addColumn("sanction_id", "integer", (col) => col.references("user_sanction.id").onDelete("cascade"))
    .addColumn("decided_by_id", "integer", (col) => col.references("user.id").onDelete("set null"))
    .addColumn("rule_number", "integer")
    .addColumn("body", "text", (col) => col.notNull())
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("assigned_to", "integer", (col) => col.references("user.id").onDelete("set null"))
    .addColumn("outcome", "text")
    .addColumn("reason", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("answered_at", "text")
    .addColumn("answered_by", "integer", (col) => col.references("user.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("appeal_user_idx").on("appeal").column("user_id").execute();
  await db.schema.createIndex("appeal_open_idx").on("appeal").columns(["answered_at", "assigned_to"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("appeal").execute();
}
