import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../db/schema";
import { nowIso } from "../utils/time";
import { logModerationAction } from "./moderation-log.server";

/** The rules that hold comments for review, set by admins at /admin/moderation. */
export interface ModerationSettings {
  /** Hold the first N comments of an account until a moderator approves them (0: off). */
  newAccountHoldCount: number;
  /** Hold comments with at least N links (0: off). */
  linkHoldCount: number;
  suspectWords: string[];
  bannedWords: string[];
  /** The rule of the terms cited when a banned word refuses a comment. */
  bannedWordsRule: number;
  /** Hide a comment once this many different residents have reported it (0: off). */
  reportHideThreshold: number;
  premoderateAll: boolean;
}

export const DEFAULT_MODERATION_SETTINGS: ModerationSettings = {
  newAccountHoldCount: 1,
  linkHoldCount: 2,
  suspectWords: [],
  bannedWords: [],
  bannedWordsRule: 2,
  reportHideThreshold: 3,
  premoderateAll: false,
};

const KEY = "moderation_rules";

export const moderationSettingsSchema = z.object({
  newAccountHoldCount: z.number().int().min(0).max(100),
  linkHoldCount: z.number().int().min(0).max(100),
  suspectWords: z.array(z.string().max(200)).max(2000),
  bannedWords: z.array(z.string().max(200)).max(2000),
  bannedWordsRule: z.number().int().min(1).max(999),
  reportHideThreshold: z.number().int().min(0).max(100),
  premoderateAll: z.boolean(),
});

export async function getModerationSettings(db: Kysely<Database>): Promise<ModerationSettings> {
  const row = await db.selectFrom("setting").select("value").where("key", "=", KEY).executeTakeFirst();
  if (!row) return { ...DEFAULT_MODERATION_SETTINGS };
  const parsed = moderationSettingsSchema.partial().safeParse(JSON.parse(row.value));
  return { ...DEFAULT_MODERATION_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

/** Saves the rules and logs who changed them, in one transaction. */
export async function saveModerationSettings(
  db: Kysely<Database>,
  input: { settings: ModerationSettings; adminId: number },
): Promise<void> {
  const value = JSON.stringify(moderationSettingsSchema.parse(input.settings));
  const at = nowIso();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("setting")
      .values({ key: KEY, value, updated_at: at })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: at }))
      .execute();
    await logModerationAction(trx, { moderatorId: input.adminId, action: "update_moderation_rules", at });
  });
}
