/** Times are stored as UTC ISO strings and shown in the site's time zone (Europe/London by default). */
export const SITE_TIME_ZONE = "Europe/London";

export function nowIso(): string {
  return new Date().toISOString();
}

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * 86_400_000).toISOString();
}

const dateTimeParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: SITE_TIME_ZONE,
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "numeric",
  minute: "2-digit",
  hourCycle: "h12", // not hour12: Node and browsers disagree on noon under hour12 ("0:03pm" vs "12:03pm")
});

const dateOnly = new Intl.DateTimeFormat("en-GB", {
  timeZone: SITE_TIME_ZONE,
  day: "numeric",
  month: "long",
  year: "numeric",
});

/**
 * Formatting with time zones is slow (microseconds each, and a story page shows hundreds of times), and
 * the same comment times are shown again and again: remember recent answers.
 */
const formatted = new Map<string, string>();
const REMEMBERED = 20_000;

/** "26 Mar 2013, 1:36pm" in the site's time zone. */
export function formatDateTime(iso: string): string {
  let text = formatted.get(iso);
  if (text === undefined) {
    text = formatDateTimeNow(iso);
    if (formatted.size >= REMEMBERED) formatted.clear();
    formatted.set(iso, text);
  }
  return text;
}

function formatDateTimeNow(iso: string): string {
  const parts = Object.fromEntries(
    dateTimeParts.formatToParts(new Date(iso)).map((part) => [part.type, part.value]),
  ) as Record<string, string>;
  const dayPeriod = (parts.dayPeriod ?? "").toLowerCase().replace(/[^a-z]/g, "");
  return `${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute}${dayPeriod}`;
}

/** "26 March 2013" in the site's time zone. */
export function formatDate(iso: string): string {
  return dateOnly.format(new Date(iso));
}
