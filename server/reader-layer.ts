import type express from "express";
import type { Kysely } from "kysely";
import type { IncomingMessage, ServerResponse } from "node:http";
import { readSessionToken, SESSION_COOKIE, sessionCookie, validateSessionToken } from "../app/auth/session.server";
import { loadReaderLayerForSlug } from "../app/models/comment/reader-layer.server";
import { STORY_LAYER_PATH, VISITOR_LAYER } from "../app/utils/story-address";
import type { Database } from "../db/schema";
import { plainRequest, type TrustProxy } from "./request-guard";
import { generateNonce, securityHeaderList } from "./security-headers";

/**
 * A story page's personal layer (ADR 18), answered before the caches and Remix: every page view of a
 * story asks for it, and through Remix its request costs more than the cached page it goes with. A
 * visitor's is the same for every story; a signed-in reader's is made by the model function the route
 * uses (loadReaderLayerForSlug). A cookie that names no session goes on to the route, which clears it.
 */
const VISITOR_LAYER_BODY = Buffer.from(JSON.stringify(VISITOR_LAYER));
const PRIVATE = "private, no-store";
const VISITOR_LAYER_HEADERS: [string, string][] = [
  ["Content-Type", "application/json; charset=utf-8"],
  ["Cache-Control", PRIVATE],
  ["Content-Length", String(VISITOR_LAYER_BODY.length)],
];

function hasSessionCookie(cookie: string | undefined): boolean {
  return (cookie ?? "").includes(`${SESSION_COOKIE}=`);
}

/**
 * A visitor's layer answered before Express (server/app.ts, createServer): the same fixed answer the
 * middleware below gives, with the same security headers, for every page view of every story.
 */
export function visitorLayerAnswer(options: { trustProxy: TrustProxy; development?: boolean }): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const plain = plainRequest(req, options.trustProxy);
    if (!plain || !STORY_LAYER_PATH.test(plain.path) || hasSessionCookie(req.headers.cookie)) return false;
    const flat: string[] = [];
    for (const [name, value] of securityHeaderList(generateNonce(), plain.protocol === "https", options)) flat.push(name, value);
    for (const [name, value] of VISITOR_LAYER_HEADERS) flat.push(name, value);
    res.writeHead(200, flat);
    res.end(req.method === "HEAD" ? undefined : VISITOR_LAYER_BODY);
    return true;
  };
}

export function readerLayerMiddleware(db: Kysely<Database> | null): express.RequestHandler {
  return (req, res, next) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || !STORY_LAYER_PATH.test(req.path)) return next();
    if (!hasSessionCookie(req.headers.cookie)) {
      for (const [name, value] of VISITOR_LAYER_HEADERS) res.setHeader(name, value);
      res.status(200).end(req.method === "HEAD" ? undefined : VISITOR_LAYER_BODY);
      return;
    }
    if (!db) return next();
    answerReader(db, req, res).then(
      (answered) => {
        if (!answered) next();
      },
      (error) => next(error),
    );
  };
}

async function answerReader(db: Kysely<Database>, req: express.Request, res: express.Response): Promise<boolean> {
  let slug: string;
  try {
    slug = decodeURIComponent(req.path.slice("/articles/".length, -"/reader".length));
  } catch {
    return false;
  }
  const request = new Request(`${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`, { headers: { cookie: req.headers.cookie ?? "" } });
  const token = readSessionToken(request);
  if (!token) return false;
  const valid = await validateSessionToken(db, token);
  if (!valid) return false;
  const layer = await loadReaderLayerForSlug(db, { user: valid.user, slug });
  if (valid.renewed) res.append("Set-Cookie", sessionCookie(request, token, valid.session.expires_at));
  res.setHeader("Cache-Control", PRIVATE);
  res.type("application/json").send(JSON.stringify(layer));
  return true;
}
