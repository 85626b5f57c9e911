import type { Kysely } from "kysely";
import type { Database, TermsRule } from "../../db/schema";

export async function listTermsRules(db: Kysely<Database>): Promise<TermsRule[]> {
  return db.selectFrom("terms_rule").selectAll().orderBy("number").execute();
}

export async function replaceTermsRules(
  db: Kysely<Database>,
  rules: { number: number; title: string; body: string }[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("terms_rule").execute();
    if (rules.length) await trx.insertInto("terms_rule").values(rules).execute();
  });
}
