import type { Kysely } from "kysely";
import { preparedQuery } from "../../../db/prepared-query";
import type { Database, Role, SanctionKind, UserStatus } from "../../../db/schema";
import { addDays, formatDateTime, nowIso } from "../../utils/time";
import { logModerationAction } from "./audit.server";
import { tellModerationNotice } from "./notice.server";
import { ModerationError } from "./decision.server";

interface Moderator {
  id: number;
  role: Role;
}

const ACTION_FOR: Record<SanctionKind, "warn_user" | "premoderate_user" | "suspend_user" | "ban_user"> = {
  warn: "warn_user",
  premoderate: "premoderate_user",
  suspend: "suspend_user",
  ban: "ban_user",
};

const DESCRIBE: Record<SanctionKind, (days: number | null, endsAt: string | null) => string> = {
  warn: () => "A moderator has sent you a warning. Read it and confirm it above the comment box of any story before you post again",
  premoderate: () => "From now on a moderator will check your comments before they appear",
  suspend: (days, endsAt) =>
    `Your account is suspended from posting, liking and reporting for ${days} day${days === 1 ? "" : "s"}${endsAt ? `, until ${formatDateTime(endsAt)}` : ""}`,
  ban: () => "Your account has been banned from posting, liking and reporting",
};

async function loadTarget(trx: Kysely<Database>, userId: number, moderator: Moderator) {
  const user = await trx.selectFrom("user").select(["id", "role", "status"]).where("id", "=", userId).executeTakeFirst();
  if (!user || user.status === "deleted") throw new ModerationError("That account no longer exists.");
  if (user.id === moderator.id) throw new ModerationError("You cannot moderate your own account.");
  if (user.role === "admin" || (user.role === "moderator" && moderator.role !== "admin")) {
    throw new ModerationError("Only an admin can act on a moderator's or an admin's account.");
  }
  return user;
}

/**
 * Warns, pre-moderates, suspends or bans an account, citing a rule, with the audit row and the
 * resident's notification in the same transaction.
 */
export async function sanctionUser(
  db: Kysely<Database>,
  input: { moderator: Moderator; userId: number; kind: SanctionKind; ruleNumber: number; note: string; days?: number | null; now?: string },
): Promise<number> {
  const at = input.now ?? nowIso();
  if (input.kind === "suspend" && !(input.days && input.days >= 1 && input.days <= 365)) {
    throw new ModerationError("A suspension lasts from 1 to 365 days.");
  }
  return db.transaction().execute(async (trx) => {
    await loadTarget(trx, input.userId, input.moderator);
    const rule = await trx.selectFrom("terms_rule").select(["number", "title"]).where("number", "=", input.ruleNumber).executeTakeFirst();
    if (!rule) throw new ModerationError("Choose the rule of the terms of posting that was broken.");
    const endsAt = input.kind === "suspend" ? addDays(at, input.days!) : null;
    const sanction = await trx
      .insertInto("user_sanction")
      .values({
        user_id: input.userId,
        kind: input.kind,
        rule_number: rule.number,
        note: input.note.trim(),
        created_by: input.moderator.id,
        created_at: at,
        ends_at: endsAt,
        acknowledged_at: null,
        lifted_at: null,
        lifted_by: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // The account's state follows every sanction in force: a short suspension never cuts a longer one short.
    await applyRemainingSanctions(trx, input.userId, at);
    await logModerationAction(trx, {
      moderatorId: input.moderator.id,
      action: ACTION_FOR[input.kind],
      userId: input.userId,
      ruleNumber: rule.number,
      note: input.note.trim(),
      at,
    });
    await tellModerationNotice(trx, {
      userId: input.userId,
      commentId: null,
      ruleNumber: rule.number,
      body: `${DESCRIBE[input.kind](input.days ?? null, endsAt)}: rule ${rule.number}, ${rule.title}.${input.note.trim() ? ` Note from the moderator: ${input.note.trim()}` : ""}`,
      at,
    });
    return sanction.id;
  });
}

/** Lifts a sanction; the account's state follows whatever sanctions remain in force. */
export async function liftSanction(
  db: Kysely<Database>,
  input: { moderator: Moderator; sanctionId: number; now?: string },
): Promise<void> {
  await db.transaction().execute((trx) => liftSanctionIn(trx, input));
}

/** Lifts a sanction inside a caller's transaction; `tellAuthor: false` leaves telling the resident to the caller. */
export async function liftSanctionIn(
  trx: Kysely<Database>,
  input: { moderator: Moderator; sanctionId: number; now?: string; tellAuthor?: boolean },
): Promise<void> {
  const at = input.now ?? nowIso();
  {
    const sanction = await trx.selectFrom("user_sanction").selectAll().where("id", "=", input.sanctionId).executeTakeFirst();
    if (!sanction || sanction.lifted_at) throw new ModerationError("That sanction is not in force.");
    await loadTarget(trx, sanction.user_id, input.moderator);
    await trx.updateTable("user_sanction").set({ lifted_at: at, lifted_by: input.moderator.id }).where("id", "=", sanction.id).execute();
    await applyRemainingSanctions(trx, sanction.user_id, at);
    await logModerationAction(trx, {
      moderatorId: input.moderator.id,
      action: "lift_sanction",
      userId: sanction.user_id,
      ruleNumber: sanction.rule_number,
      note: `Lifted: ${sanction.kind}`,
      at,
    });
    if (input.tellAuthor !== false) {
      await tellModerationNotice(trx, {
        userId: sanction.user_id,
        commentId: null,
        ruleNumber: null,
        body: `A moderator lifted the ${SANCTION_NAMES[sanction.kind]} on your account.`,
        at,
      });
    }
  }
}

/** What each sanction is called in a sentence: "the suspension on your account". */
export const SANCTION_NAMES: Record<SanctionKind, string> = { warn: "warning", premoderate: "pre-moderation", suspend: "suspension", ban: "ban" };

async function applyRemainingSanctions(trx: Kysely<Database>, userId: number, at: string) {
  const active = await trx
    .selectFrom("user_sanction")
    .select(["kind", "ends_at"])
    .where("user_id", "=", userId)
    .where("lifted_at", "is", null)
    .execute();
  const inForce = active.filter((s) => !s.ends_at || s.ends_at > at);
  const suspension = inForce.filter((s) => s.kind === "suspend").sort((a, b) => (b.ends_at ?? "").localeCompare(a.ends_at ?? ""))[0];
  const status: UserStatus = inForce.some((s) => s.kind === "ban") ? "banned" : suspension ? "suspended" : "active";
  await trx
    .updateTable("user")
    .set({
      status,
      status_until: status === "suspended" ? (suspension?.ends_at ?? null) : null,
      premoderate: inForce.some((s) => s.kind === "premoderate") ? 1 : 0,
      updated_at: at,
    })
    .where("id", "=", userId)
    .where("status", "!=", "deleted")
    .execute();
}

export interface PendingWarning {
  id: number;
  ruleNumber: number | null;
  ruleTitle: string | null;
  note: string;
  createdAt: string;
}

/**
 * Warnings the resident has not yet acknowledged: they must read them before posting again. A query to
 * select from, so that posting can ask whether there is one in the same statement as its other reads.
 */
export function selectPendingWarnings(db: Kysely<Database>, userId: number) {
  return db
    .selectFrom("user_sanction")
    .where("user_sanction.user_id", "=", userId)
    .where("user_sanction.kind", "=", "warn")
    .where("user_sanction.acknowledged_at", "is", null)
    .where("user_sanction.lifted_at", "is", null);
}

/** The oldest warning the resident has not yet acknowledged, to show above the comment form. */
/** Asked for every story page a signed-in reader opens (their layer): built once, the id filled in. */
const selectOldestPendingWarning = preparedQuery((db, values: { userId: number }) =>
  selectPendingWarnings(db, values.userId)
    .leftJoin("terms_rule", "terms_rule.number", "user_sanction.rule_number")
    .select(["user_sanction.id", "user_sanction.rule_number", "terms_rule.title", "user_sanction.note", "user_sanction.created_at"])
    .orderBy("user_sanction.created_at")
    .limit(1),
);

export async function getPendingWarning(db: Kysely<Database>, userId: number): Promise<PendingWarning | null> {
  const [row] = await selectOldestPendingWarning(db, { userId });
  if (!row) return null;
  return { id: row.id, ruleNumber: row.rule_number, ruleTitle: row.title, note: row.note, createdAt: row.created_at };
}

export async function acknowledgeWarning(db: Kysely<Database>, input: { userId: number; sanctionId: number; now?: string }): Promise<boolean> {
  const result = await db
    .updateTable("user_sanction")
    .set({ acknowledged_at: input.now ?? nowIso() })
    .where("id", "=", input.sanctionId)
    .where("user_id", "=", input.userId)
    .where("kind", "=", "warn")
    .where("acknowledged_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Trusted residents skip the new-account hold. */
export async function setUserTrusted(
  db: Kysely<Database>,
  input: { moderator: Moderator; userId: number; trusted: boolean; now?: string },
): Promise<void> {
  const at = input.now ?? nowIso();
  await db.transaction().execute(async (trx) => {
    await loadTarget(trx, input.userId, input.moderator);
    await trx.updateTable("user").set({ trusted: input.trusted ? 1 : 0, updated_at: at }).where("id", "=", input.userId).execute();
    await logModerationAction(trx, { moderatorId: input.moderator.id, action: input.trusted ? "trust_user" : "untrust_user", userId: input.userId, at });
  });
}

/** A moderator's private note about an account (never shown to the resident). */
export async function addUserNote(
  db: Kysely<Database>,
  input: { moderator: Moderator; userId: number; body: string; now?: string },
): Promise<void> {
  const body = input.body.trim();
  if (!body) throw new ModerationError("Write the note before saving it.");
  const at = input.now ?? nowIso();
  await db.transaction().execute(async (trx) => {
    // The same accounts a sanction may name: never one's own, a moderator's only by an admin, no admin's.
    await loadTarget(trx, input.userId, input.moderator);
    await trx.insertInto("user_note").values({ user_id: input.userId, author_id: input.moderator.id, body, created_at: at }).execute();
    await logModerationAction(trx, { moderatorId: input.moderator.id, action: "note_user", userId: input.userId, at });
  });
}
