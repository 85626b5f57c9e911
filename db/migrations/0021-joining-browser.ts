import type { Kysely } from "kysely";

// Landed migrations are never edited: add a new numbered file instead.
//
// Joining keeps the story (issue 29, part 6). A confirmation link remembers where its new resident
// came from (`return_to`, a path on this site) and which browser joined (`browser_hash`, SHA-256 of a
// random value kept in that browser's cookie, never the value itself): followed in that browser, the
// link signs the resident in and takes them back; anywhere else it confirms the address and the sign-in
// that follows takes them back.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("account_token").addColumn("browser_hash", "text").execute();
  await db.schema.alterTable("account_token").addColumn("return_to", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("account_token").dropColumn("return_to").execute();
  await db.schema.alterTable("account_token").dropColumn("browser_hash").execute();
}
