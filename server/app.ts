import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { createServer as createHttpServer, type Server } from "node:http";
import { resolve } from "node:path";
import { CLIENT_ADDRESS_HEADER } from "../app/auth/client-address.server";
import { checkSameOrigin } from "../app/auth/csrf.server";
import { createDatabase, parseDatabaseUrl } from "../db/database";
import { LiveUpdates } from "./live-updates";
import { readerLayerAnswer, readerLayerMiddleware } from "./reader-layer";
import { ScheduledPublisher } from "./scheduled-publisher";
import { ModerationWatch } from "./moderation-watch";
import { cachedAnswer, PageCache, pageCacheMiddleware } from "./page-cache";
import { answerFaults, readFormBody, refuseMalformedRequests, remixHandler } from "./request-guard";
import { securityHeaders } from "./security-headers";

export interface AppOptions {
  /** The Remix server build, or a function returning it (Vite's dev server reloads it per request). */
  build: ServerBuild | (() => Promise<ServerBuild>);
  /** Folder of the client build (hashed assets); omitted in development, where Vite serves them. */
  clientDir?: string;
  /** Extra middleware before the request handler (Vite's in development). */
  before?: express.RequestHandler[];
  /** The anonymous page cache; off in development, where the build changes under it. */
  pageCache?: PageCache;
  /** Vite's development server: its client needs inline styles and a WebSocket. */
  development?: boolean;
  /** The live-update streams (ADR 15); by default made here, on the page cache's database and versions. */
  liveUpdates?: LiveUpdates;
}

/**
 * The HTTP server: a page the cache holds and a story's reader layer go out before Express (cachedAnswer
 * in server/page-cache.ts, readerLayerAnswer in server/reader-layer.ts: the same answers the middlewares
 * give, without Express's work per request); everything else, misses included, through the app below.
 */
export function createServer(options: AppOptions): Server {
  const app = createApp(options);
  const before = { trustProxy: app.get("trust proxy fn"), development: options.development };
  // A visitor's layer is the same fixed answer with or without the cache; a reader's needs the cache's
  // connection, a cached page the cache.
  const reads = options.pageCache?.readDatabase() ?? null;
  const answers = [readerLayerAnswer(reads, before, app), ...(options.pageCache ? [cachedAnswer(options.pageCache, before)] : [])];
  return createHttpServer((req, res) => {
    for (const answer of answers) if (answer(req, res)) return;
    app(req, res);
  });
}

/** The HTTP application: static assets, then every other request through Remix. */
export function createApp(options: AppOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use(securityHeaders({ development: options.development }));
  app.use(refuseMalformedRequests);
  app.use(passClientAddress);
  // Event streams before the page cache and compression: never cached, never compressed, never buffered.
  app.use(liveUpdatesFor(options).middleware());
  // A story page's personal layer (ADR 18): every page view asks for it, so it is answered here.
  // Without the page cache (development) the route answers it.
  app.use(readerLayerMiddleware(options.pageCache?.readDatabase() ?? null));
  const reads = options.pageCache?.readDatabase();
  if (options.pageCache && reads) {
    // Scheduled stories are published at their time, so that versions and live streams move (issue 27).
    const publisher = new ScheduledPublisher(reads, options.pageCache.versions);
    options.pageCache.closeWith(() => publisher.stop());
    // Staffed hours switch at their time, and alerts reach moderators (issue 15).
    const watch = new ModerationWatch(reads);
    options.pageCache.closeWith(() => watch.stop());
  }
  // Files at the root of the client build (favicon.ico, and any added later) have an extension; pages
  // mostly do not, and skip the disk lookup. Before the page cache, so that a file is never taken for a
  // page (routes with an extension, such as /feed.xml, find no file and go on).
  if (options.clientDir) {
    const rootFiles = express.static(options.clientDir, { maxAge: "1h", index: false });
    app.use((req, res, next) => (/\.\w+$/.test(req.path) && !req.path.startsWith("/assets/") ? rootFiles(req, res, next) : next()));
  }
  if (options.pageCache) {
    // First in line: a cached page is answered before any other work, compressed once per version.
    app.use(pageCacheMiddleware(options.pageCache, options.build));
  }
  // Pages and files are compressed; the short answers to form posts are not worth the time it costs.
  app.use(compression({ filter: (req, res) => (req.method === "GET" || req.method === "HEAD") && compression.filter(req, res) }));
  for (const middleware of options.before ?? []) app.use(middleware);
  if (options.clientDir) {
    app.use(
      "/assets",
      express.static(resolve(options.clientDir, "assets"), { immutable: true, maxAge: "1y", index: false }),
    );
  }
  app.use(refuseCrossSiteWrites);
  app.use(readFormBody);
  const versions = options.pageCache?.versions;
  app.all("*", remixHandler(options.build, { afterWrite: versions ? () => versions.refresh() : undefined }));
  app.use(answerFaults);
  return app;
}

function liveUpdatesFor(options: AppOptions): LiveUpdates {
  if (options.liveUpdates) return options.liveUpdates;
  const pageCache = options.pageCache;
  // An in-memory database exists only in the connection server.ts handed to the app. A file gets a
  // connection of its own: SQLite's one connection is a queue, and a stream's read must not wait
  // behind the renderings a post sets off (WAL lets the two read at once).
  const target = parseDatabaseUrl(pageCache?.databaseUrl);
  const inMemory = target.dialect === "sqlite" && target.filename === ":memory:";
  const shared = inMemory ? (globalThis as { __parley?: { db?: ReturnType<typeof createDatabase> } }).__parley?.db : undefined;
  const db = shared ?? createDatabase(pageCache?.databaseUrl, { poolSize: 2 });
  const live = new LiveUpdates({ db, versions: pageCache?.versions });
  pageCache?.closeWith(async () => {
    await live.close();
    if (!shared) await db.destroy();
  });
  return live;
}

/** The one place cross-site request forgery is stopped: before any action runs. */
const refuseCrossSiteWrites: express.RequestHandler = (req, res, next) => {
  const siteOrigin = process.env.PARLEY_ORIGIN ?? `${req.protocol}://${req.get("host")}`;
  const verdict = checkSameOrigin({
    method: req.method,
    siteOrigin,
    secFetchSite: req.get("sec-fetch-site"),
    origin: req.get("origin"),
  });
  if (verdict.ok) return next();
  res
    .status(403)
    .type("text/plain")
    .send("This form was sent from another site, so it was refused. Go back to the page, reload it and try again.");
};

/**
 * Remix's request carries no client address, so the server hands it over in a header of its own,
 * always overwriting whatever a client sent under that name. Behind a proxy, "trust proxy" decides
 * what req.ip is.
 */
const passClientAddress: express.RequestHandler = (req, _res, next) => {
  req.headers[CLIENT_ADDRESS_HEADER] = req.ip ?? req.socket.remoteAddress ?? "unknown";
  next();
};
