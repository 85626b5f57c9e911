import type { Kysely } from "kysely";

// Landed migrations are never edited: add a new numbered file instead.
//
// Staffed hours (issue 15, part 1). What a story does while no moderator is on duty: "carry_on"
// (comments appear as usual), "hold" (new comments wait for review) or "pause" (no new top-level
// comments; replies go on). The hours themselves live in the moderation rules setting.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("article").addColumn("after_hours", "text", (col) => col.notNull().defaultTo("carry_on")).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("article").dropColumn("after_hours").execute();
}
