import type { Kysely } from "kysely";

// Landed migrations are never edited: add a new numbered file instead.
//
// Two moderators at once (issue 29, part 2).
//
// Who is looking at which comment in the moderation queue (issue 29, part 2): a moderator who opens a
// comment's page, or presses Claim on it in the queue, leaves a row here, and other moderators' queues
// say "Being looked at by ..." for a few minutes after. One row per (comment, moderator), moved forward
// on each visit; rows an hour old are cleared as new ones are written. No trigger: presence is not
// content, and it must not tell any page or queue that something changed.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("moderation_claim")
    .addColumn("comment_id", "integer", (col) => col.notNull().references("comment.id").onDelete("cascade"))
    .addColumn("moderator_id", "integer", (col) => col.notNull().references("user.id").onDelete("cascade"))
    .addColumn("opened_at", "text")
    .addColumn("claimed_at", "text")
    .addColumn("seen_at", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("moderation_claim_pk", ["comment_id", "moderator_id"])
    .execute();
  await db.schema.createIndex("moderation_claim_seen_at").on("moderation_claim").column("seen_at").execute();

  // What a decision about a comment found (its status, held reason, rule, note, featured and status
  // times, as JSON), so that its moderator can undo it for a few minutes. Null on older entries and on
  // actions that are not undone this way.
  await db.schema.alterTable("moderation_action").addColumn("previous_state", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("moderation_action").dropColumn("previous_state").execute();
  await db.schema.dropTable("moderation_claim").execute();
}
