/**
 * Residents posting while others read: the load a breaking story puts on Parley. Comments go through
 * the real form action (the request a browser with JavaScript sends), each from a signed-in resident,
 * at a steady rate. For comments on a watched story the poster also measures how long after the post's
 * answer an anonymous reader's page shows the new comment.
 */

export interface PostingLoad {
  base: string;
  /** Story paths to post on, in turn. */
  paths: string[];
  perSecond: number;
  /** A different signed-in resident's cookie on each call, so no one meets the posting limits. */
  nextCookie: () => string;
  /** Posts on this path are followed until an anonymous reader sees them. */
  watchPath?: string;
  /**
   * The comment to reply to on a story, if any: replies to a thread on the first page stay on it,
   * where new top-level comments would move to a later page once the story has enough of them.
   */
  parentOn?: Record<string, number>;
  label: string;
}

export interface PostingOutcome {
  posted: number;
  refused: number;
  /** Milliseconds from a watched post's answer until an anonymous page showed it. */
  visibleAfterMs: number[];
  /** Watched posts that did not show within the time allowed. */
  neverSeen: number;
}

const VISIBLE_WITHIN_MS = 5_000;

/** Starts posting; stop() ends it, waits for what is in flight and says what happened. */
export function postInBackground(load: PostingLoad): { stop: () => Promise<PostingOutcome> } {
  const outcome: PostingOutcome = { posted: 0, refused: 0, visibleAfterMs: [], neverSeen: 0 };
  const inFlight = new Set<Promise<void>>();
  let sequence = 0;
  let stopped = false;
  const interval = setInterval(() => {
    if (stopped) return;
    const path = load.paths[sequence % load.paths.length]!;
    const text = `${load.label} ${process.pid}-${Date.now().toString(36)}-${++sequence}: the harbour works again`;
    const task = postOne(load, path, text, outcome).finally(() => inFlight.delete(task));
    inFlight.add(task);
  }, 1000 / load.perSecond);
  return {
    stop: async () => {
      stopped = true;
      clearInterval(interval);
      await Promise.all([...inFlight]);
      return outcome;
    },
  };
}

async function postOne(load: PostingLoad, path: string, text: string, outcome: PostingOutcome) {
  try {
    const response = await fetch(`${load.base}${path}.data`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: load.base, Cookie: load.nextCookie() },
      body: new URLSearchParams({
        // A reply says so: sent as "comment", the parent was ignored and each post became a new thread,
        // which past 100 threads lands on the story's last page, never on the page being watched.
        intent: load.parentOn?.[path] ? "reply" : "comment",
        js: "1",
        body: text,
        ...(load.parentOn?.[path] ? { parentId: String(load.parentOn[path]) } : {}),
      }).toString(),
    });
    await response.arrayBuffer();
    if (!response.ok) {
      outcome.refused++;
      return;
    }
    outcome.posted++;
    if (path !== load.watchPath) return;
    const answeredAt = performance.now();
    while (performance.now() - answeredAt < VISIBLE_WITHIN_MS) {
      const page = await (await fetch(`${load.base}${path}`)).text();
      if (page.includes(text)) {
        outcome.visibleAfterMs.push(performance.now() - answeredAt);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    outcome.neverSeen++;
  } catch {
    outcome.refused++;
  }
}
