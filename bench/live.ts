/**
 * The live-updates case of npm run bench (issue 17, part 5; ADR 15): many readers following one story
 * while residents post to it. Each post's delivery time is measured on every stream, from the moment the
 * post's answer reached its writer to the moment the stream had the event; the server's memory is read
 * with all the streams open.
 */
import http from "node:http";

export interface LiveResult {
  streams: number;
  /** Streams the server refused (over its limit) or that failed to open. */
  refused: number;
  posts: number;
  /** One figure per post per stream that had it. */
  deliveries: number;
  /** Posts a stream never got within the wait, summed over the streams. */
  missed: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The server's resident memory before the streams opened, and with all of them open. */
  rssBeforeMb: number;
  rssWithStreamsMb: number;
  /** The most it held while the posts were delivered (and the load beside them ran). */
  rssPeakMb: number;
  /** What ran beside the posts (a reader load), if anything. */
  meanwhile: string | null;
}

interface Follower {
  /** When each comment event arrived, in the order they came. */
  arrivals: number[];
  ready: Promise<boolean>;
  close(): void;
}

/** A stream read as bytes: counting comment events is all the bench needs of it. */
function follow(base: string, articleId: number): Follower {
  const arrivals: number[] = [];
  let close = () => {};
  const ready = new Promise<boolean>((resolve) => {
    const request = http.get(`${base}/live/stories/${articleId}/events`, { agent: false, headers: { Accept: "text/event-stream" } }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        return resolve(false);
      }
      response.setEncoding("utf8");
      let buffer = "";
      response.on("data", (chunk: string) => {
        const now = performance.now();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.includes("event: ready")) resolve(true);
          else if (block.includes("event: comment")) arrivals.push(now);
        }
      });
      response.on("error", () => {});
    });
    request.on("error", () => resolve(false));
    close = () => request.destroy();
  });
  return { arrivals, ready, close: () => close() };
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

export async function measureLive(options: {
  base: string;
  article: { id: number; slug: string };
  writerCookies: string[];
  streams: number;
  posts: number;
  serverRssMb: () => number;
  log: (message: string) => void;
  /** Run once the streams are open; posting goes on, one at a time, until it is done (and at least `posts`). */
  meanwhile?: { name: string; run: () => Promise<unknown> };
}): Promise<LiveResult> {
  const { base, article, writerCookies, log } = options;
  const rssBeforeMb = options.serverRssMb();
  log(`  live updates: opening ${options.streams} event streams on one story ...`);
  const followers: Follower[] = [];
  // In batches, as readers arrive: a thousand connections at once would measure the accept queue.
  for (let i = 0; i < options.streams; i += 100) {
    const batch = Array.from({ length: Math.min(100, options.streams - i) }, () => follow(base, article.id));
    await Promise.all(batch.map((f) => f.ready));
    followers.push(...batch);
  }
  const open = [];
  for (const follower of followers) if (await follower.ready) open.push(follower);
  // Let the server settle (the first wake-ups, the heartbeats' timers) before reading its memory.
  await new Promise((r) => setTimeout(r, 1_000));
  const rssWithStreamsMb = options.serverRssMb();

  log(
    `  live updates: posting comments one at a time to ${open.length} readers` +
      (options.meanwhile ? `, while ${options.meanwhile.name} ...` : ` (${options.posts}) ...`),
  );
  const delays: number[] = [];
  const behind = new Set<Follower>();
  let missed = 0;
  let peakRss = rssWithStreamsMb;
  let loadRunning = false;
  let loadDone: Promise<unknown> = Promise.resolve();
  if (options.meanwhile) {
    loadRunning = true;
    loadDone = options.meanwhile.run().finally(() => (loadRunning = false));
  }
  let posts = 0;
  try {
    for (let post = 0; post < options.posts || loadRunning; post++) {
      posts = post + 1;
      const response = await fetch(`${base}/articles/${article.slug}`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base, Cookie: writerCookies[post % writerCookies.length]! },
        body: new URLSearchParams({ intent: "comment", body: `Live bench comment ${post}: is the ferry running today?` }).toString(),
      });
      await response.arrayBuffer();
      const answeredAt = performance.now();
      if (response.status !== 302) throw new Error(`A bench post was answered ${response.status}, not 302.`);
      // Every stream has this post once it has post + 1 comment events (posts go one at a time).
      const until = answeredAt + 5_000;
      const following = open.filter((f) => !behind.has(f));
      while (following.some((f) => f.arrivals.length <= post) && performance.now() < until) await new Promise((r) => setTimeout(r, 5));
      for (const follower of following) {
        const at = follower.arrivals[post];
        // A stream that missed a post can no longer be matched post for post: it leaves the count.
        if (at === undefined) behind.add(follower);
        // An event may reach a stream before the writer has read its answer: that counts as no wait.
        else delays.push(Math.max(0, at - answeredAt));
      }
      missed += open.length - following.length + [...following].filter((f) => behind.has(f)).length;
      peakRss = Math.max(peakRss, options.serverRssMb());
    }
    await loadDone;
  } finally {
    for (const follower of followers) follower.close();
  }
  const sorted = delays.sort((a, b) => a - b);
  return {
    streams: open.length,
    refused: options.streams - open.length,
    posts,
    deliveries: sorted.length,
    missed,
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? 0),
    rssBeforeMb: Math.round(rssBeforeMb),
    rssWithStreamsMb: Math.round(rssWithStreamsMb),
    rssPeakMb: Math.round(peakRss),
    meanwhile: options.meanwhile?.name ?? null,
  };
}
