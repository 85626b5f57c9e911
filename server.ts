import type { ServerBuild } from "@remix-run/node";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { checkDatabaseReachable, createDatabase, DatabaseUrlError, resolveDatabaseUrl, withStartupLock } from "./db/database";
import { migrateToLatest, MigrationError } from "./db/migrate";
import { isDatabaseEmpty, seedDemo } from "./db/seed";
import { createServer } from "./server/app";
import { PageCache } from "./server/page-cache";

const dev = process.argv.includes("--dev");
const port = Number.parseInt(process.env.PORT ?? "3000", 10);

let inMemory = false;
try {
  inMemory = resolveDatabaseUrl() === ":memory:";
} catch (error) {
  console.error(`Parley did not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

/**
 * Migrate, and seed the demo on an empty database, before the first request is served. An in-memory
 * database lives only in its one connection, so that connection is handed to the app (app/db.server.ts
 * takes the instance it finds on globalThis.__parley) instead of being closed.
 */
async function prepareDatabase() {
  const db = createDatabase();
  if (inMemory) (globalThis as { __parley?: { db?: unknown } }).__parley = { db };
  try {
    await checkDatabaseReachable(db);
    // Two servers starting together on one PostgreSQL database: the second waits here, then finds the
    // migrations applied and the demo already seeded.
    await withStartupLock(db, async () => {
      const applied = await migrateToLatest(db);
      if (applied.length) console.log(`Migrated ${resolveDatabaseUrl()}: ${applied.join(", ")}`);
      if (process.env.PARLEY_SEED !== "off" && (await isDatabaseEmpty(db))) {
        console.log("Empty database: adding the demo content (about 10 seconds)...");
        const summary = await seedDemo(db);
        console.log(`Seeded ${summary.articles} stories, ${summary.users} people, ${summary.comments} comments.`);
      }
    });
  } finally {
    if (!inMemory) await db.destroy();
  }
}

async function start() {
  try {
    await prepareDatabase();
  } catch (error) {
    console.error(
      error instanceof MigrationError || error instanceof DatabaseUrlError
        ? `Parley did not start: ${error.message}`
        : `Parley did not start: the database could not be prepared.\n${String(error)}`,
    );
    process.exit(1);
  }

  let server;
  if (dev) {
    const vite = await import("vite");
    const viteServer = await vite.createServer({ server: { middlewareMode: true } });
    server = createServer({
      before: [viteServer.middlewares],
      development: true,
      build: () => viteServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>,
    });
  } else {
    const buildPath = resolve("build/server/index.js");
    if (!existsSync(buildPath)) {
      console.error('Parley did not start: there is no build. Run "npm run build" (or "npm start", which builds).');
      process.exit(1);
    }
    const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
    // The cache learns of writes from another connection's view of the file; an in-memory database has none.
    const pageCache = process.env.PARLEY_PAGE_CACHE === "off" || inMemory ? undefined : new PageCache();
    server = createServer({ build, clientDir: resolve("build/client"), pageCache });
  }

  server.listen(port, () => {
    console.log(`Parley is serving ${resolveDatabaseUrl()} on http://localhost:${port}`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

await start();
