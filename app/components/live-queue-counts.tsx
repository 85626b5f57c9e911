import { Link } from "@remix-run/react";
import { useEffect, useState } from "react";

export interface QueueCounts {
  reported: number;
  held: number;
}

/** How long a moderator over the server's stream limit waits before following live again. */
const POLL_AFTER_MS = 30_000;

/**
 * The queue's counts as they are now (ADR 15): the moderators' stream (server/live-updates.ts) says
 * when the queue moved, and the page asks /moderation/counts for the numbers. Until then, and without
 * JavaScript, the counts the page was rendered with.
 */
export function useLiveQueueCounts(rendered: QueueCounts): QueueCounts {
  const [live, setLive] = useState<QueueCounts | null>(null);

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let asked = 0;
    const ask = async () => {
      const mine = ++asked;
      const answer = await fetch("/moderation/counts", { headers: { Accept: "application/json" } }).catch(() => null);
      if (!answer?.ok || mine !== asked) return;
      const counts = (await answer.json()) as QueueCounts;
      if (mine === asked) setLive(counts);
    };
    const connect = () => {
      source = new EventSource("/live/moderation/events");
      source.addEventListener("queue", () => void ask());
      source.onerror = () => {
        if (source?.readyState === EventSource.CLOSED) retry = setTimeout(connect, POLL_AFTER_MS);
      };
    };
    connect();
    return () => {
      asked++;
      source?.close();
      clearTimeout(retry);
    };
    // One stream for the page's life, whatever tab or page of the queue it shows.
  }, []);

  // A fresh rendering (another tab, a reload) knows as much as the last answer: it wins.
  useEffect(() => setLive(null), [rendered.reported, rendered.held]);
  return live ?? rendered;
}

/**
 * The counts the queue should have once this page's own decisions are in: a moderator's own decisions
 * are not news to them, so they must not raise "the queue has changed".
 */
export function countsAfterOwnDecisions(
  rendered: QueueCounts,
  items: { id: number; status: string; reports: { open: number } }[],
  decidedHere: ReadonlyMap<number, unknown>,
): QueueCounts {
  let { reported, held } = rendered;
  for (const item of items) {
    if (!decidedHere.has(item.id) || (item.status !== "pending" && item.status !== "visible")) continue;
    if (item.status === "pending") held--;
    // A decision resolves the comment's open reports: it leaves the Reported tab.
    if (item.reports.open > 0) reported--;
  }
  return { reported, held };
}

/**
 * Said politely once the queue differs from the list on screen and this page's own decisions (`expected`), which stays put under the moderator's
 * keyboard until they choose to read it again.
 */
export function QueueChangedNotice({ expected, live, href }: { expected: QueueCounts; live: QueueCounts; href: string }) {
  const changed = expected.reported !== live.reported || expected.held !== live.held;
  return (
    <div className="queue-changed" role="status" aria-live="polite">
      {changed ? (
        <p className="notice">
          {`The queue has changed since this list was loaded: ${live.reported.toLocaleString("en-GB")} reported, ${live.held.toLocaleString("en-GB")} held. `}
          <Link to={href}>Show the latest list</Link>
        </p>
      ) : null}
    </div>
  );
}
