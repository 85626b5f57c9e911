import type { Kysely } from "kysely";
import { nameSkeleton } from "../../app/utils/confusables";

// Landed migrations are never edited: add a new numbered file instead.
//
// Look-alike names (issue 13): user.name_skeleton is the display name's confusable skeleton
// (UTS #39, app/utils/confusables.ts), unique like display_name_key, so "Sam Okоnedo" with a
// Cyrillic о cannot join beside "Sam Okonedo" and of two look-alike names taken at once one wins.
//
// Unlike the other migrations this one imports app code: a stored skeleton is only useful if it is
// exactly what the running code computes. When the skeleton changes (a new confusables.txt), a new
// migration recomputes the column the same way.
//
// Accounts that already look alike keep their names: the oldest keeps the skeleton, each later one
// stores it with "#<id>" after it (no name can make a "#"), so nobody new can take either look.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("user").addColumn("name_skeleton", "text", (col) => col.notNull().defaultTo("")).execute();
  const seen = new Set<string>();
  for (let after = 0; ; ) {
    const rows: { id: number; display_name: string }[] = await db
      .selectFrom("user")
      .select(["id", "display_name"])
      .where("id", ">", after)
      .orderBy("id")
      .limit(500)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      let skeleton = nameSkeleton(row.display_name);
      if (seen.has(skeleton)) skeleton = `${skeleton}#${row.id}`;
      seen.add(skeleton);
      await db.updateTable("user").set({ name_skeleton: skeleton }).where("id", "=", row.id).execute();
    }
    after = rows[rows.length - 1]!.id;
  }
  // Named as PostgreSQL names a column's unique constraint, so isUniqueViolation recognises it.
  await db.schema.createIndex("user_name_skeleton_key").on("user").column("name_skeleton").unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("user_name_skeleton_key").execute();
  await db.schema.alterTable("user").dropColumn("name_skeleton").execute();
}
