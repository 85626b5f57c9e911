import type { Kysely } from "kysely";
import { deliverDueAlerts, raiseModerationAlerts } from "../app/models/moderation/alert.server";
import { recordDutySwitch } from "../app/models/moderation/staffed-hours.server";
import { configuredSiteOrigin } from "../app/utils/site-origin.server";
import type { Database } from "../db/schema";

/** Looked at least this often: alerts are raised within half a minute, and an admin may change the hours at any moment. */
const LONGEST_WAIT_MS = 30_000;
/** Just after a boundary of the staffed hours, so that the look finds the new state. */
const PAST_BOUNDARY_MS = 50;

/**
 * The moderators' watch (issue 15, parts 1 and 6), on every app server: logs each switch between on and
 * off duty at its time (the first server to see it writes, which also moves the site's content version,
 * so the story pages that say who is on duty are rendered again); raises alerts once each; sends the
 * deliveries that are due, with retries. Each step is safe with several servers looking at once.
 */
export class ModerationWatch {
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
      await raiseModerationAlerts(this.db);
      await deliverDueAlerts(this.db, { origin: configuredSiteOrigin() });
    } catch (error) {
      // The database is away, or a mail server: the next look tries again.
      console.warn("The moderators' watch will look again:", error instanceof Error ? error.message : error);
    }
    this.plan(wait);
  }

  stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
