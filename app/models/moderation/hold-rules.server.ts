import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../../db/schema";
import { nowIso } from "../../utils/time";
import { logModerationAction } from "./audit.server";
import { WORD_LIST_ENTRIES_MAX, WORD_LIST_ENTRY_MAX } from "./word-list";
import { preparedQuery } from "../../../db/prepared-query";
import {
  DATE_PATTERN,
  DEFAULT_STAFFED_HOURS,
  describeDutyChange,
  dutyAt,
  TIME_PATTERN,
  WEEKDAYS,
  type AfterHoursMode,
  type StaffedHours,
  type Weekday,
} from "../../utils/staffed-hours";

export interface AlertSettings {
  /** Alert when this many comments wait in the queue (0: never). */
  queueSize: number;
  /** Alert when a story gets this many comments within an hour (0: never). */
  heatPerHour: number;
  /** Where alerts are posted as signed JSON ("" : no webhook). */
  webhookUrl: string;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = { queueSize: 10, heatPerHour: 30, webhookUrl: "" };

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
  /** How many days a resident has to appeal a decision against them (appeal.server.ts). */
  appealDays: number;
  /** When a moderator is on duty (utils/staffed-hours.ts); outside them each story's after-hours setting applies. */
  staffedHours: StaffedHours;
  /** When moderators are alerted, and the webhook (alert.server.ts, /admin/alerts). */
  alerts: AlertSettings;
  /** Two accounts replying to each other this many times within so many minutes are slowed (brakes.server.ts; 0: off). */
  pairReplies: number;
  pairMinutes: number;
}

export const DEFAULT_MODERATION_SETTINGS: ModerationSettings = {
  newAccountHoldCount: 1,
  linkHoldCount: 2,
  suspectWords: [],
  bannedWords: [],
  bannedWordsRule: 2,
  reportHideThreshold: 3,
  premoderateAll: false,
  appealDays: 14,
  staffedHours: DEFAULT_STAFFED_HOURS,
  alerts: DEFAULT_ALERT_SETTINGS,
  pairReplies: 4,
  pairMinutes: 20,
};

const dutySpanSchema = z
  .object({ from: z.string().regex(TIME_PATTERN), to: z.string().regex(TIME_PATTERN) })
  .refine((span) => span.from < span.to, "A shift ends after it starts.")
  .nullable();

export const staffedHoursSchema = z.object({
  enabled: z.boolean(),
  days: z.object(Object.fromEntries(WEEKDAYS.map((day) => [day, dutySpanSchema])) as Record<Weekday, typeof dutySpanSchema>),
  datesOff: z.array(z.string().regex(DATE_PATTERN)).max(366),
});

const KEY = "moderation_rules";

export const moderationSettingsSchema = z.object({
  newAccountHoldCount: z.number().int().min(0).max(100),
  linkHoldCount: z.number().int().min(0).max(100),
  suspectWords: z.array(z.string().max(WORD_LIST_ENTRY_MAX)).max(WORD_LIST_ENTRIES_MAX),
  bannedWords: z.array(z.string().max(WORD_LIST_ENTRY_MAX)).max(WORD_LIST_ENTRIES_MAX),
  bannedWordsRule: z.number().int().min(1).max(999),
  reportHideThreshold: z.number().int().min(0).max(100),
  premoderateAll: z.boolean(),
  appealDays: z.number().int().min(1).max(90),
  staffedHours: staffedHoursSchema,
  alerts: z.object({
    queueSize: z.number().int().min(0).max(10_000),
    heatPerHour: z.number().int().min(0).max(10_000),
    webhookUrl: z.union([z.literal(""), z.url({ protocol: /^https?$/ }).max(500)]),
  }),
  pairReplies: z.number().int().min(0).max(100),
  pairMinutes: z.number().int().min(1).max(1440),
});

const storedSettingsSchema = moderationSettingsSchema.partial();

/** The stored rules, as a subquery: a caller can read them in the same statement as its own rows. */
export function selectStoredModerationRules(db: Kysely<Database>) {
  return db.selectFrom("setting").select("setting.value").where("setting.key", "=", KEY);
}

let lastRead: { value: string | null; settings: ModerationSettings } | undefined;

/**
 * The rules from their stored JSON (null: never saved). Every post reads the stored value; parsing it
 * again only when it differs from the last one keeps a long word list from being parsed on every post,
 * while a change takes effect on the very next read, from this process or any other. The answer is
 * shared between callers, so it is frozen.
 */
export function moderationSettingsFromStored(value: string | null | undefined): ModerationSettings {
  const stored = value ?? null;
  if (!lastRead || lastRead.value !== stored) lastRead = { value: stored, settings: parseStoredSettings(stored) };
  return lastRead.settings;
}

function parseStoredSettings(value: string | null): ModerationSettings {
  const parsed = value === null ? undefined : storedSettingsSchema.safeParse(JSON.parse(value));
  const settings = { ...DEFAULT_MODERATION_SETTINGS, ...(parsed?.success ? parsed.data : {}) };
  return Object.freeze({
    ...settings,
    suspectWords: Object.freeze([...settings.suspectWords]) as string[],
    bannedWords: Object.freeze([...settings.bannedWords]) as string[],
  });
}

export async function getModerationSettings(db: Kysely<Database>): Promise<ModerationSettings> {
  const row = await selectStoredModerationRules(db).executeTakeFirst();
  const settings = moderationSettingsFromStored(row?.value);
  return { ...settings, suspectWords: [...settings.suspectWords], bannedWords: [...settings.bannedWords] };
}

/**
 * Saves the rules (those given; the others stay as stored) and logs who changed them, in one
 * transaction. The admins' pages each save their own part: the hold rules, the staffed hours.
 */
export async function saveModerationSettings(
  db: Kysely<Database>,
  input: {
    settings: Partial<ModerationSettings>;
    adminId: number;
    action?: "update_moderation_rules" | "update_staffed_hours" | "update_alerts";
    note?: string;
  },
): Promise<void> {
  const at = nowIso();
  await db.transaction().execute(async (trx) => {
    const stored = await selectStoredModerationRules(trx).executeTakeFirst();
    const value = JSON.stringify(moderationSettingsSchema.parse({ ...parseStoredSettings(stored?.value ?? null), ...input.settings }));
    await trx
      .insertInto("setting")
      .values({ key: KEY, value, updated_at: at })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: at }))
      .execute();
    await logModerationAction(trx, { moderatorId: input.adminId, action: input.action ?? "update_moderation_rules", note: input.note, at });
  });
}

/** What a resident is told before posting: whether their next comment will wait, and why (null: it will not). */
export function holdNotice(
  settings: Pick<ModerationSettings, "premoderateAll" | "newAccountHoldCount"> & Partial<Pick<ModerationSettings, "staffedHours">>,
  facts: {
    storyPremoderated: boolean;
    accountPremoderated: boolean;
    trusted: boolean;
    approvedComments: number;
    storyAfterHours?: AfterHoursMode;
    now?: Date;
  },
): string | null {
  // The same order as the screening itself (screenNewComment): the first rule that holds is the one said.
  if (settings.premoderateAll) return "At the moment a moderator reads every comment before it appears.";
  if (facts.storyPremoderated) return "Comments on this story wait for a moderator before they appear.";
  if (facts.storyAfterHours === "hold" && settings.staffedHours) {
    const now = facts.now ?? new Date();
    const duty = dutyAt(settings.staffedHours, now);
    if (!duty.onDuty) {
      return `No moderator is on duty${duty.nextChange ? ` until ${describeDutyChange(duty.nextChange)}` : " at the moment"}: until then, each comment on this story waits for review before it appears.`;
    }
  }
  if (facts.accountPremoderated) return "A moderator checks your comments before they appear.";
  const needed = settings.newAccountHoldCount;
  if (!facts.trusted && needed > 0 && facts.approvedComments < needed) {
    const approved = needed === 1 ? "your first comment" : `${needed} of your comments (${facts.approvedComments} so far)`;
    return `Until a moderator has approved ${approved}, each comment you post waits for review before it appears.`;
  }
  return null;
}

/** The most approved comments the new-account rule can ask for, plus one: counting stops there. */
const APPROVED_COUNT_CAP = 101;

/** Asked for every story page a resident opens (their layer): one statement, built once. */
const selectHoldFacts = preparedQuery((db, values: { userId: number; articleId: number }) =>
  db
    .selectFrom("user")
    .select((eb) => [
      "user.premoderate",
      "user.trusted",
      eb.selectFrom("article").select("article.premoderate").where("article.id", "=", values.articleId).as("story_premoderate"),
      eb.selectFrom("article").select("article.after_hours").where("article.id", "=", values.articleId).as("story_after_hours"),
      selectStoredModerationRules(db).as("rules"),
      eb
        .selectFrom(
          db
            .selectFrom("comment")
            .select("comment.id")
            .where("comment.author_id", "=", values.userId)
            .where("comment.status", "=", "visible")
            .limit(APPROVED_COUNT_CAP)
            .as("approved"),
        )
        .select((inner) => inner.fn.countAll<number>().as("n"))
        .as("approved_comments"),
    ])
    .where("user.id", "=", values.userId),
);

/** Whether a resident's next comment on this story will wait for a moderator, in words for them. */
export async function loadHoldNotice(db: Kysely<Database>, input: { userId: number; articleId: number }): Promise<string | null> {
  const [row] = await selectHoldFacts(db, input);
  if (!row) return null;
  return holdNotice(moderationSettingsFromStored(row.rules), {
    storyPremoderated: Number(row.story_premoderate) === 1,
    accountPremoderated: Number(row.premoderate) === 1,
    trusted: Number(row.trusted) === 1,
    approvedComments: Number(row.approved_comments ?? 0),
    storyAfterHours: (row.story_after_hours ?? "carry_on") as AfterHoursMode,
  });
}
