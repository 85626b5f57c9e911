import { connect, createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../db/database";
import { makeArticle } from "../factories";
import { createTestDatabaseUrl, testDialect, type EmptyTestDatabase } from "../support/test-db";
import { freePort, request, startServer, stopServer, type RunningServer } from "../support/app-process";

/**
 * Losing the database while serving: the app server reaches PostgreSQL through a TCP relay that the
 * test can cut, as a network fault or a database restart would. Requests then answer 503 with a retry
 * hint (never 500, never a hang), and the site recovers by itself once the database is back.
 */
class Relay {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  async open() {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on("close", () => this.sockets.delete(socket));
        socket.on("error", () => {});
      }
      client.pipe(upstream).pipe(client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
    await new Promise<void>((ok) => this.server!.listen(this.port, "127.0.0.1", ok));
  }

  /** Every connection dropped and new ones refused. */
  async cut() {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise((ok) => server.close(ok));
  }
}

describe.skipIf(testDialect() !== "postgres")("when the database goes away", () => {
  let database: EmptyTestDatabase;
  let relay: Relay;
  let app: RunningServer;
  let slug: string;

  beforeAll(async () => {
    database = await createTestDatabaseUrl();
    const direct = new URL(database.databaseUrl);
    const db = createDatabase(database.databaseUrl, { poolSize: 1 });
    slug = (await makeArticle(db, { headline: "Causeway closed by the storm" })).slug;
    await db.destroy();
    relay = new Relay(await freePort(), { host: direct.hostname, port: Number(direct.port || 5432) });
    await relay.open();
    const relayed = new URL(database.databaseUrl);
    relayed.port = String(relay.port);
    // The page cache on, as in production: cached page types answer 503 too (issue 27, part 6).
    app = await startServer("outage", relayed.toString());
  }, 60_000);

  afterAll(async () => {
    await stopServer(app);
    await relay?.cut();
    await database?.drop();
  });

  it("answers 503 with Retry-After while it is gone, and serves again by itself when it is back", async () => {
    const pages = [`/articles/${slug}`, "/", "/login", "/feed.xml", "/sitemap.xml", `/articles/${slug}/comments.xml`];
    for (const path of pages) expect((await request(app, path)).status, path).toBe(200);
    await relay.cut();
    // The server learns of the cut when its listening connection closes, a moment later: until then a
    // cached page may still go out (which is fine). Once a page says 503, every page must.
    for (let i = 0; i < 40 && (await request(app, `/articles/${slug}`)).status !== 503; i++) await new Promise((r) => setTimeout(r, 50));
    for (const path of pages) {
      const started = Date.now();
      const response = await request(app, path).catch((error) => {
        throw new Error(`${path}: ${String(error)}\n${app.output.join("")}`);
      });
      expect(response.status, path).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      expect(await response.text()).toContain("cannot reach its database");
      expect(Date.now() - started).toBeLessThan(8_000);
    }
    await relay.open();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await request(app, `/articles/${slug}`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
    expect(app.output.join("")).not.toMatch(/\n\s+at /); // no stack trace in the log
  }, 60_000);
});
