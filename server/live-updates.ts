import express from "express";
import type { Kysely } from "kysely";
import { CLIENT_ADDRESS_HEADER, getClientAddress } from "../app/auth/client-address.server";
import { roleCan } from "../app/auth/permissions";
import { readSessionToken, validateSessionToken } from "../app/auth/session.server";
import type { CommentEventKind, Database } from "../db/schema";
import type { ContentVersions } from "./content-versions";

/**
 * Live updates (ADR 15): a Server-Sent Events stream per open story page, announcing what changed in its
 * discussion (comment_event rows, migration 0012) without the reader reloading.
 *
 * The stream learns *when* to read from the content versions (after this server's own write, and on
 * PostgreSQL from the LISTEN notification every server hears); it learns *what* changed from the event
 * log, read once per story per wake-up and fanned out to every stream open on that story. Event ids are
 * the log's ids, so a browser reconnecting with Last-Event-ID gets exactly what it missed.
 *
 * Mounted before compression: an event stream must reach the reader as it is written.
 */
export const LIVE_STORY_PATH = /^\/live\/stories\/(\d{1,9})\/events$/;
/** Moderators' stream: "the queue moved" (the content version "moderation"); the page then asks for its counts. */
export const LIVE_QUEUE_PATH = "/live/moderation/events";
const QUEUE_KEY = "moderation";
const DEFAULT_STREAM_LIMIT = 2_000;
/**
 * So that one client (one address) cannot take every slot; a household or office shares one address.
 * Not for the server's own machine (the bench, a health check, a proxy that does not name its clients),
 * which only the process's cap bounds.
 */
const DEFAULT_STREAMS_PER_ADDRESS = 20;
/**
 * Moderators' queue streams have slots of their own, outside both readers' caps: readers filling every
 * slot (or a newsroom's address) must not lock the moderators out. Only moderators get one, so this
 * bound is for a runaway script, not for load.
 */
const QUEUE_STREAM_LIMIT = 200;
const HEARTBEAT_MS = 25_000;
/** How long a reader over a limit waits before trying again (the browser polls at this pace). */
const RETRY_AFTER_SECONDS = 30;
/** What a browser waits before reconnecting a dropped stream. */
const RECONNECT_MS = 2_000;
/** Writes from elsewhere are also caught by a slow re-read (a lost notification, another SQLite process). */
const SAFETY_READ_MS = 10_000;
/**
 * A reader whose socket has not drained for this long has stopped reading (a suspended laptop, a client
 * that never reads): the stream is closed, freeing its slot, and the browser resumes from Last-Event-ID.
 */
const STALL_MS = 5_000;
const READ_BATCH = 500;
const KEEP_EVENTS_MS = 2 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;

interface Stream {
  outlet: Outlet;
  /** The id of the last event this stream has (been sent or was rendered with). */
  sentId: number;
}

interface StoryChannel {
  articleId: number;
  streams: Set<Stream>;
  reading: boolean;
  again: boolean;
}

export interface LiveUpdatesOptions {
  db: Kysely<Database>;
  /** Absent (no page cache): the event log is re-read every second while streams are open. */
  versions?: ContentVersions;
  /** Streams this process keeps open at once; PARLEY_LIVE_STREAM_LIMIT, 2,000 by default. */
  streamLimit?: number;
  /** Streams it keeps open for one client address; PARLEY_LIVE_STREAMS_PER_ADDRESS, 20 by default. */
  streamsPerAddress?: number;
}

export class LiveUpdates {
  private readonly db: Kysely<Database>;
  private readonly versions: ContentVersions | undefined;
  private readonly streamLimit: number;
  private readonly streamsPerAddress: number;
  /** Open streams by client address (as server/app.ts passes it on). */
  private readonly byAddress = new Map<string, number>();
  private readonly channels = new Map<number, StoryChannel>();
  /** Moderators' queue streams, each with the queue version it was last told. */
  private readonly queueStreams = new Map<Outlet, number>();
  private open = 0;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly stopListening: () => void;

  constructor(options: LiveUpdatesOptions) {
    this.db = options.db;
    this.versions = options.versions;
    this.streamLimit = options.streamLimit ?? countFromEnv("PARLEY_LIVE_STREAM_LIMIT", DEFAULT_STREAM_LIMIT);
    this.streamsPerAddress = options.streamsPerAddress ?? countFromEnv("PARLEY_LIVE_STREAMS_PER_ADDRESS", DEFAULT_STREAMS_PER_ADDRESS);
    this.stopListening =
      this.versions?.onChange((key) => {
        if (key === QUEUE_KEY) return void this.tellQueue();
        const channel = key.startsWith("article:") ? this.channels.get(Number(key.slice("article:".length))) : undefined;
        if (channel) void this.read(channel);
      }) ?? (() => {});
    const every = (ms: number, work: () => void) => {
      const timer = setInterval(work, ms);
      timer.unref();
      this.timers.push(timer);
    };
    // SQLite hears another process's writes only when it asks; without versions there is nothing to ask.
    every(1_000, () => {
      if (this.channels.size === 0 && this.queueStreams.size === 0) return;
      if (this.versions) this.versions.poll();
      else {
        for (const channel of this.channels.values()) void this.read(channel);
        void this.tellQueue();
      }
    });
    every(SAFETY_READ_MS, () => {
      for (const channel of this.channels.values()) void this.read(channel);
    });
    every(PRUNE_EVERY_MS, () => void this.prune());
  }

  /** How many readers' streams this process has open (moderators' queue streams are counted apart). */
  get openStreams(): number {
    return this.open;
  }

  middleware(): express.RequestHandler {
    return (req, res, next) => {
      if (req.method !== "GET" && req.method !== "HEAD") return next();
      if (req.path === "/live/streams" && isLoopback(req.ip)) {
        return void res.set("Cache-Control", "no-store").json({ open: this.open, stories: this.channels.size, queue: this.queueStreams.size, buffered: this.buffered() });
      }
      if (req.path === LIVE_QUEUE_PATH) return void this.openQueueStream(req, res).catch(next);
      const story = LIVE_STORY_PATH.exec(req.path);
      if (!story) return next();
      this.openStream(Number(story[1]), req, res).catch(next);
    };
  }

  async close() {
    this.stopListening();
    for (const timer of this.timers) clearInterval(timer);
    for (const channel of this.channels.values()) for (const stream of channel.streams) stream.outlet.res.end();
    this.channels.clear();
    for (const outlet of this.queueStreams.keys()) outlet.res.end();
    this.queueStreams.clear();
  }

  /**
   * A moderator's queue page: an event each time the queue's version moves (and one on opening, for a
   * change between the page's rendering and now). Counts themselves come from the app (/moderation/counts),
   * behind its own guard; the stream says only when to ask.
   */
  private async openQueueStream(req: express.Request, res: express.Response) {
    streamHeaders(res);
    const token = readSessionToken(new Request(`${req.protocol}://${req.get("host") ?? "localhost"}/`, { headers: { cookie: req.headers.cookie ?? "" } }));
    const valid = token ? await validateSessionToken(this.db, token) : null;
    if (!valid || !roleCan(valid.user.role, "moderate:comment")) {
      return void res.status(403).type("text/plain").send("Only moderators can follow the moderation queue.");
    }
    if (res.destroyed || req.destroyed) return;
    if (this.queueStreams.size >= QUEUE_STREAM_LIMIT) return void tryAgainLater(res, 503, "Too many pages are following the moderation queue just now.");
    // HEAD: what a GET would answer, without opening a stream.
    if (req.method === "HEAD") return void headersOnly(res);
    startEventStream(res);
    // Told nothing while it could not keep up: on catching up it hears the latest version.
    const outlet = new Outlet(res, () => void this.tellQueue());
    outlet.send(`retry: ${RECONNECT_MS}\n\n`);
    const heartbeat = setInterval(() => outlet.send(": still here\n\n"), HEARTBEAT_MS);
    heartbeat.unref();
    this.queueStreams.set(outlet, 0);
    res.on("close", () => {
      clearInterval(heartbeat);
      this.queueStreams.delete(outlet);
    });
    const version = await this.queueVersion();
    if (!this.queueStreams.has(outlet)) return;
    this.queueStreams.set(outlet, Math.max(version, this.queueStreams.get(outlet)!));
    outlet.send(queueMessage(version));
  }

  /**
   * Counts a reader's story stream in (in this process's count and their address's) and returns what gives the
   * slot back, safe to call more than once; or answers why not and returns null. A HEAD is answered as a
   * GET would be, but counted in nothing.
   */
  private admit(req: express.Request, res: express.Response): (() => void) | null {
    const address = getClientAddress(new Request("http://localhost/", { headers: { [CLIENT_ADDRESS_HEADER]: req.get(CLIENT_ADDRESS_HEADER) ?? req.ip ?? "" } }));
    if (this.open >= this.streamLimit) return tryAgainLater(res, 503, "Too many readers are following live just now.");
    if ((this.byAddress.get(address) ?? 0) >= this.streamsPerAddress && !isLoopback(address)) {
      return tryAgainLater(res, 429, "Too many live pages are open from your address: close some of them.");
    }
    if (req.method === "HEAD") return () => {};
    this.open++;
    this.byAddress.set(address, (this.byAddress.get(address) ?? 0) + 1);
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.open--;
      const left = this.byAddress.get(address)! - 1;
      if (left > 0) this.byAddress.set(address, left);
      else this.byAddress.delete(address);
    };
  }

  private async queueVersion(): Promise<number> {
    if (this.versions) return this.versions.versionOf(QUEUE_KEY);
    const row = await this.db.selectFrom("content_version").select("version").where("key", "=", QUEUE_KEY).executeTakeFirst();
    return Number(row?.version ?? 0);
  }

  private async tellQueue() {
    if (this.queueStreams.size === 0) return;
    const version = await this.queueVersion().catch(() => null);
    if (version === null) return;
    for (const [outlet, told] of this.queueStreams) {
      if (told < version && outlet.send(queueMessage(version))) this.queueStreams.set(outlet, version);
    }
  }

  private async openStream(articleId: number, req: express.Request, res: express.Response) {
    streamHeaders(res);
    // Counted before the first await, so a burst of connections cannot overshoot the limits.
    const release = this.admit(req, res);
    if (!release) return;
    try {
      const article = await this.db
        .selectFrom("article")
        .select("id")
        .where("id", "=", articleId)
        .where("status", "in", ["published", "scheduled"])
        .where("published_at", "<=", new Date().toISOString())
        .executeTakeFirst();
      if (!article) {
        release();
        return void res.status(404).type("text/plain").send("There is no story here to follow.");
      }
      if (req.method === "HEAD") return void headersOnly(res);
      // Resume after the last event the browser has; a first connection after the page's own rendering.
      const resumeFrom = eventId(req.get("last-event-id")) ?? eventId(String(req.query.after ?? "")) ?? (await this.latestEventId(articleId));
      if (res.destroyed || req.destroyed) return release();

      startEventStream(res);
      const channel = this.channelFor(articleId);
      // Sent nothing while it could not keep up: on catching up it reads on from where it got to.
      const outlet = new Outlet(res, () => void this.read(channel));
      outlet.send(`retry: ${RECONNECT_MS}\n\n`);
      const stream: Stream = { outlet, sentId: resumeFrom };
      channel.streams.add(stream);
      const heartbeat = setInterval(() => outlet.send(": still here\n\n"), HEARTBEAT_MS);
      heartbeat.unref();
      res.on("close", () => {
        clearInterval(heartbeat);
        channel.streams.delete(stream);
        if (channel.streams.size === 0 && this.channels.get(articleId) === channel) this.channels.delete(articleId);
        release();
      });
      outlet.send(`event: ready\ndata: ${JSON.stringify({ after: resumeFrom })}\n\n`);
      // Whatever happened since resumeFrom (a resume, or a change between the page's rendering and now).
      await this.read(channel);
    } catch (error) {
      release();
      throw error;
    }
  }

  private channelFor(articleId: number): StoryChannel {
    let channel = this.channels.get(articleId);
    if (!channel) {
      channel = { articleId, streams: new Set(), reading: false, again: false };
      this.channels.set(articleId, channel);
    }
    return channel;
  }

  /** One read of the story's log for all its streams that keep up, from the one furthest behind. */
  private async read(channel: StoryChannel): Promise<void> {
    if (channel.reading) {
      channel.again = true;
      return;
    }
    channel.reading = true;
    try {
      do {
        channel.again = false;
        let from = Infinity;
        for (const stream of channel.streams) if (stream.outlet.ready) from = Math.min(from, stream.sentId);
        if (from === Infinity) break;
        for (;;) {
          const rows = await this.db
            .selectFrom("comment_event")
            .select(["id", "comment_id", "parent_id", "kind"])
            .where("article_id", "=", channel.articleId)
            .where("id", ">", from)
            .orderBy("id")
            .limit(READ_BATCH)
            .execute();
          if (rows.length === 0) break;
          const messages = rows.map((row) => ({ id: Number(row.id), text: message(row) }));
          for (const stream of channel.streams) {
            // Behind this batch (it caught up, or opened, during the read): the round it set off serves it.
            if (stream.sentId < from) continue;
            const unsent = messages.filter((m) => m.id > stream.sentId);
            if (unsent.length === 0) continue;
            if (stream.outlet.send(unsent.map((m) => m.text).join(""))) stream.sentId = unsent[unsent.length - 1]!.id;
          }
          from = messages[messages.length - 1]!.id;
          if (rows.length < READ_BATCH) break;
        }
      } while (channel.again);
    } catch (error) {
      // The database is away: the safety re-read tries again; the streams stay open.
      console.warn(`Live updates: the events of story ${channel.articleId} could not be read (${error instanceof Error ? error.message : String(error)})`);
    } finally {
      channel.reading = false;
    }
  }

  /** Bytes written to streams and not yet taken by the operating system (the loopback count shows it). */
  private buffered(): number {
    let bytes = 0;
    for (const channel of this.channels.values()) for (const stream of channel.streams) bytes += stream.outlet.res.writableLength;
    for (const outlet of this.queueStreams.keys()) bytes += outlet.res.writableLength;
    return bytes;
  }

  private async latestEventId(articleId: number): Promise<number> {
    const row = await this.db
      .selectFrom("comment_event")
      .select((eb) => eb.fn.max("id").as("latest"))
      .where("article_id", "=", articleId)
      .executeTakeFirst();
    return Number(row?.latest ?? 0);
  }

  private async prune() {
    await this.db
      .deleteFrom("comment_event")
      .where("created_at", "<", new Date(Date.now() - KEEP_EVENTS_MS).toISOString())
      .execute()
      .catch(() => {});
  }
}

/**
 * A stream's socket, written with back-pressure. Once a write finds the socket's buffer full, nothing more
 * is written until it drains, so a reader who stops reading costs this process at most that one write;
 * a socket that has not drained after STALL_MS is closed.
 */
class Outlet {
  private stall: NodeJS.Timeout | null = null;

  constructor(
    readonly res: express.Response,
    caughtUp: () => void,
  ) {
    res.on("drain", () => {
      if (!this.stall) return;
      clearTimeout(this.stall);
      this.stall = null;
      caughtUp();
    });
    res.on("close", () => {
      if (this.stall) clearTimeout(this.stall);
    });
  }

  /** Whether the reader keeps up, so that what is sent now reaches them. */
  get ready(): boolean {
    return this.stall === null && !this.res.destroyed;
  }

  /** Sends `text`, or returns false without sending it while the reader is behind. */
  send(text: string): boolean {
    if (!this.ready) return false;
    if (!this.res.write(text)) {
      this.stall = setTimeout(() => this.res.destroy(), STALL_MS);
      this.stall.unref();
    }
    return true;
  }
}

/** Refuses a stream for now, saying when to try again (the browser's script polls at that pace). */
function tryAgainLater(res: express.Response, status: 429 | 503, why: string): null {
  res.set("Retry-After", String(RETRY_AFTER_SECONDS));
  res.status(status).type("text/plain").send(`${why} Try again in ${RETRY_AFTER_SECONDS} seconds.`);
  return null;
}

function countFromEnv(name: string, fallback: number): number {
  const value = Number.parseInt(process.env[name] ?? "", 10);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

function streamHeaders(res: express.Response) {
  res.set("Cache-Control", "no-cache, no-transform");
  res.set("X-Accel-Buffering", "no");
}

function startEventStream(res: express.Response) {
  res.status(200);
  res.set("Content-Type", "text/event-stream; charset=utf-8");
  res.set("Connection", "keep-alive");
  res.flushHeaders();
}

/** A HEAD: the headers a stream would open with, and the end of the answer. */
function headersOnly(res: express.Response) {
  res.status(200).set("Content-Type", "text/event-stream; charset=utf-8").end();
}

function message(row: { id: number; comment_id: number; parent_id: number | null; kind: CommentEventKind }): string {
  const data = { kind: row.kind, commentId: row.comment_id, parentId: row.parent_id };
  return `id: ${row.id}\nevent: comment\ndata: ${JSON.stringify(data)}\n\n`;
}

function queueMessage(version: number): string {
  return `event: queue\ndata: ${JSON.stringify({ version })}\n\n`;
}

function eventId(value: string | undefined): number | null {
  if (!value || !/^\d{1,15}$/.test(value)) return null;
  return Number(value);
}

function isLoopback(ip: string | undefined): boolean {
  return ip === "127.0.0.1" || ip === "::1" || ip === "::ffff:127.0.0.1";
}
