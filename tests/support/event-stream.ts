import type { RunningServer } from "./app-process";

/** One Server-Sent Event as a browser's EventSource sees it. */
export interface StreamEvent {
  id: string | null;
  event: string;
  data: string;
  receivedAt: number;
}

/** A real HTTP event stream, read as it arrives (what EventSource does, without the reconnecting). */
export interface OpenStream {
  response: Response;
  events: StreamEvent[];
  /** Resolves with the events of `event` once there are at least `count` of them, or fails after `ms`. */
  waitFor(count: number, options?: { event?: string; ms?: number }): Promise<StreamEvent[]>;
  close(): void;
}

export async function openEventStream(server: RunningServer, path: string, headers: Record<string, string> = {}): Promise<OpenStream> {
  const controller = new AbortController();
  const response = await fetch(new URL(path, server.baseUrl), { headers: { Accept: "text/event-stream", ...headers }, signal: controller.signal });
  const events: StreamEvent[] = [];
  const waiters = new Set<() => void>();
  if (response.ok && response.body) {
    void (async () => {
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const fields = { id: null as string | null, event: "message", data: [] as string[] };
            let any = false;
            for (const line of block.split("\n")) {
              if (line.startsWith(":")) continue;
              const colon = line.indexOf(":");
              const name = colon < 0 ? line : line.slice(0, colon);
              const text = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
              if (name === "id") fields.id = text;
              else if (name === "event") fields.event = text;
              else if (name === "data") fields.data.push(text);
              else continue;
              any = true;
            }
            if (any && fields.data.length) events.push({ id: fields.id, event: fields.event, data: fields.data.join("\n"), receivedAt: Date.now() });
            for (const wake of waiters) wake();
          }
        }
      } catch {
        // aborted by close()
      }
    })();
  }
  return {
    response,
    events,
    close: () => controller.abort(),
    waitFor: (count, { event = "comment", ms = 3_000 } = {}) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const matching = events.filter((e) => e.event === event);
          if (matching.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(matching);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`only ${events.filter((e) => e.event === event).length} of ${count} "${event}" events arrived: ${JSON.stringify(events)}`));
        }, ms);
        waiters.add(check);
        check();
      }),
  };
}

/** How many event streams the server has open (its loopback-only count). */
export async function openStreamCount(server: RunningServer): Promise<number> {
  return ((await (await fetch(new URL("/live/streams", server.baseUrl))).json()) as { open: number }).open;
}
