import type { ServerBuild } from "@remix-run/node";
import type { Kysely, LogEvent } from "kysely";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createDatabase } from "../../db/database";
import { migrateToLatest } from "../../db/migrate";
import type { Database } from "../../db/schema";
import { createServer } from "../../server/app";
import { PageCache } from "../../server/page-cache";
import { createSession, SESSION_COOKIE } from "../../app/auth/session.server";
import { createTestDatabaseUrl } from "./test-db";

export interface TestServer {
  baseUrl: string;
  /** The SQLite file the server uses. */
  databaseUrl: string;
  /** A handle on the same SQLite file the server uses, for factories and checks. */
  db: Kysely<Database>;
  /**
   * Real HTTP to the running server; redirects are not followed so tests can see them. Requests that
   * change things carry the site's own Origin, as a browser's would, unless the test sets another.
   */
  request(path: string, init?: RequestInit & { as?: { id: number } }): Promise<Response>;
  /** A form post, as a browser sends it from one of the site's pages. */
  post(path: string, fields: Record<string, string>, init?: RequestInit & { as?: { id: number } }): Promise<Response>;
  /** A Cookie header that signs this user in (a real session in the database). */
  cookieFor(user: { id: number }): Promise<string>;
  /** How many SQL statements the server ran while `work` ran. */
  countQueries(work: () => Promise<unknown>): Promise<number>;
  close(): Promise<void>;
}

/**
 * Starts the production build of the app on a fresh SQLite file and a free port. Each test file runs in
 * its own process (vitest's forks pool), so each gets its own database and its own app instance.
 */
export async function startTestServer(): Promise<TestServer> {
  const buildPath = resolve("build/server/index.js");
  if (!existsSync(buildPath)) {
    throw new Error('The integration tests run against the production build: run "npm run build" first (npm test does).');
  }
  // Mail goes to an outbox of the test file's own, never into the repository's data folder (a file that
  // reads its mail sets its own first: accounts-support.ts).
  if (!process.env.OUTBOX_DIR) {
    process.env.OUTBOX_DIR = mkdtempSync(join(tmpdir(), "parley-test-outbox-"));
    process.env.MAIL_LOG ??= "off";
  }
  const fresh = await createTestDatabaseUrl();
  const databaseUrl = fresh.databaseUrl;
  process.env.DATABASE_URL = databaseUrl;
  const db = createDatabase(databaseUrl);
  await migrateToLatest(db);

  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  // The anonymous page cache is on, as in production: every test also proves it never serves stale pages.
  const pageCache = new PageCache({ databaseUrl });
  const server = createServer({ build, clientDir: resolve("build/client"), pageCache }).listen(0, "127.0.0.1");
  await new Promise<void>((ok) => server.once("listening", () => ok()));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  const observers = (globalThis as { __parley?: { queryObservers?: Set<(e: LogEvent) => void> } }).__parley
    ?.queryObservers;

  const cookieFor = async (user: { id: number }) => {
    const { token } = await createSession(db, user.id, { userAgent: "test" });
    return `${SESSION_COOKIE}=${token}`;
  };
  const request = async (path: string, init: RequestInit & { as?: { id: number } } = {}) => {
    const { as, ...rest } = init;
    const headers = new Headers(rest.headers);
    const method = (rest.method ?? "GET").toUpperCase();
    if (method !== "GET" && method !== "HEAD" && !headers.has("Origin")) headers.set("Origin", baseUrl);
    if (as) headers.set("Cookie", await cookieFor(as));
    // The test writes through its own handle, as another app server would. On PostgreSQL the server
    // hears of those writes by NOTIFY a moment later (tests/integration/two-servers.test.ts measures
    // that); here it catches up first, so that each test sees its own writes at once.
    await pageCache.versions.refresh();
    return fetch(new URL(path, baseUrl), { redirect: "manual", ...rest, headers });
  };

  return {
    baseUrl,
    databaseUrl,
    db,
    request,
    post: (path, fields, init = {}) =>
      request(path, { ...init, method: "POST", body: new URLSearchParams(fields) }),
    cookieFor,
    async countQueries(work) {
      if (!observers) throw new Error("The app's database did not expose its query observers.");
      let count = 0;
      const observe = () => {
        count++;
      };
      observers.add(observe);
      try {
        await work();
      } finally {
        observers.delete(observe);
      }
      return count;
    },
    async close() {
      await new Promise<void>((ok) => server.close(() => ok()));
      await pageCache.close();
      await db.destroy();
      await fresh.drop();
    },
  };
}
