import type { Kysely } from "kysely";
import { nameSkeleton } from "../../app/utils/confusables";

// Landed migrations are never edited: add a new numbered file instead.
//
// Names that differ only in spacing or punctuation (issue 28): "SamOkonedo", "Sam_Okonedo" and
// "Sam Okonedo." could join beside "Sam Okonedo". The skeleton (app/utils/confusables.ts) now leaves
// out everything that is not a letter, a mark or a digit, and this migration recomputes the stored
// user.name_skeleton the same way, as 0010-name-skeletons says a change of the skeleton must.
//
// Accounts that now clash keep their names, as in 0010: of each group the oldest account (lowest id)
// keeps the skeleton and every later one stores "<skeleton>#<id>" ("#" is never part of a skeleton), so
// nobody new can take either look and nobody already here is renamed.
//
// The unique index is dropped while the column is rewritten and made again after: rows are rewritten
// one at a time, and a new skeleton may equal the old skeleton of a row not reached yet ("Sam Okonedo"
// becomes "samokonedo", which "SamOkonedo" held before). The whole run is one transaction, so no one
// joins in between. There is no down: the skeletons before this one are not kept, and the ones written
// here are as unique as those were.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("user_name_skeleton_key").execute();
  const taken = new Set<string>();
  let after = 0;
  for (;;) {
    const batch: { id: number; display_name: string; name_skeleton: string }[] = await db
      .selectFrom("user")
      .select(["id", "display_name", "name_skeleton"])
      .where("id", ">", after)
      .orderBy("id")
      .limit(500)
      .execute();
    if (batch.length === 0) break;
    for (const account of batch) {
      const plain = nameSkeleton(account.display_name);
      const kept = taken.has(plain) ? `${plain}#${account.id}` : plain;
      taken.add(kept);
      if (kept !== account.name_skeleton) {
        await db.updateTable("user").set({ name_skeleton: kept }).where("id", "=", account.id).execute();
      }
    }
    after = batch[batch.length - 1]!.id;
  }
  // Named as PostgreSQL names a column's unique constraint, so isUniqueViolation recognises it.
  await db.schema.createIndex("user_name_skeleton_key").on("user").column("name_skeleton").unique().execute();
}

