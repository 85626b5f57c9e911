import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import type { Kysely } from "kysely";
import { preparedQuery } from "../../db/prepared-query";
import type { Database, Role, Session, UserStatus } from "../../db/schema";

/**
 * Sessions as Lucia's guide documents them: a random token lives only in the visitor's cookie; the
 * database keeps its SHA-256 as the session id. Sessions last 30 days and slide forward when used, but
 * never past an absolute lifetime from the sign-in (PARLEY_SESSION_MAX_DAYS, default 90): then the
 * resident signs in again.
 *
 * Over HTTPS the cookie is named with the `__Host-` prefix, so the browser accepts it only when it is
 * Secure, for the whole site and for this host alone: a neighbouring subdomain or a plain-HTTP answer
 * cannot plant a session of its choosing.
 */
export const SESSION_COOKIE = "parley_session";
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
const DAY = 86_400_000;
export const SESSION_LIFETIME_MS = 30 * DAY;
export const DEFAULT_SESSION_MAX_DAYS = 90;

/** The absolute lifetime of a session, from the setting (whole days, at least one). */
export function sessionMaxAgeMs(env: Record<string, string | undefined> = process.env): number {
  const days = Number(env.PARLEY_SESSION_MAX_DAYS);
  return (Number.isInteger(days) && days >= 1 ? days : DEFAULT_SESSION_MAX_DAYS) * DAY;
}

/** A session's expiry from a moment: the sliding lifetime, cut at the absolute one. */
function expiryFrom(nowMs: number, createdAt: string): string {
  return new Date(Math.min(nowMs + SESSION_LIFETIME_MS, Date.parse(createdAt) + sessionMaxAgeMs())).toISOString();
}
const RENEW_WHEN_LESS_THAN_MS = 15 * DAY;
const TOUCH_EVERY_MS = 60 * 60 * 1000; // last_used_at is kept to the hour, to spare a write per request

export interface SessionUser {
  id: number;
  email: string | null;
  displayName: string;
  role: Role;
  status: UserStatus;
  statusUntil: string | null;
  emailVerified: boolean;
}

export interface ValidSession {
  session: Session;
  user: SessionUser;
  /** True when the expiry moved forward, so the cookie must be sent again. */
  renewed: boolean;
}

/** 20 random bytes (160 bits) in lower-case base32. */
export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** SHA-256 of a token, hex: what the database stores for session, verification and reset tokens. */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(
  db: Kysely<Database>,
  userId: number,
  meta: { userAgent?: string; ipAddress?: string } = {},
  now = new Date(),
): Promise<{ token: string; session: Session }> {
  const token = generateSessionToken();
  const session: Session = {
    id: hashToken(token),
    user_id: userId,
    created_at: now.toISOString(),
    expires_at: expiryFrom(now.getTime(), now.toISOString()),
    last_used_at: now.toISOString(),
    user_agent: (meta.userAgent ?? "").slice(0, 300),
    ip_address: (meta.ipAddress ?? "").slice(0, 64),
  };
  await db.insertInto("session").values(session).execute();
  return { token, session };
}

/** Every signed-in request asks this: built once (db/prepared-query.ts), only the id filled in. */
const selectSessionWithUser = preparedQuery((db, values: { id: string }) =>
  db
    .selectFrom("session")
    .innerJoin("user", "user.id", "session.user_id")
    .select([
      "session.id",
      "session.user_id",
      "session.created_at",
      "session.expires_at",
      "session.last_used_at",
      "session.user_agent",
      "session.ip_address",
      "user.email",
      "user.display_name",
      "user.role",
      "user.status",
      "user.status_until",
      "user.email_verified_at",
    ])
    .where("session.id", "=", values.id),
);

export async function validateSessionToken(
  db: Kysely<Database>,
  token: string,
  now = new Date(),
): Promise<ValidSession | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const id = hashToken(token);
  const row = (await selectSessionWithUser(db, { id }))[0];
  if (!row) return null;
  const nowMs = now.getTime();
  const pastMaxAge = nowMs >= Date.parse(row.created_at) + sessionMaxAgeMs();
  if (nowMs >= Date.parse(row.expires_at) || pastMaxAge || row.status === "deleted") {
    await db.deleteFrom("session").where("id", "=", id).execute();
    return null;
  }
  const session: Session = {
    id: row.id,
    user_id: row.user_id,
    created_at: row.created_at,
    expires_at: row.expires_at,
    last_used_at: row.last_used_at,
    user_agent: row.user_agent,
    ip_address: row.ip_address,
  };
  const extended = expiryFrom(nowMs, row.created_at);
  const renewed = Date.parse(row.expires_at) - nowMs < RENEW_WHEN_LESS_THAN_MS && extended > row.expires_at;
  if (renewed) session.expires_at = extended;
  if (renewed || nowMs - Date.parse(row.last_used_at) > TOUCH_EVERY_MS) {
    session.last_used_at = now.toISOString();
    await db
      .updateTable("session")
      .set({ expires_at: session.expires_at, last_used_at: session.last_used_at })
      .where("id", "=", id)
      .execute();
  }
  return {
    session,
    renewed,
    user: {
      id: row.user_id,
      email: row.email,
      displayName: row.display_name,
      role: row.role,
      status: row.status,
      statusUntil: row.status_until,
      emailVerified: row.email_verified_at !== null,
    },
  };
}

export async function invalidateSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom("session").where("id", "=", sessionId).execute();
}

/** Ends every session of a person, or every one but the session in use. */
export async function invalidateUserSessions(
  db: Kysely<Database>,
  userId: number,
  options: { except?: string } = {},
): Promise<void> {
  let query = db.deleteFrom("session").where("user_id", "=", userId);
  if (options.except) query = query.where("id", "!=", options.except);
  await query.execute();
}

export async function listUserSessions(db: Kysely<Database>, userId: number, now = new Date()): Promise<Session[]> {
  return db
    .selectFrom("session")
    .selectAll()
    .where("user_id", "=", userId)
    .where("expires_at", ">", now.toISOString())
    .orderBy("last_used_at", "desc")
    .execute();
}

/** What the session cookie's helpers read of a request: its address and headers (a Request has both). */
export interface RequestLike {
  url: string;
  headers: { get(name: string): string | null };
}

/** The session cookie's name for this request: `__Host-` prefixed over HTTPS. */
export function sessionCookieName(request: RequestLike): string {
  return isSecure(request) ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/** The session token from the request's Cookie header, if any (only the cookie of the request's scheme). */
export function readSessionToken(request: RequestLike): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const wanted = sessionCookieName(request);
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === wanted) {
      try {
        return decodeURIComponent(rest.join("="));
      } catch {
        return null; // a mangled cookie is no session; the root loader then clears it
      }
    }
  }
  return null;
}

/** Secure whenever the site is served over HTTPS (directly or behind a proxy that says so). */
export function isSecure(request: RequestLike): boolean {
  return request.url.startsWith("https:");
}

export function sessionCookie(request: RequestLike, token: string, expiresAt: string): string {
  const parts = [
    `${sessionCookieName(request)}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Expires=${new Date(expiresAt).toUTCString()}`,
  ];
  if (isSecure(request)) parts.push("Secure");
  return parts.join("; ");
}

export function blankSessionCookie(request: RequestLike): string {
  const parts = [`${sessionCookieName(request)}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0"];
  if (isSecure(request)) parts.push("Secure");
  return parts.join("; ");
}
