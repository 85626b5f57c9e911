import { SITE_TIME_ZONE } from "./time";

/**
 * Wall-clock time in a named zone <-> UTC instants, with Intl only (no date library; see
 * docs/decisions/0001). Editors type a date and time in the site's zone; we store UTC.
 *
 * Daylight saving makes local times ambiguous twice a year. We follow Temporal's "compatible" rule:
 * - a time that does not exist (clocks go forward, e.g. 01:30 on the last Sunday of March in London)
 *   is moved forward by the length of the gap (01:30 reads as 02:30 BST);
 * - a time that happens twice (clocks go back, 01:30 on the last Sunday of October) is the earlier one
 *   (01:30 BST, not 01:30 GMT).
 */
export interface LocalDateTime {
  date: string; // YYYY-MM-DD
  time: string; // HH:MM, 24-hour
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function zonedFields(utcMs: number, timeZone: string): Fields {
  const parts: Record<string, string> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(utcMs))) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Minutes the zone is ahead of UTC at this instant (60 for BST, 0 for GMT). */
export function zoneOffsetMinutes(utcMs: number, timeZone: string = SITE_TIME_ZONE): number {
  const f = zonedFields(utcMs, timeZone);
  const wallAsUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return Math.round((wallAsUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::\d{2})?$/;

/** Parses "2026-11-22" and "18:30"; null when either is not a real calendar date or clock time. */
function parseLocal(date: string, time: string): { wallMs: number } | null {
  const d = DATE.exec(date.trim());
  const t = TIME.exec(time.trim());
  if (!d || !t) return null;
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [number, number, number, number, number];
  if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59) return null;
  const wallMs = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wallMs);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null; // 31 February and friends
  return { wallMs };
}

/** The UTC ISO instant of a wall-clock date and time in the zone, or null if the input is not a date/time. */
export function zonedLocalToUtcIso(date: string, time: string, timeZone: string = SITE_TIME_ZONE): string | null {
  const parsed = parseLocal(date, time);
  if (!parsed) return null;
  const { wallMs } = parsed;
  // The offsets in force half a day either side cover any single transition near this wall time.
  const before = zoneOffsetMinutes(wallMs - 12 * 3_600_000, timeZone);
  const after = zoneOffsetMinutes(wallMs + 12 * 3_600_000, timeZone);
  const candidates = [wallMs - before * 60_000, wallMs - after * 60_000]
    .filter((utc) => wallTimeMs(utc, timeZone) === wallMs)
    .sort((a, b) => a - b);
  // No candidate: the wall time fell in a gap; reading it with the earlier offset moves it forward.
  const utc = candidates[0] ?? wallMs - before * 60_000;
  return new Date(utc).toISOString();
}

function wallTimeMs(utcMs: number, timeZone: string): number {
  const f = zonedFields(utcMs, timeZone);
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The wall-clock date and time of a UTC instant in the zone, as a date input and a time input want them. */
export function utcIsoToZonedLocal(iso: string, timeZone: string = SITE_TIME_ZONE): LocalDateTime {
  const f = zonedFields(Date.parse(iso), timeZone);
  return { date: `${f.year}-${pad(f.month)}-${pad(f.day)}`, time: `${pad(f.hour)}:${pad(f.minute)}` };
}
