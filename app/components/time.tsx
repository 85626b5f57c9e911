import { formatDate, formatDateTime } from "~/utils/time";

/** A date shown in the site's time zone, with the exact UTC moment in datetime for machines. */
export function Time({ iso, dateOnly = false }: { iso: string; dateOnly?: boolean }) {
  return <time dateTime={iso}>{dateOnly ? formatDate(iso) : formatDateTime(iso)}</time>;
}
