import type express from "express";
import type { Kysely } from "kysely";
import type { IncomingMessage, ServerResponse } from "node:http";
import { readSessionToken, SESSION_COOKIE, sessionCookie, validateSessionToken, type RequestLike } from "../app/auth/session.server";
import { loadReaderLayerForSlug } from "../app/models/comment/reader-layer.server";
import { STORY_LAYER_PATH, VISITOR_LAYER } from "../app/utils/story-address";
import type { Database } from "../db/schema";
import { plainRequest, type TrustProxy } from "./request-guard";
import { generateNonce, securityHeaderList } from "./security-headers";

/**
 * A story page's personal layer (ADR 18), answered before Remix: every page view of a story asks for
 * it, and through Remix its request costs more than the cached page it goes with. A visitor's is the
 * same for every story; a signed-in reader's is made by the model function the route uses
 * (loadReaderLayerForSlug). A cookie that names no session goes on to the route, which clears it.
 *
 * Plain requests are answered before Express (readerLayerAnswer, ADR 19); the rest by the middleware,
 * with the same answers.
 */
const VISITOR_LAYER_BODY = Buffer.from(JSON.stringify(VISITOR_LAYER));
const PRIVATE = "private, no-store";

function hasSessionCookie(cookie: string | undefined): boolean {
  return (cookie ?? "").includes(`${SESSION_COOKIE}=`);
}

/** A layer's answer: its headers (the security headers apart) and body. */
interface LayerAnswer {
  headers: [string, string][];
  body: Buffer;
}

function layerAnswer(body: Buffer, setCookie?: string): LayerAnswer {
  const headers: [string, string][] = [
    ["Content-Type", "application/json; charset=utf-8"],
    ["Cache-Control", PRIVATE],
    ["Content-Length", String(body.length)],
  ];
  if (setCookie) headers.push(["Set-Cookie", setCookie]);
  return { headers, body };
}

const VISITOR_ANSWER = layerAnswer(VISITOR_LAYER_BODY);

/**
 * The answer for this request's layer: the visitor's without a session cookie, the reader's for a
 * session that is good, null when the cookie names no session (the route answers that, and clears it).
 */
async function readerLayerFor(db: Kysely<Database>, request: RequestLike, path: string): Promise<LayerAnswer | null> {
  let slug: string;
  try {
    slug = decodeURIComponent(path.slice("/articles/".length, -"/reader".length));
  } catch {
    return null;
  }
  const token = readSessionToken(request);
  if (!token) return null;
  const valid = await validateSessionToken(db, token);
  if (!valid) return null;
  const layer = await loadReaderLayerForSlug(db, { user: valid.user, slug });
  const renewed = valid.renewed ? sessionCookie(request, token, valid.session.expires_at) : undefined;
  return layerAnswer(Buffer.from(JSON.stringify(layer)), renewed);
}

function write(res: ServerResponse, answer: LayerAnswer, security: [string, string][], head: boolean) {
  const flat: string[] = [];
  for (const [name, value] of security) flat.push(name, value);
  for (const [name, value] of answer.headers) flat.push(name, value);
  res.writeHead(200, flat);
  res.end(head ? undefined : answer.body);
}

/**
 * The layer answered before Express (server/app.ts, createServer). A signed-in reader's is read from
 * the database; when it cannot be answered here (a cookie that names no session, the database away)
 * the request goes to `otherwise`, the Express app, which has written nothing yet.
 */
export function readerLayerAnswer(
  db: Kysely<Database> | null,
  options: { trustProxy: TrustProxy; development?: boolean },
  otherwise: (req: IncomingMessage, res: ServerResponse) => void,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const plain = plainRequest(req, options.trustProxy);
    if (!plain || !STORY_LAYER_PATH.test(plain.path)) return false;
    const cookie = req.headers.cookie;
    const head = req.method === "HEAD";
    const security = () => securityHeaderList(generateNonce(), plain.protocol === "https", options);
    if (!hasSessionCookie(cookie)) {
      write(res, VISITOR_ANSWER, security(), head);
      return true;
    }
    if (!db) return false;
    const request: RequestLike = {
      url: `${plain.protocol}://${plain.host}${plain.url}`,
      headers: { get: (name) => (name.toLowerCase() === "cookie" ? (cookie ?? null) : null) },
    };
    readerLayerFor(db, request, plain.path).then(
      (answer) => (answer ? write(res, answer, security(), head) : otherwise(req, res)),
      () => otherwise(req, res),
    );
    return true;
  };
}

/** The same answers through Express, for requests the answer before it leaves alone. */
export function readerLayerMiddleware(db: Kysely<Database> | null): express.RequestHandler {
  return (req, res, next) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || !STORY_LAYER_PATH.test(req.path)) return next();
    const head = req.method === "HEAD";
    if (!hasSessionCookie(req.headers.cookie)) return send(res, VISITOR_ANSWER, head);
    if (!db) return next();
    const request = new Request(`${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`, { headers: { cookie: req.headers.cookie ?? "" } });
    readerLayerFor(db, request, req.path).then(
      (answer) => (answer ? send(res, answer, head) : next()),
      (error) => next(error),
    );
  };
}

/** Through Express the security headers are set already. */
function send(res: express.Response, answer: LayerAnswer, head: boolean) {
  for (const [name, value] of answer.headers) {
    if (name === "Set-Cookie") res.append(name, value);
    else res.setHeader(name, value);
  }
  res.status(200).end(head ? undefined : answer.body);
}
