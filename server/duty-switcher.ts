import type { Kysely } from "kysely";
import { recordDutySwitch } from "../app/models/moderation/staffed-hours.server";
import type { Database } from "../db/schema";

/** Looked at least this often: an admin may change the staffed hours at any moment. */
const LONGEST_WAIT_MS = 60_000;
/** Just after a boundary, so that the look finds the new state. */
const PAST_BOUNDARY_MS = 50;

/**
 * Logs each switch between on and off duty at its time (issue 15, part 1), on every app server: the
 * first to get there writes, which also moves the site's content version, so the story pages that say
 * who is on duty are rendered again for everyone.
 */
export class DutySwitcher {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly db: Kysely<Database>) {
    this.plan(0);
  }

  private plan(delayMs: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.look(), delayMs);
    this.timer.unref();
  }

  private async look() {
    let wait = LONGEST_WAIT_MS;
    try {
      const duty = await recordDutySwitch(this.db);
      if (duty.nextChange) wait = Math.min(LONGEST_WAIT_MS, Math.max(0, Date.parse(duty.nextChange) - Date.now()) + PAST_BOUNDARY_MS);
    } catch {
      // The database is away: the next look tries again (posting reads the hours itself, so nothing waits on this).
    }
    this.plan(wait);
  }

  stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
