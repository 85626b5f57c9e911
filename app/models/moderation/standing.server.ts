import type { Kysely } from "kysely";
import type { Database, SanctionKind } from "../../../db/schema";
import { nowIso } from "../../utils/time";

/**
 * Where a resident stands: the sanctions in force on their account, each with the rule it cited and
 * when it ends, so that every place that refuses them can say until when, why, and how to appeal.
 */
export interface SanctionInForce {
  id: number;
  kind: SanctionKind;
  since: string;
  /** A suspension's end; null for a ban, a pre-moderation or a warning (until lifted or read). */
  until: string | null;
  ruleNumber: number | null;
  ruleTitle: string | null;
  note: string;
}

/** Sanctions not lifted, not ended and (for a warning) not yet read, strongest first. */
export async function listSanctionsInForce(db: Kysely<Database>, userId: number, now = nowIso()): Promise<SanctionInForce[]> {
  const rows = await db
    .selectFrom("user_sanction")
    .leftJoin("terms_rule", "terms_rule.number", "user_sanction.rule_number")
    .select([
      "user_sanction.id",
      "user_sanction.kind",
      "user_sanction.created_at",
      "user_sanction.ends_at",
      "user_sanction.acknowledged_at",
      "user_sanction.rule_number",
      "terms_rule.title",
      "user_sanction.note",
    ])
    .where("user_sanction.user_id", "=", userId)
    .where("user_sanction.lifted_at", "is", null)
    .orderBy("user_sanction.created_at", "desc")
    .execute();
  return rows
    .filter((row) => (row.ends_at === null || row.ends_at > now) && !(row.kind === "warn" && row.acknowledged_at !== null))
    .map((row) => ({
      id: row.id,
      kind: row.kind,
      since: row.created_at,
      until: row.ends_at,
      ruleNumber: row.rule_number,
      ruleTitle: row.title,
      note: row.note,
    }))
    .sort((a, b) => STRENGTH[b.kind] - STRENGTH[a.kind] || (b.until ?? "").localeCompare(a.until ?? ""));
}

const STRENGTH: Record<SanctionKind, number> = { ban: 3, suspend: 2, premoderate: 1, warn: 0 };

/**
 * What keeps the account from posting, liking and reporting: a ban, or else the suspension that ends
 * last (a short one never hides a longer one).
 */
export function postingRestriction(sanctions: SanctionInForce[]): SanctionInForce | null {
  return sanctions.find((s) => s.kind === "ban") ?? sanctions.find((s) => s.kind === "suspend") ?? null;
}

/** The restriction in force on this account, if any (asked only for accounts marked suspended or banned). */
export async function getPostingRestriction(db: Kysely<Database>, userId: number, now = nowIso()): Promise<SanctionInForce | null> {
  return postingRestriction(await listSanctionsInForce(db, userId, now));
}
