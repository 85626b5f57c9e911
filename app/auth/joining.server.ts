import { generateSessionToken, hashToken, isSecure, type RequestLike } from "./session.server";

/**
 * The browser that joined (issue 29 part 6): joining leaves a random value in a cookie of its own, and
 * the confirmation link remembers only its hash. Followed in that browser, the link signs the new
 * resident in; anywhere else it only confirms the address. Both a new and a taken address get the
 * cookie, so the answer to joining still says nothing about which addresses have accounts.
 */
const NAME = "parley_joining";
const SECURE_NAME = `__Host-${NAME}`;
/** As long as a confirmation link lasts. */
const MAX_AGE_SECONDS = 48 * 3600;

function cookieName(request: RequestLike): string {
  return isSecure(request) ? SECURE_NAME : NAME;
}

/** A fresh value for the joining browser's cookie, and the hash its confirmation link keeps. */
export function newJoiningSecret(): { value: string; hash: string } {
  const value = generateSessionToken();
  return { value, hash: hashToken(value) };
}

export function joiningCookie(request: RequestLike, value: string): string {
  const parts = [`${cookieName(request)}=${value}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${MAX_AGE_SECONDS}`];
  if (isSecure(request)) parts.push("Secure");
  return parts.join("; ");
}

export function blankJoiningCookie(request: RequestLike): string {
  const parts = [`${cookieName(request)}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0"];
  if (isSecure(request)) parts.push("Secure");
  return parts.join("; ");
}

/** Whether this request comes from the browser whose value hashes to `browserHash`. */
export function isJoiningBrowser(request: RequestLike, browserHash: string | null): boolean {
  if (!browserHash) return false;
  const wanted = cookieName(request);
  for (const part of (request.headers.get("Cookie") ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === wanted) return hashToken(rest.join("=")) === browserHash;
  }
  return false;
}
