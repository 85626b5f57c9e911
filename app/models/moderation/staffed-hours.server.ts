import type { Kysely } from "kysely";
import type { Database, Role } from "../../../db/schema";
import { afterHoursNotice, AFTER_HOURS_LABELS, dutyAt, describeDutyChange, type AfterHoursMode, type DutyState } from "../../utils/staffed-hours";
import { nowIso } from "../../utils/time";
import { logModerationAction } from "./audit.server";
import { ModerationError } from "./decision.server";
import { getModerationSettings, moderationSettingsFromStored, selectStoredModerationRules } from "./hold-rules.server";

/**
 * Staffed hours on the server (issue 15, part 1): what a story's page says while nobody is on duty,
 * each story's after-hours setting, and the log of every switch between on and off duty.
 */

/**
 * What the story's readers are told above its comments: while no moderator is on duty, what applies
 * and until when; while slow mode is on, how often each may post. Empty when neither.
 */
export async function loadStoryDiscussionNotices(db: Kysely<Database>, articleId: number, now = new Date()): Promise<string[]> {
  const row = await db
    .selectFrom("article")
    .select(["article.after_hours", "article.slow_mode_minutes", selectStoredModerationRules(db).as("rules")])
    .where("article.id", "=", articleId)
    .executeTakeFirst();
  if (!row) return [];
  const settings = moderationSettingsFromStored(row.rules);
  const notices: string[] = [];
  const duty = afterHoursNotice(row.after_hours, dutyAt(settings.staffedHours, now));
  if (duty) notices.push(duty);
  const slow = Number(row.slow_mode_minutes);
  if (slow > 0) notices.push(`Slow mode is on: each of us can post one comment here every ${slow} minutes, so that everyone can be heard.`);
  return notices;
}

/** Sets what one story does while no moderator is on duty, logged. */
export async function setStoryAfterHours(
  db: Kysely<Database>,
  input: { moderator: { id: number; role: Role }; articleId: number; mode: AfterHoursMode; now?: string },
): Promise<void> {
  const at = input.now ?? nowIso();
  await db.transaction().execute(async (trx) => {
    const story = await trx.selectFrom("article").select(["id", "after_hours"]).where("id", "=", input.articleId).executeTakeFirst();
    if (!story) throw new ModerationError("That story no longer exists.");
    if (story.after_hours === input.mode) return;
    await trx.updateTable("article").set({ after_hours: input.mode, updated_at: at }).where("id", "=", story.id).execute();
    await logModerationAction(trx, {
      moderatorId: input.moderator.id,
      action: "set_after_hours",
      articleId: story.id,
      note: `${AFTER_HOURS_LABELS[story.after_hours]} → ${AFTER_HOURS_LABELS[input.mode]}`,
      at,
    });
  });
}

const DUTY_STATE_KEY = "duty_state";

/**
 * Logs the switch between on and off duty once, whichever app server sees it first: the last state
 * logged is kept in a setting, moved by a conditional update (two servers at a boundary: one moves it,
 * the other finds it moved). Moving the setting also moves the site's content version, so every cached
 * page that says who is on duty is rendered again. Returns the state now, for when to look next.
 */
export async function recordDutySwitch(db: Kysely<Database>, now = new Date()): Promise<DutyState> {
  const settings = await getModerationSettings(db);
  const duty = dutyAt(settings.staffedHours, now);
  const at = now.toISOString();
  const state = JSON.stringify({ onDuty: duty.onDuty, enabled: settings.staffedHours.enabled });
  const stored = await db.selectFrom("setting").select("value").where("key", "=", DUTY_STATE_KEY).executeTakeFirst();
  if (stored?.value === state) return duty;
  // Never kept, never switched on: nothing to record (and no write to move every page's version).
  if (!stored && !settings.staffedHours.enabled) return duty;
  await db.transaction().execute(async (trx) => {
    const moved = stored
      ? await trx
          .updateTable("setting")
          .set({ value: state, updated_at: at })
          .where("key", "=", DUTY_STATE_KEY)
          .where("value", "=", stored.value)
          .executeTakeFirst()
      : await trx
          .insertInto("setting")
          .values({ key: DUTY_STATE_KEY, value: state, updated_at: at })
          .onConflict((oc) => oc.column("key").doNothing())
          .executeTakeFirst();
    const changed = "numUpdatedRows" in moved ? Number(moved.numUpdatedRows) : Number(moved.numInsertedOrUpdatedRows ?? 0);
    // Another server logged this switch a moment ago; and the first state ever kept is not a switch.
    if (changed !== 1 || !stored) return;
    if (!settings.staffedHours.enabled) return; // staffed hours switched off: the admins' change is logged already
    await logModerationAction(trx, {
      moderatorId: null,
      action: duty.onDuty ? "duty_started" : "duty_ended",
      note: duty.nextChange
        ? `${duty.onDuty ? "On duty until" : "Nobody on duty until"} ${describeDutyChange(duty.nextChange)}`
        : duty.onDuty
          ? "On duty"
          : "Nobody on duty in the next fortnight",
      at,
    });
  });
  return duty;
}
