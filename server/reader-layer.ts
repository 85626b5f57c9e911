import type express from "express";
import type { Kysely } from "kysely";
import { readSessionToken, SESSION_COOKIE, sessionCookie, validateSessionToken } from "../app/auth/session.server";
import { loadReaderLayerForSlug } from "../app/models/comment/reader-layer.server";
import { STORY_LAYER_PATH, VISITOR_LAYER } from "../app/utils/story-address";
import type { Database } from "../db/schema";

/**
 * A story page's personal layer (ADR 18), answered before the caches and Remix: every page view of a
 * story asks for it, and through Remix its request costs more than the cached page it goes with. A
 * visitor's is the same for every story; a signed-in reader's is made by the model function the route
 * uses (loadReaderLayerForSlug). A cookie that names no session goes on to the route, which clears it.
 */
const VISITOR_LAYER_BODY = JSON.stringify(VISITOR_LAYER);
const PRIVATE = "private, no-store";

export function readerLayerMiddleware(db: Kysely<Database> | null): express.RequestHandler {
  return (req, res, next) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || !STORY_LAYER_PATH.test(req.path)) return next();
    if (!(req.headers.cookie ?? "").includes(`${SESSION_COOKIE}=`)) {
      res.setHeader("Cache-Control", PRIVATE);
      res.type("application/json").send(VISITOR_LAYER_BODY);
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
