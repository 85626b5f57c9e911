import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { createHash } from "node:crypto";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import type express from "express";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { SplicedBody } from "./spliced-body";
import { generateNonce, securityHeaderList } from "./security-headers";
import { plainRequest, unavailable, type TrustProxy } from "./request-guard";
import { createDatabase, databaseUnavailableCount, parseDatabaseUrl } from "../db/database";
import { ContentVersions, type PageDependencies } from "./content-versions";
import type { Kysely } from "kysely";
import { blankSessionCookie, hashToken, readSessionToken, SESSION_COOKIE } from "../app/auth/session.server";
import type { Database } from "../db/schema";
import { isPersonalStoryQuery, STORY_DATA_PATH, STORY_PAGE_PATH, STORY_ROUTE_ID } from "../app/utils/story-address";
import { LIST_PAGE_VALUE } from "../app/utils/http";

/**
 * A cache of whole pages for readers who are not signed in: most visitors to a local news site arrive
 * anonymously, all at once, to the same story.
 *
 * Correctness first. Every entry belongs to the content versions it was made under (ContentVersions,
 * ADR 13): a story's page to that story's version and the site's, any other page to the site's and
 * every story's. The first request after a comment is posted, edited or moderated, or a story changes,
 * on this app server or any other, finds that story's page stale; a failed sign-in or a session touch
 * changes no version and empties nothing. Entries also expire after a short time and at the moment the
 * next scheduled story goes live, because those changes come with time rather than with a write. Only
 * GET requests are served from here: anonymous ones, and a story's page for every reader (ADR 18: its
 * personal layer comes apart). Pages are rendered without the request's cookies, and only responses
 * that set no cookie are kept; anything personal never enters the cache.
 */
export interface PageCacheOptions {
  /** The database the app writes to (DATABASE_URL); the cache only reads its content versions. */
  databaseUrl?: string;
  ttlMs?: number;
  maxEntries?: number;
  /** Bound on the memory the pages take, bodies and compressed copies together (default 32 MB). */
  maxBytes?: number;
}

interface Entry {
  status: number;
  headers: [string, string][];
  /** The page, cut where its CSP nonce goes: every answer carries a nonce of its own (ADR 14). */
  body: SplicedBody;
  etag: string;
  expiresAt: number;
  /** The content-version stamp at which the rendering began, and what the page shows. */
  madeAt: number;
  dependencies: PageDependencies;
  gzip?: Buffer;
  br?: Buffer;
}

/** The response header a story's routes set to say which story a page shows (never sent out). */
export const ARTICLE_HEADER = "x-parley-article";

/** What a rendered page depends on, from the header its route set. */
export function dependenciesOf(headers: Headers): PageDependencies {
  if (headers.get(ARTICLE_HEADER) === LIST_PAGE_VALUE) return { articleId: null, listsOnly: true };
  const id = Number(headers.get(ARTICLE_HEADER));
  return { articleId: Number.isInteger(id) && id > 0 ? id : null };
}

const PRIVATE_PREFIXES = [
  "/editor",
  "/admin",
  "/moderation/",
  "/settings",
  "/notifications",
  "/login",
  "/logout",
  "/join",
  "/forgot-password",
  "/reset-password",
  "/verify-email",
];

export const ANONYMOUS_CACHE_CONTROL = "public, max-age=0, s-maxage=30, stale-while-revalidate=60";
export const PERSONAL_CACHE_CONTROL = "private, no-cache";

function hasSession(cookie: string | undefined): boolean {
  return typeof cookie === "string" && cookie.includes(`${SESSION_COOKIE}=`);
}

/** What the cache decides from: the method, the address as asked, and the Cookie header. */
export interface CacheRequest {
  method: string;
  /** The path alone (Express's req.path). */
  path: string;
  /** The path and query as asked (Express's req.originalUrl). */
  url: string;
  cookie: string | undefined;
}

function cacheRequestOf(req: express.Request): CacheRequest {
  return { method: req.method, path: req.path, url: req.originalUrl, cookie: req.headers.cookie };
}

/** The query parameters each cached page type reads; any other is dropped before the cache looks or renders. */
const KNOWN_PARAMS: [RegExp, string[]][] = [
  [STORY_PAGE_PATH, ["sort", "page"]],
  [STORY_DATA_PATH, ["sort", "page", "_routes"]],
  // The front page also answers WordPress's plain links (/?p=123) with a move to the imported story.
  [/^\/$/, ["page", "p"]],
  [/^\/categories\/[^/.]+$/, ["page"]],
];

/**
 * The address a cached page is kept and rendered under. Parameters a page does not read (a tracking tag,
 * `?r=random`) would otherwise make a new entry, and a new rendering, each: they are dropped, and the
 * ones it reads are put in one order. Other addresses are kept as asked.
 */
export function canonicalAddress(path: string, originalUrl: string): string {
  const known = KNOWN_PARAMS.find(([pattern]) => pattern.test(path))?.[1];
  const query = originalUrl.indexOf("?");
  if (!known || query === -1) return originalUrl;
  const asked = new URLSearchParams(originalUrl.slice(query + 1));
  const kept = new URLSearchParams();
  for (const name of known) {
    const value = asked.get(name);
    if (value !== null) kept.set(name, value);
  }
  const search = kept.toString();
  return `${originalUrl.slice(0, query)}${search ? `?${search}` : ""}`;
}

/**
 * How long a page may still be served after a write made it stale, while its new rendering is made
 * (stale-while-revalidate inside the process). Readers who arrive in that time get the old page at
 * once; those who arrive later wait for the one rendering in flight.
 */
export const STALE_SERVE_MS = 300;

/** A rendering in flight: every reader who asks for the same page meanwhile waits for it. */
interface Rendering {
  madeAt: number;
  done: Promise<Entry | null>;
}

export class PageCache {
  private readonly entries = new Map<string, Entry>();
  /** Pages a write made stale, kept for STALE_SERVE_MS from the moment that was noticed. */
  private readonly stale = new Map<string, { entry: Entry; until: number }>();
  private readonly rendering = new Map<string, Rendering>();
  /** What each page showed when last rendered, so readers can tell whether a rendering in flight is current. */
  private readonly dependenciesByKey = new Map<string, PageDependencies>();
  readonly versions: ContentVersions;
  readonly ttlMs: number;
  readonly maxEntries: number;
  readonly maxBytes: number;
  hits = 0;
  misses = 0;
  /** Renderings made for the cache (a reader who waited for another's rendering adds nothing here). */
  renders = 0;

  readonly databaseUrl: string | undefined;
  private readonly closers: (() => unknown)[] = [];

  constructor(options: PageCacheOptions = {}) {
    this.databaseUrl = options.databaseUrl;
    this.versions = new ContentVersions(options.databaseUrl);
    this.ttlMs = options.ttlMs ?? 30_000;
    this.maxEntries = options.maxEntries ?? 500;
    this.maxBytes = options.maxBytes ?? 32 * 2 ** 20;
  }

  isCacheable(req: CacheRequest, options: { asVisitor?: boolean } = {}): boolean {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const path = req.path;
    // A story's page is the same for every reader, signed in or not (ADR 18), unless a link opened a
    // comment form on it: that page is rendered for its reader.
    const queryAt = req.url.indexOf("?");
    const query = new URLSearchParams(queryAt === -1 ? "" : req.url.slice(queryAt + 1));
    if (STORY_PAGE_PATH.test(path)) return !isPersonalStoryQuery(query);
    // Its data for a navigation or a live update's re-read, for the story's own loader alone: the same.
    if (STORY_DATA_PATH.test(path) && query.get("_routes") === STORY_ROUTE_ID) return !isPersonalStoryQuery(query);
    if (hasSession(req.cookie) && !options.asVisitor) return false;
    // Story images (/media/) carry their own year-long Cache-Control; a page's 30 seconds would replace it.
    if (path === "/moderation" || path.startsWith("/assets/") || path.startsWith("/media/")) return false;
    return !PRIVATE_PREFIXES.some((prefix) => path === prefix || path.startsWith(prefix.endsWith("/") ? prefix : `${prefix}/`) || path.startsWith(`${prefix}.`));
  }

  private reads: Kysely<Database> | null | undefined;

  /**
   * The connection server/ reads the app's database through before Remix (session checks here, the
   * reader layer in server/reader-layer.ts): one pool, made on first use and closed with the cache. An
   * in-memory database exists only in the connection server.ts handed over; null when there is none.
   */
  readDatabase(): Kysely<Database> | null {
    if (this.reads !== undefined) return this.reads;
    const target = parseDatabaseUrl(this.databaseUrl);
    if (target.dialect === "sqlite" && target.filename === ":memory:") {
      this.reads = (globalThis as { __parley?: { db?: Kysely<Database> } }).__parley?.db ?? null;
    } else {
      const db = createDatabase(this.databaseUrl);
      this.reads = db;
      this.closeWith(() => db.destroy());
    }
    return this.reads;
  }

  /**
   * Whether the request's session cookie names a session that is still good. A cookie that names none
   * (expired, signed out elsewhere, made up) gets the visitor's page from the cache rather than a fresh
   * rendering each time. Without a database to ask, every cookie counts as a session.
   */
  async namesSession(req: express.Request): Promise<boolean> {
    const db = this.readDatabase();
    if (!db) return true;
    const token = readSessionToken(new Request(`${req.protocol}://localhost/`, { headers: { cookie: req.headers.cookie ?? "" } }));
    if (!token) return false;
    const session = await db
      .selectFrom("session")
      .select("id")
      .where("id", "=", hashToken(token))
      .where("expires_at", ">", new Date().toISOString())
      .executeTakeFirst();
    return session !== undefined;
  }

  lookup(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const now = Date.now();
    if (entry.expiresAt <= now || !this.versions.unchangedSince(entry.madeAt, entry.dependencies)) {
      this.entries.delete(key);
      // Gone stale by a write (not by age): it may bridge the moment until the new rendering is ready.
      // It still counts against the byte cap (see fit).
      if (entry.expiresAt > now) {
        this.stale.set(key, { entry, until: now + STALE_SERVE_MS });
        this.fit(0);
      }
      return undefined;
    }
    return entry;
  }

  /** The page a write made stale a moment ago, while it may still be served; undefined after that. */
  staleEntry(key: string): Entry | undefined {
    const kept = this.stale.get(key);
    if (!kept) return undefined;
    if (kept.until > Date.now()) return kept.entry;
    this.stale.delete(key);
    return undefined;
  }

  /**
   * The rendering of this page in flight, if it started after anything the page shows last changed
   * (so its result is current): a reader arriving now waits for it instead of rendering again.
   */
  renderingInFlight(key: string): Rendering | undefined {
    const rendering = this.rendering.get(key);
    if (!rendering) return undefined;
    const dependencies = this.dependenciesByKey.get(key) ?? { articleId: null };
    return this.versions.unchangedSince(rendering.madeAt, dependencies) ? rendering : undefined;
  }

  /** Renders a page once however many readers ask for it at the same time, and keeps the result. */
  renderOnce(key: string, render: (madeAt: number) => Promise<Entry | null>): Rendering {
    const madeAt = this.beginRendering();
    this.renders++;
    const rendering: Rendering = {
      madeAt,
      done: render(madeAt)
        .then((entry) => {
          const bridging = this.stale.get(key);
          if (!entry || this.entries.get(key) === entry) this.stale.delete(key);
          // Stale already when done (a write landed meanwhile): still newer than the page it replaces,
          // so it bridges instead, but no longer than the first stale page was allowed to.
          else if (bridging) bridging.entry = entry;
          return entry;
        })
        .finally(() => {
          if (this.rendering.get(key) === rendering) this.rendering.delete(key);
        }),
    };
    this.rendering.set(key, rendering);
    return rendering;
  }

  /** The stamp to pass to store() once the page is rendered. */
  beginRendering(): number {
    return this.versions.now();
  }

  store(key: string, response: { status: number; headers: Headers; body: SplicedBody }, madeAt: number): Entry | undefined {
    const dependencies = dependenciesOf(response.headers);
    const entry = this.makeEntry(response, madeAt, dependencies);
    this.dependenciesByKey.delete(key);
    this.dependenciesByKey.set(key, dependencies);
    if (this.dependenciesByKey.size > 4 * this.maxEntries) {
      this.dependenciesByKey.delete(this.dependenciesByKey.keys().next().value!);
    }
    // A write that landed while the page was being built makes it stale already: serve it, keep it out.
    if (!this.versions.unchangedSince(madeAt, dependencies)) return entry;
    this.entries.delete(key);
    if (entryBytes(entry) > this.maxBytes) return entry;
    this.fit(entryBytes(entry), 1);
    this.entries.set(key, entry);
    return entry;
  }

  /** Every byte the cache holds: kept pages and the stale ones bridging a rendering, compressed copies included. */
  heldBytes(): number {
    let bytes = 0;
    const kept = new Set(this.entries.values());
    for (const entry of kept) bytes += entryBytes(entry);
    for (const { entry } of this.stale.values()) if (!kept.has(entry)) bytes += entryBytes(entry);
    return bytes;
  }

  /**
   * Makes room for a page of this size (and this many more entries): stale pages go first, oldest
   * first, then kept pages, oldest first, until everything fits the byte cap and the entry cap.
   */
  private fit(incomingBytes: number, incomingEntries = 0) {
    let bytes = this.heldBytes() + incomingBytes;
    const kept = new Set(this.entries.values());
    for (const [key, { entry }] of this.stale) {
      if (bytes <= this.maxBytes) break;
      this.stale.delete(key);
      if (!kept.has(entry)) bytes -= entryBytes(entry);
    }
    for (const [oldKey, old] of this.entries) {
      if (this.entries.size + incomingEntries <= this.maxEntries && bytes <= this.maxBytes) break;
      this.entries.delete(oldKey);
      bytes -= entryBytes(old);
    }
  }

  /** When a page made now goes stale with time alone: the TTL, or the next scheduled story going live. */
  freshUntil(now = Date.now()): number {
    const next = this.versions.nextScheduledAt();
    return Math.min(now + this.ttlMs, next ?? Number.POSITIVE_INFINITY);
  }

  private makeEntry(response: { status: number; headers: Headers; body: SplicedBody }, madeAt: number, dependencies: PageDependencies): Entry {
    const expiresAt = this.freshUntil();
    const headers = keptHeaders(response.headers);
    // Over the page without its nonce: the same page is the same tag, whichever nonce each copy had.
    const hash = createHash("sha1");
    for (const piece of response.body.pieces) hash.update(piece);
    const etag = `"${hash.digest("base64url")}"`;
    return { status: response.status, headers, body: response.body, etag, expiresAt, madeAt, dependencies };
  }

  /** Something else to close with this cache (another cache that shares its versions). */
  closeWith(closer: () => unknown) {
    this.closers.push(closer);
  }

  async close() {
    for (const closer of this.closers) await closer();
    await this.versions.close();
  }
}

function entryBytes(entry: Entry): number {
  return entry.body.byteLength + entry.body.compressedByteLength + (entry.gzip?.length ?? 0) + (entry.br?.length ?? 0);
}

/** A rendered response's headers worth keeping: the ones the cache sets afresh on each answer left out. */
export function keptHeaders(headers: Headers): [string, string][] {
  const kept: [string, string][] = [];
  headers.forEach((value, name) => {
    if (!["content-length", "content-encoding", "transfer-encoding", "etag", "cache-control", "vary", ARTICLE_HEADER].includes(name)) {
      kept.push([name, value]);
    }
  });
  return kept;
}

type CacheStatus = "HIT" | "MISS" | "WAIT" | "STALE";

/** A cached page's answer: its status, headers (the security headers apart) and the chunks of its body. */
interface Answer {
  status: number;
  headers: [string, string][];
  /** Not modified: the browser keeps the page it has and the policy that came with it, nonce and all. */
  notModified: boolean;
  chunks: Buffer[];
  length: number;
}

function answerOf(entry: Entry, method: string, headers: IncomingHttpHeaders, nonce: string, cacheStatus: CacheStatus): Answer {
  const answer: [string, string][] = [
    ...entry.headers,
    ["ETag", entry.etag],
    ["Cache-Control", ANONYMOUS_CACHE_CONTROL],
    ["Vary", "Accept-Encoding, Cookie"],
    ["X-Parley-Cache", cacheStatus],
  ];
  const ifNoneMatch = headers["if-none-match"];
  if (entry.status === 200 && typeof ifNoneMatch === "string" && ifNoneMatch.split(/\s*,\s*/).includes(entry.etag)) {
    return { status: 304, headers: answer, notModified: true, chunks: [], length: 0 };
  }
  const accepts = String(headers["accept-encoding"] ?? "");
  let chunks: Buffer[];
  if (entry.body.hasSlots) {
    // Brotli streams cannot be spliced; gzip can (SplicedBody), so pages with a nonce go out in gzip.
    if (/\bgzip\b/.test(accepts)) {
      chunks = entry.body.gzipChunksWith(nonce);
      answer.push(["Content-Encoding", "gzip"]);
    } else {
      chunks = entry.body.chunksWith(nonce);
    }
  } else {
    chunks = entry.body.chunksWith(nonce);
    if (chunks[0]!.length > 1024) {
      if (/\bbr\b/.test(accepts)) {
        entry.br ??= brotliCompressSync(chunks[0]!, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } });
        chunks = [entry.br];
        answer.push(["Content-Encoding", "br"]);
      } else if (/\bgzip\b/.test(accepts)) {
        entry.gzip ??= gzipSync(chunks[0]!, { level: 6 });
        chunks = [entry.gzip];
        answer.push(["Content-Encoding", "gzip"]);
      }
    }
  }
  const length = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  answer.push(["Content-Length", String(length)]);
  return { status: entry.status, headers: answer, notModified: false, chunks: method === "HEAD" ? [] : chunks, length };
}

/** Writes the chunks in one go (one system call for the lot, no copy of the page). */
function writeChunks(res: ServerResponse, chunks: Buffer[]) {
  if (chunks.length <= 1) return void res.end(chunks[0]);
  res.cork();
  for (const chunk of chunks) res.write(chunk);
  res.end();
}

function send(req: express.Request, res: express.Response, entry: Entry, cacheStatus: CacheStatus) {
  const answer = answerOf(entry, req.method, req.headers, res.locals.cspNonce ?? "", cacheStatus);
  if (answer.notModified) res.removeHeader("Content-Security-Policy");
  res.status(answer.status);
  for (const [name, value] of answer.headers) res.setHeader(name, value);
  writeChunks(res, answer.chunks);
}

/**
 * A page the cache holds, answered before Express (server/app.ts, createServer): the same answer the
 * middleware below gives a hit, security headers and all, without Express's work per request. Returns
 * false for everything else, which Express then handles as before: any request whose address, Host or
 * cookie needs a closer look, every miss, and every request while the versions are not known.
 */
export function cachedAnswer(
  cache: PageCache,
  options: { trustProxy: TrustProxy; development?: boolean },
): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const plain = plainRequest(req, options.trustProxy);
    if (!plain) return false;
    const { path, url, host, protocol } = plain;
    const method = req.method!;
    const headers = req.headers;
    if (!cache.isCacheable({ method, path, url, cookie: headers.cookie })) return false;
    const entry = cache.lookup(`${protocol}://${host}${canonicalAddress(path, url)}`);
    if (!entry) return false;
    cache.hits++;
    const nonce = generateNonce();
    const answer = answerOf(entry, method, headers, nonce, "HIT");
    const security = securityHeaderList(nonce, protocol === "https", options);
    const flat: string[] = [];
    for (const [name, value] of security) if (!answer.notModified || name !== "Content-Security-Policy") flat.push(name, value);
    for (const [name, value] of answer.headers) flat.push(name, value);
    res.writeHead(answer.status, flat);
    writeChunks(res, answer.chunks);
    return true;
  };
}

/**
 * Express middleware: answers anonymous page requests from the cache, or renders them through Remix,
 * keeps the result and answers. Everything else goes on to the streaming request handler.
 */
export function pageCacheMiddleware(
  cache: PageCache,
  build: ServerBuild | (() => Promise<ServerBuild>),
): express.RequestHandler {
  const handle = createRequestHandler(build as ServerBuild, process.env.NODE_ENV);
  return async (req, res, next) => {
    const request = cacheRequestOf(req);
    if (!cache.isCacheable(request)) {
      // A session cookie that names no session: the visitor's page, and the cookie cleared.
      const stale = hasSession(request.cookie) && cache.isCacheable(request, { asVisitor: true }) && !(await cache.namesSession(req).catch(() => true));
      if (!stale) {
        if (hasSession(request.cookie) && !res.getHeader("Cache-Control")) res.setHeader("Cache-Control", PERSONAL_CACHE_CONTROL);
        return next();
      }
      res.append("Set-Cookie", blankSessionCookie(new Request(`${req.protocol}://${req.get("host") ?? "localhost"}/`)));
    }
    // Scheme and host are part of the key: a page is only ever served to requests that named the same
    // site the same way (its links follow the request's origin when PARLEY_ORIGIN is not set).
    const address = canonicalAddress(req.path, req.originalUrl);
    const key = `${req.protocol}://${req.get("host") ?? ""}${address}`;
    await cache.versions.ready();
    const cached = cache.lookup(key);
    if (cached) {
      cache.hits++;
      return send(req, res, cached, "HIT");
    }
    cache.misses++;
    try {
      // Another reader's rendering of this page is under way: wait for it, or meanwhile take the
      // page a write has just made stale while that is still allowed.
      const inFlight = cache.renderingInFlight(key);
      if (inFlight) {
        const stale = cache.staleEntry(key);
        if (stale) return send(req, res, stale, "STALE");
        const entry = await inFlight.done;
        if (entry) return send(req, res, entry, "WAIT");
      }
      let answered = false;
      const rendering = cache.renderOnce(key, async (madeAt) => {
        const url = new URL(address, `${req.protocol}://${req.get("host")}`);
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) {
          if (typeof value === "string") headers.set(name, value);
          else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
        }
        headers.delete("if-none-match");
        // Rendered for nobody in particular: the page goes to every reader (a story's, signed-in ones too).
        headers.delete("cookie");
        const nonce = res.locals.cspNonce;
        const failuresBefore = databaseUnavailableCount();
        const response = await handle(new Request(url, { method: "GET", headers }), { cspNonce: nonce });
        // The database could not be reached while the page was made: 503 and when to try again, as
        // every other page answers then (server/request-guard.ts), never the 500 Remix rendered.
        if (response.status >= 500 && databaseUnavailableCount() !== failuresBefore) {
          answered = true;
          await response.body?.cancel();
          unavailable(res);
          return null;
        }
        const body = Buffer.from(await response.arrayBuffer());
        const cacheable =
          response.status === 200 && !response.headers.has("set-cookie") && !/no-store|private/.test(response.headers.get("cache-control") ?? "");
        if (!cacheable) {
          // Not a page to share (an error, a redirect, a cookie): this reader gets it, the others render their own.
          answered = true;
          res.status(response.status);
          response.headers.forEach((value, name) => {
            if (!["content-length", "content-encoding", "set-cookie", ARTICLE_HEADER].includes(name)) res.setHeader(name, value);
          });
          for (const cookie of response.headers.getSetCookie()) res.append("Set-Cookie", cookie);
          res.end(req.method === "HEAD" ? undefined : body);
          return null;
        }
        const spliced = nonce ? SplicedBody.split(body, nonce) : new SplicedBody([body]);
        return cache.store(key, { status: response.status, headers: response.headers, body: spliced }, madeAt) ?? null;
      });
      const entry = await rendering.done;
      if (entry) send(req, res, entry, "MISS");
      else if (!answered) next();
    } catch (error) {
      next(error);
    }
  };
}
