import type { ServerBuild } from "@remix-run/node";
import type { Kysely, LogEvent } from "kysely";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createDatabase } from "../../db/database";
import { migrateToLatest } from "../../db/migrate";
import type { Database } from "../../db/schema";
import { createApp } from "../../server/app";

export interface TestServer {
  baseUrl: string;
  /** A handle on the same SQLite file the server uses, for factories and checks. */
  db: Kysely<Database>;
  /** Real HTTP to the running server; redirects are not followed so tests can see them. */
  request(path: string, init?: RequestInit): Promise<Response>;
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
  const dir = mkdtempSync(join(tmpdir(), "parley-test-"));
  const databaseUrl = join(dir, "parley.db");
  process.env.DATABASE_URL = databaseUrl;
  const db = createDatabase(databaseUrl);
  await migrateToLatest(db);

  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  const app = createApp({ build, clientDir: resolve("build/client") });
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((ok) => server.once("listening", () => ok()));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  const observers = (globalThis as { __parley?: { queryObservers?: Set<(e: LogEvent) => void> } }).__parley
    ?.queryObservers;

  return {
    baseUrl,
    db,
    request: (path, init) => fetch(new URL(path, baseUrl), { redirect: "manual", ...init }),
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
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
