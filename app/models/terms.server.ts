import type { Kysely } from "kysely";
import { lockForTransaction } from "../../db/database";
import type { Database, TermsRule } from "../../db/schema";
import { nowIso } from "../utils/time";
import { logModerationAction } from "./moderation/audit.server";

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

export const TERMS_VERSION_KEY = "terms_version";

/**
 * An admin's edit of the terms of posting: the new list replaces the old, the terms version goes up by
 * one (people who join from now on accept the new version), and the audit row is written, all in one
 * transaction.
 */
export async function saveTermsRules(
  db: Kysely<Database>,
  input: { rules: { number: number; title: string; body: string }[]; adminId: number; now?: string },
): Promise<number> {
  const at = input.now ?? nowIso();
  return db.transaction().execute(async (trx) => {
    // Two saves at once: each replaces the rules and gets its own version number, one after the other.
    await lockForTransaction(trx, TERMS_VERSION_KEY);
    await trx.deleteFrom("terms_rule").execute();
    if (input.rules.length) await trx.insertInto("terms_rule").values(input.rules).execute();
    const row = await trx.selectFrom("setting").select("value").where("key", "=", TERMS_VERSION_KEY).executeTakeFirst();
    const current: unknown = row ? JSON.parse(row.value) : 1;
    const version = (typeof current === "number" && Number.isInteger(current) && current > 0 ? current : 1) + 1;
    await trx
      .insertInto("setting")
      .values({ key: TERMS_VERSION_KEY, value: JSON.stringify(version), updated_at: at })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: JSON.stringify(version), updated_at: at }))
      .execute();
    await logModerationAction(trx, {
      moderatorId: input.adminId,
      action: "update_terms",
      note: `Terms of posting version ${version}: ${input.rules.length} rule${input.rules.length === 1 ? "" : "s"}`,
      at,
    });
    return version;
  });
}
