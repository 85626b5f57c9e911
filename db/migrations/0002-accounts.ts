import type { Kysely } from "kysely";
import { notNullDefault, withId } from "./helpers";

// Landed migrations are never edited: add a new numbered file instead.
export async function up(db: Kysely<any>): Promise<void> {
  // Links sent by email (confirm an address, reset a password, change an address). Only the SHA-256 of
  // the token is kept; `email` is the address the link was sent to (the new one, for a change).
  await withId(db, db.schema.createTable("account_token"))
    .addColumn("token_hash", "text", (col) => col.notNull().unique())
    .addColumn("purpose", "text", (col) => col.notNull())
    .addColumn("user_id", "integer", (col) => col.notNull().references("user.id").onDelete("cascade"))
    .addColumn("email", "text", notNullDefault(""))
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("expires_at", "text", (col) => col.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("account_token_user_idx").on("account_token").columns(["user_id", "purpose"]).execute();

  // Abuse limits (sign-in, sign-up, password reset), one row per key such as "login:email:a@b.example"
  // or "login:ip:203.0.113.9". Kept in the database so limits hold across restarts and processes.
  await db.schema
    .createTable("throttle")
    .addColumn("key", "text", (col) => col.primaryKey())
    .addColumn("count", "integer", notNullDefault(0))
    .addColumn("window_started_at", "text", (col) => col.notNull())
    .addColumn("blocked_until", "text")
    .addColumn("updated_at", "text", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("throttle_updated_idx").on("throttle").column("updated_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("throttle").execute();
  await db.schema.dropTable("account_token").execute();
}
