import type { Kysely } from "kysely";

// Landed migrations are never edited: add a new numbered file instead.
//
// The network addresses each account has signed in from successfully, kept as a hash of the account
// and the address (never the address itself). During a lock-out a right password from one of them is
// let through; from any other the owner is mailed a one-time sign-in link instead.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("sign_in_address")
    .addColumn("user_id", "integer", (col) => col.notNull().references("user.id").onDelete("cascade"))
    .addColumn("address_hash", "text", (col) => col.notNull())
    .addColumn("first_at", "text", (col) => col.notNull())
    .addColumn("last_at", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("sign_in_address_pk", ["user_id", "address_hash"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("sign_in_address").execute();
}
