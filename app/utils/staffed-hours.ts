import { DateTime } from "luxon";
import { SITE_TIME_ZONE } from "./time";

/**
 * Staffed hours (issue 15, part 1): when a moderator is on duty, per weekday in the site's time zone,
 * with whole dates off. Outside them each story follows its own after-hours setting. Pure: the same
 * answer for the same schedule and instant on every server, across the change to and from summer time
 * (luxon does the zone arithmetic; see ADR 24).
 */

export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** "09:00" to "17:30", local times; `to` may be "24:00" for the end of the day. */
export interface DutySpan {
  from: string;
  to: string;
}

export interface StaffedHours {
  /** Off: no staffed hours are kept, and moderators count as always on duty (nothing changes at night). */
  enabled: boolean;
  days: Record<Weekday, DutySpan | null>;
  /** Whole local dates without anyone on duty, "2026-12-25". */
  datesOff: string[];
}

export const DEFAULT_STAFFED_HOURS: StaffedHours = {
  enabled: false,
  days: {
    monday: { from: "09:00", to: "17:30" },
    tuesday: { from: "09:00", to: "17:30" },
    wednesday: { from: "09:00", to: "17:30" },
    thursday: { from: "09:00", to: "17:30" },
    friday: { from: "09:00", to: "17:30" },
    saturday: null,
    sunday: null,
  },
  datesOff: [],
};

export const AFTER_HOURS_MODES = ["carry_on", "hold", "pause"] as const;
export type AfterHoursMode = (typeof AFTER_HOURS_MODES)[number];

export const AFTER_HOURS_LABELS: Record<AfterHoursMode, string> = {
  carry_on: "Carry on: comments appear as usual",
  hold: "Hold new comments for review",
  pause: "Pause new top-level comments (replies go on)",
};

export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export interface DutyState {
  onDuty: boolean;
  /** When it next changes (UTC ISO), or null when it never will within the next fortnight. */
  nextChange: string | null;
}

/** The duty spans of one local date, as UTC instants (none on a date off). */
function spansOn(hours: StaffedHours, date: DateTime): { start: number; end: number }[] {
  const local = date.setZone(SITE_TIME_ZONE);
  if (hours.datesOff.includes(local.toISODate() ?? "")) return [];
  const span = hours.days[WEEKDAYS[local.weekday - 1]!];
  if (!span) return [];
  const at = (time: string) => {
    const [h, m] = time.split(":").map(Number) as [number, number];
    // "24:00" is the next day's midnight; a local time skipped by the change to summer time is taken
    // as the moment after the gap (luxon moves it forward).
    return (h === 24 ? local.plus({ days: 1 }).startOf("day") : local.set({ hour: h, minute: m, second: 0, millisecond: 0 })).toMillis();
  };
  const start = at(span.from);
  const end = at(span.to);
  return end > start ? [{ start, end }] : [];
}

/** Whether a moderator is on duty at this instant, and when that next changes. */
export function dutyAt(hours: StaffedHours, instant: Date): DutyState {
  if (!hours.enabled) return { onDuty: true, nextChange: null };
  const now = instant.getTime();
  const today = DateTime.fromMillis(now, { zone: SITE_TIME_ZONE }).startOf("day");
  const spans: { start: number; end: number }[] = [];
  for (let day = -1; day <= 14; day += 1) spans.push(...spansOn(hours, today.plus({ days: day })));
  const current = spans.find((s) => s.start <= now && now < s.end);
  if (current) {
    // Spans that meet (Monday to 24:00, Tuesday from 00:00) are one stretch on duty.
    let end = current.end;
    for (const s of spans) if (s.start === end) end = s.end;
    return { onDuty: true, nextChange: new Date(end).toISOString() };
  }
  const next = spans.filter((s) => s.start > now).sort((a, b) => a.start - b.start)[0];
  return { onDuty: false, nextChange: next ? new Date(next.start).toISOString() : null };
}

/**
 * "9:00am on Monday 8 December" in the site's time zone: when comments will next be reviewed. Never
 * "tomorrow": the story page saying it is shared and kept until the next switch, past midnight.
 */
export function describeDutyChange(iso: string): string {
  const at = DateTime.fromISO(iso, { zone: SITE_TIME_ZONE });
  return `${at.toFormat("h:mma").toLowerCase()} on ${at.toFormat("cccc d LLLL")}`;
}

/**
 * What a story's readers are told while nobody is on duty (null while someone is): what applies to new
 * comments, and when they will next be reviewed.
 */
export function afterHoursNotice(mode: AfterHoursMode, duty: DutyState): string | null {
  if (duty.onDuty) return null;
  const until = duty.nextChange ? describeDutyChange(duty.nextChange) : null;
  const back = until ? `Our moderators are back at ${until}` : "No moderator is on duty at the moment";
  if (mode === "hold") return `${back}. Until then, new comments on this story wait for review before they appear.`;
  if (mode === "pause") return `${back}. Until then, new comments on this story are paused; replies to existing comments still appear.`;
  return `${back}. Comments appear as usual and are reviewed ${until ? "then" : "when a moderator is next on duty"}.`;
}

export const DAY_NAMES: Record<Weekday, string> = {
  monday: "Monday",
  tuesday: "Tuesday",
  wednesday: "Wednesday",
  thursday: "Thursday",
  friday: "Friday",
  saturday: "Saturday",
  sunday: "Sunday",
};

function clock(time: string): string {
  if (time === "24:00") return "midnight";
  const [h, m] = time.split(":").map(Number) as [number, number];
  return `${h % 12 === 0 ? 12 : h % 12}:${String(m).padStart(2, "0")}${h < 12 ? "am" : "pm"}`;
}

/** "Monday to Friday, 9:00am to 5:30pm; Saturday, 10:00am to 1:00pm" (null when staffed hours are off or empty). */
export function describeStaffedHours(hours: StaffedHours): string | null {
  if (!hours.enabled) return null;
  const runs: { first: Weekday; last: Weekday; span: DutySpan }[] = [];
  for (const day of WEEKDAYS) {
    const span = hours.days[day];
    const previous = runs[runs.length - 1];
    if (!span) continue;
    const follows = previous && WEEKDAYS.indexOf(previous.last) === WEEKDAYS.indexOf(day) - 1;
    if (previous && follows && previous.span.from === span.from && previous.span.to === span.to) previous.last = day;
    else runs.push({ first: day, last: day, span });
  }
  if (runs.length === 0) return null;
  return runs
    .map((run) => {
      const days = run.first === run.last ? DAY_NAMES[run.first] : `${DAY_NAMES[run.first]} to ${DAY_NAMES[run.last]}`;
      return `${days}, ${clock(run.span.from)} to ${clock(run.span.to)}`;
    })
    .join("; ");
}
