import { redirect } from "@remix-run/node";
import type { Role } from "../../db/schema";
import { db } from "../db.server";
import { countUnreadNotifications } from "../models/notification.server";
import { roleCan, type Permission } from "./permissions";
import {
  blankSessionCookie,
  readSessionToken,
  sessionCookie,
  validateSessionToken,
  type SessionUser,
  type ValidSession,
} from "./session.server";

export type { SessionUser };

/** One session lookup per request, however many loaders ask. */
const lookups = new WeakMap<Request, Promise<ValidSession | null>>();

export function getSession(request: Request): Promise<ValidSession | null> {
  let lookup = lookups.get(request);
  if (!lookup) {
    const token = readSessionToken(request);
    lookup = token ? validateSessionToken(db, token) : Promise.resolve(null);
    lookups.set(request, lookup);
  }
  return lookup;
}

/** Unread "Replies to you" for the page's header. */
export async function countViewerUnread(user: SessionUser): Promise<number> {
  return countUnreadNotifications(db, user.id);
}

export async function getOptionalUser(request: Request): Promise<SessionUser | null> {
  return (await getSession(request))?.user ?? null;
}

/**
 * Headers the root loader sends with every page: a renewed cookie when the session slid forward, or a
 * cleared one when the browser holds a token that no longer names a session.
 */
export async function sessionHeaders(request: Request): Promise<Headers> {
  const headers = new Headers();
  const token = readSessionToken(request);
  if (!token) return headers;
  const valid = await getSession(request);
  if (!valid) headers.append("Set-Cookie", blankSessionCookie(request));
  else if (valid.renewed) headers.append("Set-Cookie", sessionCookie(request, token, valid.session.expires_at));
  return headers;
}

/** A same-site path to come back to after signing in; anything else falls back to the front page. */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  try {
    const url = new URL(to, "http://parley.invalid");
    if (url.origin !== "http://parley.invalid") return fallback;
    const path = `${url.pathname}${url.search}${url.hash}`;
    // Normalising can turn "/.//evil.example" into "//evil.example": check what is returned, not what came in.
    return /^\/(?![/\\])/.test(path) ? path : fallback;
  } catch {
    return fallback;
  }
}

/** The path of a Referer that names this site's page; a header that does not parse counts as none. */
function refererPath(referer: string | null): string {
  if (!referer) return "/";
  if (referer.startsWith("/")) return referer;
  try {
    const url = new URL(referer);
    return `${url.pathname}${url.search}`;
  } catch {
    return "/";
  }
}

function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  const back = request.method === "GET" ? `${url.pathname}${url.search}` : refererPath(request.headers.get("Referer"));
  const path = safeRedirectPath(back);
  return redirect(`/login?redirectTo=${encodeURIComponent(path)}`);
}

export function forbidden(message = "Your account does not have permission to do that."): Response {
  return new Response(message, { status: 403, statusText: "Forbidden" });
}

/** The signed-in person, or a redirect to sign in that comes back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getOptionalUser(request);
  if (!user) throw loginRedirect(request);
  return user;
}

export async function requireRole(request: Request, roles: readonly Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) throw forbidden();
  return user;
}

export async function requirePermission(request: Request, permission: Permission): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roleCan(user.role, permission)) throw forbidden();
  return user;
}

/** Only for pages meant for visitors who are not signed in (join, sign in): others go home. */
export async function requireAnonymous(request: Request): Promise<void> {
  if (await getOptionalUser(request)) throw redirect("/");
}
