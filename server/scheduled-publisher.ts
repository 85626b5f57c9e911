import type { Kysely } from "kysely";
import { publishDueStories } from "../app/models/article/publishing.server";
import type { Database } from "../db/schema";
import type { ContentVersions } from "./content-versions";

/** Looked at least this often, for stories another server scheduled that this one has not heard of. */
const LONGEST_WAIT_MS = 30_000;
/** Never sooner than this after the last look (while the next time is being read, it counts as now). */
const SHORTEST_WAIT_MS = 20;
/** After a story changes (scheduled, moved, published), look again this soon. */
const AFTER_CHANGE_MS = 50;

/**
 * Publishes each scheduled story at its time (publishDueStories), on every app server: the first to
 * get there writes, and the story's and the lists' versions move for all (issue 27, part 4). Runs once
 * at start for stories whose time came while no server ran.
 */
export class ScheduledPublisher {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private running = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly versions: ContentVersions,
  ) {
    this.unsubscribe = versions.onChange((key) => {
      if (key.startsWith("article:")) this.plan(AFTER_CHANGE_MS);
    });
    this.plan(0);
  }

  private plan(delayMs: number) {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.look(), delayMs);
    this.timer.unref();
  }

  private async look() {
    this.timer = null;
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      const published = await publishDueStories(this.db);
      if (published.length > 0) await this.versions.refresh();
    } catch {
      // The database is away: the next look tries again (readers see the story at its time regardless).
    } finally {
      this.running = false;
    }
    if (this.timer) return;
    const next = this.versions.nextScheduledAt();
    const wait = next === null ? LONGEST_WAIT_MS : Math.min(LONGEST_WAIT_MS, Math.max(SHORTEST_WAIT_MS, next - Date.now()));
    this.plan(wait);
  }

  stop() {
    this.stopped = true;
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
  }
}
