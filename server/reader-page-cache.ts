import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import type express from "express";
import { randomInt } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { readSessionToken, sessionCookie, validateSessionToken, type SessionUser } from "../app/auth/session.server";
import { renderForStandIn, type StandIn } from "../app/auth/stand-in.server";
import { findSharedArticleReader } from "../app/models/comment/reader-standing.server";
import type { PageDependencies } from "./content-versions";
import { dependenciesOf, keptHeaders, PERSONAL_CACHE_CONTROL, type PageCache } from "./page-cache";
import { generateNonce } from "./security-headers";

/**
 * Story pages for signed-in readers, shared where they can be.
 *
 * Most signed-in readers of a story have not written, liked or reported anything in its discussion.
 * For them the page differs from another reader's of the same standing (role, verified or not, free to
 * post or held back for the same reason, with or without unread replies) only in their name, their id
 * and their unread count. So the page is rendered once, through Remix, for a stand-in reader whose name,
 * id and count are random markers, and each reader gets that rendering with the markers replaced by
 * their own values, escaped as the HTML or the hydration data around each marker requires. The result
 * is the page Remix would have rendered for them (tests/integration/reader-page-cache.test.ts compares
 * the two byte for byte).
 *
 * Readers with a stake in the discussion (whose page shows their likes, their own comments and
 * controls, their pending comments) and readers with a warning to read get a page rendered for them
 * alone, as before. Shared renderings belong to the content versions of their story and the site, and
 * expire with the anonymous cache's entries (see PageCache): any change to what the story's readers see,
 * on any app server, and the next request renders afresh.
 */

interface Slot {
  kind: "name" | "id" | "unread" | "nonce";
  /** Inside the inline scripts that carry the hydration data, where text is escaped twice over. */
  inScript: boolean;
}

interface Template {
  status: number;
  headers: [string, string][];
  parts: (Buffer | Slot)[];
  bytes: number;
  expiresAt: number;
  /** The content-version stamp at which the rendering began, and the story it shows. */
  madeAt: number;
  dependencies: PageDependencies;
}

const STORY_PATH = /^\/articles\/[^/.]+$/;
/** Where Remix's inline scripts with the page's data begin; user text never contains a raw <script>. */
const SCRIPT_START = /<script(?: nonce="[\w-]*")?>window\.__remixContext/;

export interface ReaderPageCacheOptions {
  db: Kysely<Database>;
  build: ServerBuild | (() => Promise<ServerBuild>);
  /** The anonymous page cache, whose database version and expiry rules this cache shares. */
  pageCache: PageCache;
  /** Bound on the renderings kept, in bytes of HTML (a 1,500-comment story's first page is ~650 KB). */
  maxBytes?: number;
}

/** React's escaping of text and attribute values. */
function escapeForHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" })[c]!);
}

/** A string inside turbo-stream's JSON, inside the JavaScript string Remix writes into a <script>. */
function escapeForScript(text: string): string {
  const inStream = JSON.stringify(text).slice(1, -1);
  return JSON.stringify(inStream)
    .slice(1, -1)
    .replace(/[&<>\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function parseAddress(req: express.Request): { url: URL; slug: string } | null {
  try {
    return {
      url: new URL(req.originalUrl, `${req.protocol}://${req.get("host")}`),
      slug: decodeURIComponent(req.path.slice("/articles/".length)),
    };
  } catch {
    return null;
  }
}

export class ReaderPageCache {
  private readonly db: Kysely<Database>;
  private readonly pageCache: PageCache;
  private readonly handle: ReturnType<typeof createRequestHandler>;
  private readonly templates = new Map<string, Template>();
  private readonly rendering = new Map<string, { madeAt: number; articleId: number | null; done: Promise<Template | null> }>();
  private bytes = 0;
  private readonly maxBytes: number;
  // Random for each process, so that no text a reader writes can be mistaken for a marker.
  private readonly markers = {
    name: `Reader${randomInt(2 ** 47).toString(36)}${randomInt(2 ** 47).toString(36)}`,
    // Within the 32-bit range of ids (PostgreSQL checks), ten digits that no real account has.
    id: 2_000_000_000 + randomInt(147_000_000),
    unread: 8_000_000_000_000 + randomInt(2 ** 47),
    // The rendering's CSP nonce, replaced by each answer's own (ADR 14).
    nonce: generateNonce(),
  };
  hits = 0;
  misses = 0;

  constructor(options: ReaderPageCacheOptions) {
    this.db = options.db;
    this.pageCache = options.pageCache;
    this.handle = createRequestHandler(options.build as ServerBuild, process.env.NODE_ENV);
    this.maxBytes = options.maxBytes ?? 16 * 2 ** 20;
  }

  /** Express middleware: a shared story page for a signed-in reader without a stake, or on to Remix. */
  middleware(): express.RequestHandler {
    return (req, res, next) => {
      if (req.method !== "GET" || !STORY_PATH.test(req.path)) return next();
      this.serve(req, res).then(
        (served) => {
          if (!served) next();
        },
        (error) => next(error),
      );
    };
  }

  private async serve(req: express.Request, res: express.Response): Promise<boolean> {
    const address = parseAddress(req);
    if (!address) return false; // a malformed address or host: Remix answers it
    const { url, slug } = address;
    const cookieRequest = new Request(url, { headers: { cookie: req.headers.cookie ?? "" } });
    const token = readSessionToken(cookieRequest);
    if (!token) return false;
    const valid = await validateSessionToken(this.db, token);
    if (!valid) return false; // Remix clears the stale cookie
    // The session may have slid forward just now: its cookie goes out whichever path answers.
    if (valid.renewed) res.append("Set-Cookie", sessionCookie(cookieRequest, token, valid.session.expires_at));
    const user = valid.user;
    // Missing or moved, a stake of their own, or a warning waiting: Remix renders the page for them.
    const reader = await findSharedArticleReader(this.db, { user, slug });
    if (!reader) return false;
    const { standing, unread } = reader;
    const key = `${req.protocol}://${req.get("host") ?? ""}${req.originalUrl}\n${JSON.stringify(standing)}`;
    const template = await this.template(key, url, req, user, standing.hasUnread);
    if (!template) return false;

    const values = { name: user.displayName, id: String(user.id), unread: String(unread), nonce: res.locals.cspNonce ?? "" };
    const chunks = template.parts.map((part) => {
      if (Buffer.isBuffer(part)) return part;
      const value = values[part.kind];
      if (part.kind !== "name") return Buffer.from(value);
      return Buffer.from(part.inScript ? escapeForScript(value) : escapeForHtml(value));
    });
    res.status(template.status);
    for (const [name, value] of template.headers) res.setHeader(name, value);
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.setHeader("Cache-Control", PERSONAL_CACHE_CONTROL);
    res.setHeader("Vary", "Cookie");
    res.setHeader("X-Parley-Cache", "SHARED");
    res.setHeader("Content-Length", chunks.reduce((sum, chunk) => sum + chunk.length, 0));
    // Written piece by piece: the shared parts go out as they are, without copying the page. (No cork:
    // the compression middleware writes after end() and would leave a corked socket waiting.)
    for (const chunk of chunks) res.write(chunk);
    res.end();
    return true;
  }

  private async template(key: string, url: URL, req: express.Request, user: SessionUser, hasUnread: boolean): Promise<Template | null> {
    await this.pageCache.versions.ready();
    const versions = this.pageCache.versions;
    const found = this.templates.get(key);
    if (found && (found.expiresAt <= Date.now() || !versions.unchangedSince(found.madeAt, found.dependencies))) {
      this.templates.delete(key);
      this.bytes -= found.bytes;
    } else if (found) {
      // Most recently used last, so the oldest is the first to go when space runs out.
      this.templates.delete(key);
      this.templates.set(key, found);
      this.hits++;
      return found;
    }
    this.misses++;
    // Readers arriving together wait for one rendering rather than each starting their own, as long as
    // it began after the story last changed (a rendering begun before a write would show the old page).
    const pending = this.rendering.get(key);
    if (pending && versions.unchangedSince(pending.madeAt, { articleId: pending.articleId })) return pending.done;
    const madeAt = this.pageCache.beginRendering();
    const rendering = {
      madeAt,
      articleId: found?.dependencies.articleId ?? null,
      done: this.render(url, req, user, hasUnread, madeAt)
        .then((template) => {
          if (template && versions.unchangedSince(madeAt, template.dependencies)) this.keep(key, template);
          return template;
        })
        .finally(() => {
          if (this.rendering.get(key) === rendering) this.rendering.delete(key);
        }),
    };
    this.rendering.set(key, rendering);
    return rendering.done;
  }

  private keep(key: string, template: Template) {
    const previous = this.templates.get(key);
    if (previous) {
      this.templates.delete(key);
      this.bytes -= previous.bytes;
    }
    for (const [oldKey, old] of this.templates) {
      if (this.bytes + template.bytes <= this.maxBytes) break;
      this.templates.delete(oldKey);
      this.bytes -= old.bytes;
    }
    if (template.bytes > this.maxBytes) return;
    this.templates.set(key, template);
    this.bytes += template.bytes;
  }

  /** Renders the page through Remix for a stand-in of this reader, and cuts it at the markers. */
  private async render(url: URL, req: express.Request, user: SessionUser, hasUnread: boolean, madeAt: number): Promise<Template | null> {
    const { markers } = this;
    const standIn: StandIn = {
      user: { ...user, id: markers.id, email: null, displayName: markers.name },
      unread: hasUnread ? markers.unread : 0,
    };
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (name === "cookie" || name === "if-none-match" || name === "if-modified-since") continue;
      if (typeof value === "string") headers.set(name, value);
    }
    const response = await renderForStandIn(standIn, () => this.handle(new Request(url, { headers }), { cspNonce: markers.nonce }));
    const html = await response.text();
    if (response.status !== 200 || response.headers.has("set-cookie") || !html.includes(markers.name)) return null;

    const scriptStart = html.search(SCRIPT_START);
    const pattern = new RegExp(`${markers.name}|${markers.nonce}|(?<!\\d)(${markers.id}|${markers.unread})(?!\\d)`, "g");
    const parts: (Buffer | Slot)[] = [];
    let last = 0;
    for (const match of html.matchAll(pattern)) {
      parts.push(Buffer.from(html.slice(last, match.index)));
      const kind =
        match[0] === markers.name ? "name" : match[0] === markers.nonce ? "nonce" : match[0] === String(markers.id) ? "id" : "unread";
      parts.push({ kind, inScript: scriptStart !== -1 && match.index >= scriptStart });
      last = match.index + match[0].length;
    }
    parts.push(Buffer.from(html.slice(last)));

    const bytes = parts.reduce((sum, part) => sum + (Buffer.isBuffer(part) ? part.length : 0), 0);
    return {
      status: response.status,
      headers: keptHeaders(response.headers),
      parts,
      bytes,
      expiresAt: this.pageCache.freshUntil(),
      madeAt,
      dependencies: dependenciesOf(response.headers),
    };
  }
}
