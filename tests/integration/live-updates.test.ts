import type { Kysely } from "kysely";
import { connect, type Socket } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSession, SESSION_COOKIE } from "../../app/auth/session.server";
import { approveComment, rejectComment } from "../../app/models/moderation/decision.server";
import { createDatabase } from "../../db/database";
import type { Database } from "../../db/schema";
import { makeArticle, makeComment, makeUser } from "../factories";
import { post, request, startServer, stopServer, type RunningServer } from "../support/app-process";
import { openEventStream, openStreamCount, type OpenStream } from "../support/event-stream";
import { createTestDatabaseUrl, testDialect, type EmptyTestDatabase } from "../support/test-db";

/**
 * Live updates (ADR 15) over real HTTP: the production build run as a process, comments posted through
 * the story page's own form, the event stream read as a browser's EventSource reads it.
 */
describe("live updates on an open story", () => {
  let database: EmptyTestDatabase;
  let db: Kysely<Database>;
  let server: RunningServer;
  const streams: OpenStream[] = [];

  const cookieFor = async (user: { id: number }) => `${SESSION_COOKIE}=${(await createSession(db, user.id, { userAgent: "test" })).token}`;
  const resident = async (trusted = true) => {
    const user = await makeUser(db, { createdAt: new Date(Date.now() - 30 * 86_400_000).toISOString() });
    if (trusted) await db.updateTable("user").set({ trusted: 1 }).where("id", "=", user.id).execute();
    return user;
  };
  const follow = async (articleId: number, headers: Record<string, string> = {}, query = "") => {
    const stream = await openEventStream(server, `/live/stories/${articleId}/events${query}`, headers);
    streams.push(stream);
    if (stream.response.ok) await stream.waitFor(1, { event: "ready" });
    return stream;
  };
  const comment = async (path: string, cookie: string, fields: Record<string, string>) => {
    const answer = await post(server, path, fields, { Cookie: cookie });
    expect(answer.status, server.output.join("")).toBe(302);
    return answer;
  };
  const payloads = (events: { data: string }[]) => events.map((e) => JSON.parse(e.data) as { kind: string; commentId: number; parentId: number | null });

  beforeAll(async () => {
    database = await createTestDatabaseUrl();
    db = createDatabase(database.databaseUrl, { poolSize: 2 });
    server = await startServer("live", database.databaseUrl, { PARLEY_LIVE_STREAM_LIMIT: "6" });
  }, 60_000);

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await stopServer(server);
    await db?.destroy();
    await database?.drop();
  });

  it("announces a comment posted through the story's form to a reader following the story, with its parent", async () => {
    const article = await makeArticle(db);
    const path = `/articles/${article.slug}`;
    const stream = await follow(article.id, { "Accept-Encoding": "gzip, br" });
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(stream.response.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(stream.response.headers.get("x-accel-buffering")).toBe("no");
    expect(stream.response.headers.get("content-encoding")).toBeNull();

    const cookie = await cookieFor(await resident());
    await comment(path, cookie, { intent: "comment", body: "The ferry was late again this morning" });
    const parentId = (await db.selectFrom("comment").select("id").where("article_id", "=", article.id).executeTakeFirstOrThrow()).id;
    await comment(path, cookie, { intent: "reply", parentId: String(parentId), body: "Mine too" });
    const events = await stream.waitFor(2);
    const replyId = (await db.selectFrom("comment").select("id").where("parent_id", "=", parentId).executeTakeFirstOrThrow()).id;
    expect(payloads(events)).toEqual([
      { kind: "posted", commentId: parentId, parentId: null },
      { kind: "posted", commentId: replyId, parentId },
    ]);
    expect(Number(events[1]!.id)).toBeGreaterThan(Number(events[0]!.id));
  });

  it("announces edits, the author's deletions and a moderator's removal as what they are", async () => {
    const article = await makeArticle(db);
    const path = `/articles/${article.slug}`;
    const author = await resident();
    const cookie = await cookieFor(author);
    const first = await makeComment(db, { articleId: article.id, authorId: author.id });
    const second = await makeComment(db, { articleId: article.id, authorId: author.id });
    const stream = await follow(article.id);

    await comment(path, cookie, { intent: "edit", commentId: String(first.id), body: "Corrected: the 8:15, not the 8:50" });
    await comment(path, cookie, { intent: "delete", commentId: String(first.id), confirm: "1" });
    const moderator = await makeUser(db, { role: "moderator" });
    await db.insertInto("terms_rule").values({ number: 4, title: "Stay on topic", body: "Keep to the story." }).execute();
    await rejectComment(db, { moderator: { id: moderator.id, role: "moderator" }, commentId: second.id, ruleNumber: 4 });
    expect(payloads(await stream.waitFor(3))).toEqual([
      { kind: "edited", commentId: first.id, parentId: null },
      { kind: "deleted", commentId: first.id, parentId: null },
      { kind: "removed", commentId: second.id, parentId: null },
    ]);
  });

  it("does not announce a comment held for a moderator until it is approved", async () => {
    const article = await makeArticle(db);
    await db.updateTable("article").set({ premoderate: 1 }).where("id", "=", article.id).execute();
    const stream = await follow(article.id);
    await comment(`/articles/${article.slug}`, await cookieFor(await resident()), { intent: "comment", body: "Held until a moderator looks" });
    const held = await db.selectFrom("comment").select(["id", "status"]).where("article_id", "=", article.id).executeTakeFirstOrThrow();
    expect(held.status).toBe("pending");
    // Long enough for the stream to have been told (a post's event reaches it in milliseconds).
    await new Promise((r) => setTimeout(r, 1_500));
    expect(stream.events.filter((e) => e.event === "comment")).toEqual([]);

    const moderator = await makeUser(db, { role: "moderator" });
    await approveComment(db, { moderator: { id: moderator.id, role: "moderator" }, commentId: held.id });
    expect(payloads(await stream.waitFor(1))).toEqual([{ kind: "posted", commentId: held.id, parentId: null }]);
  });

  it("resumes from Last-Event-ID with exactly the events missed, none lost and none repeated", async () => {
    const article = await makeArticle(db);
    const path = `/articles/${article.slug}`;
    const cookie = await cookieFor(await resident());
    const first = await follow(article.id);
    await comment(path, cookie, { intent: "comment", body: "Before the tunnel" });
    const [seen] = await first.waitFor(1);
    first.close();

    await comment(path, cookie, { intent: "comment", body: "While the reader was in the tunnel" });
    await comment(path, cookie, { intent: "comment", body: "Still in the tunnel" });
    const resumed = await follow(article.id, { "Last-Event-ID": seen!.id! });
    const missed = await resumed.waitFor(2);
    await comment(path, cookie, { intent: "comment", body: "Out of the tunnel" });
    const all = await resumed.waitFor(3);
    await new Promise((r) => setTimeout(r, 300));

    const bodies = await db.selectFrom("comment").select("id").where("article_id", "=", article.id).orderBy("id").execute();
    expect(payloads(resumed.events.filter((e) => e.event === "comment")).map((e) => e.commentId)).toEqual(bodies.slice(1).map((c) => c.id));
    expect(missed.map((e) => Number(e.id))).toEqual([...missed.map((e) => Number(e.id))].sort((a, b) => a - b));
    expect(all.every((e) => Number(e.id) > Number(seen!.id))).toBe(true);
  });

  it("starts a stream opened with the page's event id from just after it", async () => {
    const article = await makeArticle(db);
    const author = await resident();
    await makeComment(db, { articleId: article.id, authorId: author.id });
    const page = await (await request(server, `/articles/${article.slug}`)).text();
    const after = /data-live-after="(\d+)"/.exec(page)?.[1];
    expect(after, "the page carries the event it was rendered at").toBeDefined();
    // Posted after the page was rendered, before the stream opened: announced all the same.
    const late = await makeComment(db, { articleId: article.id, authorId: author.id });
    const stream = await follow(article.id, {}, `?after=${after}`);
    expect(payloads(await stream.waitFor(1))).toEqual([{ kind: "posted", commentId: late.id, parentId: null }]);
  });

  it("follows only published stories", async () => {
    const draft = await makeArticle(db, { status: "draft" });
    expect((await openEventStream(server, `/live/stories/${draft.id}/events`)).response.status).toBe(404);
    expect((await openEventStream(server, `/live/stories/999999999/events`)).response.status).toBe(404);
  });

  it("tells a moderator's queue page when the queue moves, and the page's counts follow; nobody else may listen", async () => {
    const resident1 = await resident();
    const residentCookie = await cookieFor(resident1);
    expect((await openEventStream(server, "/live/moderation/events")).response.status).toBe(403);
    expect((await openEventStream(server, "/live/moderation/events", { Cookie: residentCookie })).response.status).toBe(403);
    expect((await request(server, "/moderation/counts", { headers: { Cookie: residentCookie }, redirect: "manual" })).status).not.toBe(200);

    const moderatorCookie = await cookieFor(await makeUser(db, { role: "moderator" }));
    const counts = async () => {
      const answer = await request(server, "/moderation/counts", { headers: { Cookie: moderatorCookie, Accept: "application/json" } });
      expect(answer.status).toBe(200);
      expect(answer.headers.get("cache-control")).toBe("no-store");
      return (await answer.json()) as { reported: number; held: number };
    };
    const before = await counts();
    const queue = await openEventStream(server, "/live/moderation/events", { Cookie: moderatorCookie, "Accept-Encoding": "gzip" });
    streams.push(queue);
    expect(queue.response.status).toBe(200);
    expect(queue.response.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(queue.response.headers.get("content-encoding")).toBeNull();
    // One on opening: whatever moved between the page's rendering and now.
    await queue.waitFor(1, { event: "queue" });

    const article = await makeArticle(db);
    const target = await makeComment(db, { articleId: article.id, authorId: (await resident()).id });
    await queue.waitFor(2, { event: "queue" });
    const report = await post(server, `/articles/${article.slug}`, { intent: "report", commentId: String(target.id), reason: "spam" }, { Cookie: residentCookie });
    expect(report.status).toBe(302);
    const told = await queue.waitFor(3, { event: "queue" });
    expect(JSON.parse(told[2]!.data).version).toBeGreaterThan(JSON.parse(told[1]!.data).version);
    expect(await counts()).toEqual({ reported: before.reported + 1, held: before.held });

    await db.updateTable("article").set({ premoderate: 1 }).where("id", "=", article.id).execute();
    await comment(`/articles/${article.slug}`, residentCookie, { intent: "comment", body: "Waiting for a moderator" });
    await queue.waitFor(4, { event: "queue" });
    expect(await counts()).toEqual({ reported: before.reported + 1, held: before.held + 1 });
    queue.close();
  });

  it("caps the streams a process keeps open, tells the rest when to try again, and frees a closed one", async () => {
    for (const stream of streams) stream.close();
    await waitUntil(async () => (await openStreamCount(server)) === 0);
    const article = await makeArticle(db);
    const open: OpenStream[] = [];
    for (let i = 0; i < 6; i++) open.push(await follow(article.id));
    expect(open.every((s) => s.response.status === 200)).toBe(true);
    expect(await openStreamCount(server)).toBe(6);

    const refused = await openEventStream(server, `/live/stories/${article.id}/events`);
    expect(refused.response.status).toBe(503);
    expect(refused.response.headers.get("retry-after")).toBe("30");
    expect(await refused.response.text()).toMatch(/try again in 30 seconds/i);

    open[0]!.close();
    await waitUntil(async () => (await openStreamCount(server)) === 5);
    const again = await follow(article.id);
    expect(again.response.status).toBe(200);
    for (const stream of [...open, again]) stream.close();
    await waitUntil(async () => (await openStreamCount(server)) === 0);
  });
});

describe("live streams under load: HEAD, back-pressure and the caps", () => {
  let database: EmptyTestDatabase;
  let db: Kysely<Database>;
  let server: RunningServer;
  const streams: OpenStream[] = [];
  const sockets: Socket[] = [];
  /** A stream from `address`, as the proxy in front (trusted on loopback) names the client. */
  const follow = async (path: string, address = "127.0.0.1", headers: Record<string, string> = {}) => {
    const stream = await openEventStream(server, path, { "X-Forwarded-For": address, ...headers });
    streams.push(stream);
    return stream;
  };
  /** A client speaking HTTP/1.1 on a socket of its own, reading only when asked. */
  const rawClient = () => {
    const socket = connect(Number(new URL(server.baseUrl).port), "127.0.0.1");
    sockets.push(socket);
    let received = "";
    socket.on("data", (chunk: Buffer) => (received += chunk.toString("latin1")));
    return {
      socket,
      received: () => received,
      send: (text: string) => socket.write(text.replaceAll("\n", "\r\n")),
      until: (pattern: RegExp) => waitUntil(async () => pattern.test(received)).then(() => received),
    };
  };

  /** A story followed by a reader who reads, and by a client that took its stream and then stopped reading. */
  const followedBySilentClient = async () => {
    const article = await makeArticle(db);
    const author = await makeUser(db);
    const reader = await follow(`/live/stories/${article.id}/events`);
    await reader.waitFor(1, { event: "ready" });
    const silent = rawClient();
    // HTTP/1.0: the stream's bytes arrive as written, without chunked framing.
    silent.send(`GET /live/stories/${article.id}/events HTTP/1.0\nHost: 127.0.0.1\nAccept: text/event-stream\n\n`);
    await silent.until(/event: ready/);
    silent.socket.pause();
    return { article, author, reader, silent };
  };
  /** `count` events (about 100 bytes each on the wire) written at once, and a posted comment that wakes the server. */
  const addEvents = async (articleId: number, authorId: number, count: number) => {
    for (let from = 0; from < count; from += 1_000) {
      const rows = Array.from({ length: 1_000 }, (_, j) => {
        const commentId = 2_000_000_000 + from + j;
        return { article_id: articleId, comment_id: commentId, parent_id: commentId, kind: "restored" as const, created_at: new Date().toISOString() };
      });
      await db.insertInto("comment_event").values(rows).execute();
    }
    await makeComment(db, { articleId, authorId });
    return count + 1;
  };
  /**
   * Events by the tens of thousands (2 MB a round), each round woken by a posted comment, until for `rounds`
   * rounds running the server has held bytes it could not write (a client's kernel buffers, a few MB on
   * loopback and more with autotuning, are full), or until it dropped a stream. Returns the events added.
   */
  const flood = async (articleId: number, authorId: number, rounds: number) => {
    const before = (await streamStats(server)).open;
    let events = 0;
    let mostBuffered = 0;
    for (let held = 0; held < rounds; ) {
      expect(events, "events sent before a client's buffers filled").toBeLessThan(400_000);
      events += await addEvents(articleId, authorId, 20_000);
      await new Promise((r) => setTimeout(r, 1_000));
      const stats = await streamStats(server);
      mostBuffered = Math.max(mostBuffered, stats.buffered);
      if (stats.open < before) break;
      held = stats.buffered > 0 ? held + 1 : 0;
    }
    return { events, mostBuffered };
  };

  beforeAll(async () => {
    database = await createTestDatabaseUrl();
    db = createDatabase(database.databaseUrl, { poolSize: 2 });
    server = await startServer("live-load", database.databaseUrl, { PARLEY_LIVE_STREAM_LIMIT: "4", PARLEY_LIVE_STREAMS_PER_ADDRESS: "2" });
  }, 60_000);

  afterEach(async () => {
    for (const stream of streams.splice(0)) stream.close();
    for (const socket of sockets.splice(0)) socket.destroy();
    await waitUntil(async () => {
      const stats = await streamStats(server);
      return stats.open === 0 && stats.queue === 0;
    });
  });

  afterAll(async () => {
    await stopServer(server);
    await db?.destroy();
    await database?.drop();
  });

  it("answers HEAD on a story's stream and the moderators' with headers only, opening and counting no stream", async () => {
    const article = await makeArticle(db);
    const moderatorCookie = `${SESSION_COOKIE}=${(await createSession(db, (await makeUser(db, { role: "moderator" })).id, { userAgent: "test" })).token}`;
    // More HEADs than the process keeps streams: none of them may hold a slot.
    for (let i = 0; i < 6; i++) {
      const story = await request(server, `/live/stories/${article.id}/events`, { method: "HEAD" });
      expect(story.status).toBe(200);
      expect(story.headers.get("content-type")).toMatch(/^text\/event-stream/);
      const queue = await request(server, "/live/moderation/events", { method: "HEAD", headers: { Cookie: moderatorCookie } });
      expect(queue.status).toBe(200);
    }
    expect((await request(server, "/live/stories/999999999/events", { method: "HEAD" })).status).toBe(404);
    expect((await request(server, "/live/moderation/events", { method: "HEAD" })).status).toBe(403);
    expect(await openStreamCount(server)).toBe(0);

    // On a connection kept open: the HEAD's answer ends (the next request on it is answered) and holds no slot.
    const client = rawClient();
    client.send(`HEAD /live/stories/${article.id}/events HTTP/1.1\nHost: 127.0.0.1\nAccept: text/event-stream\n\n`);
    expect(await client.until(/\r\n\r\n/)).toMatch(/^HTTP\/1\.1 200 .*text\/event-stream/s);
    expect(await streamStats(server)).toMatchObject({ open: 0, queue: 0 });
    client.send(`HEAD /live/moderation/events HTTP/1.1\nHost: 127.0.0.1\nCookie: ${moderatorCookie}\n\n`);
    client.send("GET /live/streams HTTP/1.1\nHost: 127.0.0.1\n\n");
    expect((await client.until(/HTTP\/1\.1 \d+[^]*HTTP\/1\.1 \d+[^]*HTTP\/1\.1 200/)).match(/^HTTP\/1\.1 \d+/gm)).toEqual(["HTTP/1.1 200", "HTTP/1.1 200", "HTTP/1.1 200"]);
    expect(await streamStats(server)).toMatchObject({ open: 0, queue: 0 });
    expect(client.socket.destroyed).toBe(false);
  });

  it("caps the streams one address keeps open, answering the next 429 with when to try again, while other addresses follow", async () => {
    const article = await makeArticle(db);
    const path = `/live/stories/${article.id}/events`;
    const open = [await follow(path, "203.0.113.7"), await follow(path, "203.0.113.7")];
    expect(open.map((s) => s.response.status)).toEqual([200, 200]);

    // The same client, whichever way its address is written.
    for (const address of ["203.0.113.7", "::ffff:203.0.113.7"]) {
      const refused = await follow(path, address);
      expect(refused.response.status).toBe(429);
      expect(refused.response.headers.get("retry-after")).toBe("30");
      expect(await refused.response.text()).toMatch(/try again in 30 seconds/i);
    }
    const other = await follow(path, "198.51.100.4");
    expect(other.response.status).toBe(200);
    expect(await openStreamCount(server)).toBe(3);

    open[0]!.close();
    await waitUntil(async () => (await openStreamCount(server)) === 2);
    expect((await follow(path, "203.0.113.7")).response.status).toBe(200);
  });

  it("does not cap by address the streams of the server's own machine (the bench, a proxy that names no client)", async () => {
    const article = await makeArticle(db);
    const local = [];
    for (let i = 0; i < 3; i++) local.push(await follow(`/live/stories/${article.id}/events`, "127.0.0.1"));
    expect(local.map((s) => s.response.status)).toEqual([200, 200, 200]);
    expect(await openStreamCount(server)).toBe(3);
  });

  it("keeps moderators' queue streams apart from the readers' cap, so readers filling every slot do not lock them out", async () => {
    const article = await makeArticle(db);
    const path = `/live/stories/${article.id}/events`;
    const readers: OpenStream[] = [];
    for (const address of ["192.0.2.1", "192.0.2.1", "192.0.2.2", "192.0.2.2"]) readers.push(await follow(path, address));
    expect(readers.map((s) => s.response.status)).toEqual([200, 200, 200, 200]);
    expect((await follow(path, "192.0.2.5")).response.status).toBe(503);

    const moderator = await makeUser(db, { role: "moderator" });
    const cookie = `${SESSION_COOKIE}=${(await createSession(db, moderator.id, { userAgent: "test" })).token}`;
    // From an address whose readers are at their own cap too (a newsroom behind one address).
    const queues = [await follow("/live/moderation/events", "192.0.2.1", { Cookie: cookie }), await follow("/live/moderation/events", "192.0.2.1", { Cookie: cookie })];
    expect(queues.map((s) => s.response.status)).toEqual([200, 200]);
    await queues[1]!.waitFor(1, { event: "queue" });
    expect(await streamStats(server)).toMatchObject({ open: 4, queue: 2 });
  });

  it("drops a stream whose reader stopped reading, keeping what it holds for them small, while others read on", async () => {
    // A client that asks for the stream and then reads nothing: its socket's buffers fill and stay full.
    const { article, author, reader } = await followedBySilentClient();
    await waitUntil(async () => (await streamStats(server)).open === 2);

    const flooded = await flood(article.id, author.id, 2);
    let mostBuffered = flooded.mostBuffered;
    // Dropped a few seconds after its socket last drained; meanwhile it costs no more than one write.
    await waitUntil(async () => {
      const stats = await streamStats(server);
      mostBuffered = Math.max(mostBuffered, stats.buffered);
      return stats.open === 1;
    }, 10_000);
    expect(mostBuffered, "bytes the server held for its streams at most").toBeLessThan(256 * 1024);
    // The reader who reads gets everything, the stalled one's trouble notwithstanding.
    await waitUntil(async () => reader.events.filter((e) => e.event === "comment").length === flooded.events, 20_000);
    expect((await streamStats(server)).open).toBe(1);
  }, 60_000);

  it("lets a reader who fell behind and caught up have every event once and in order", async () => {
    const { article, author, reader, silent: slow } = await followedBySilentClient();
    // About 8 MB of events: the slow client's buffers fill part of the way through. It reads again while
    // the server is still sending the rest to the other reader, well before the server would give up on it.
    const added = await addEvents(article.id, author.id, 80_000);
    await waitUntil(() => reader.events.length > 55_000, 20_000);
    slow.socket.resume();
    await waitUntil(() => reader.events.length > added, 20_000);
    const ids = () => [...slow.received().matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    await waitUntil(() => ids().length >= added, 20_000);
    await makeComment(db, { articleId: article.id, authorId: author.id });
    const logged = (await db.selectFrom("comment_event").select("id").where("article_id", "=", article.id).orderBy("id").execute()).map((r) => Number(r.id));
    await waitUntil(() => ids().length >= logged.length, 5_000);
    expect(ids()).toEqual(logged);
  }, 60_000);
});

describe.skipIf(testDialect() !== "postgres")("live updates across two app servers on PostgreSQL", () => {
  let database: EmptyTestDatabase;
  let db: Kysely<Database>;
  let a: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    database = await createTestDatabaseUrl();
    db = createDatabase(database.databaseUrl, { poolSize: 2 });
    [a, b] = await Promise.all([startServer("A", database.databaseUrl), startServer("B", database.databaseUrl)]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([stopServer(a), stopServer(b)]);
    await db?.destroy();
    await database?.drop();
  });

  it("delivers a comment posted through one server to a reader following on the other within a second", async () => {
    const article = await makeArticle(db);
    const user = await makeUser(db, { createdAt: new Date(Date.now() - 30 * 86_400_000).toISOString() });
    await db.updateTable("user").set({ trusted: 1 }).where("id", "=", user.id).execute();
    const cookie = `${SESSION_COOKIE}=${(await createSession(db, user.id, { userAgent: "test" })).token}`;
    const stream = await openEventStream(b, `/live/stories/${article.id}/events`);
    await stream.waitFor(1, { event: "ready" });
    try {
      const answer = await post(a, `/articles/${article.slug}`, { intent: "comment", body: "Through server A" }, { Cookie: cookie });
      expect(answer.status).toBe(302);
      const answeredAt = Date.now();
      const [event] = await stream.waitFor(1);
      expect(event!.receivedAt - answeredAt).toBeLessThan(1_000);
      expect(JSON.parse(event!.data)).toMatchObject({ kind: "posted", parentId: null });
    } finally {
      stream.close();
    }
  });
});

async function streamStats(server: RunningServer) {
  const url = new URL("/live/streams", server.baseUrl);
  // Once more on a reset: a kept-alive connection idle as long as the server keeps one can close under the request.
  const answer = await fetch(url).catch(() => fetch(url));
  return (await answer.json()) as { open: number; queue: number; buffered: number };
}

async function waitUntil(condition: () => boolean | Promise<boolean>, ms = 3_000) {
  const until = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 25));
  }
}
