import type { Kysely } from "kysely";

// Landed migrations are never edited: add a new numbered file instead.
//
// Slow mode (issue 15, part 3): while a story's `slow_mode_minutes` is above 0, each resident may post
// one comment there every so many minutes. Switched on and off by moderators, logged.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("article").addColumn("slow_mode_minutes", "integer", (col) => col.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("article").dropColumn("slow_mode_minutes").execute();
}
