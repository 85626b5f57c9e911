import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import {
  createSession,
  generateSessionToken,
  hashToken,
  invalidateUserSessions,
  SESSION_LIFETIME_MS,
  validateSessionToken,
} from "../../app/auth/session.server";
import { hashPassword, verifyPassword } from "../../app/auth/password.server";
import { checkSameOrigin } from "../../app/auth/csrf.server";
import { makeUser } from "../factories";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let test: TestDatabase;
let db: Kysely<Database>;
beforeAll(async () => {
  test = await createTestDatabase();
  db = test.db;
});
afterAll(() => test.close());

const DAY = 86_400_000;

describe("session tokens", () => {
  it("are 160 random bits in base32, different every time", () => {
    const tokens = new Set(Array.from({ length: 200 }, generateSessionToken));
    expect(tokens.size).toBe(200);
    for (const token of tokens) expect(token).toMatch(/^[a-z2-7]{32}$/);
  });

  it("are stored only as their SHA-256", async () => {
    const user = await makeUser(db);
    const { token, session } = await createSession(db, user.id);
    expect(session.id).toBe(hashToken(token));
    expect(session.id).toMatch(/^[0-9a-f]{64}$/);
    const stored = await db.selectFrom("session").selectAll().where("user_id", "=", user.id).execute();
    expect(JSON.stringify(stored)).not.toContain(token);
  });
});

describe("validating a session", () => {
  it("finds the user behind a valid token and rejects an unknown or malformed one", async () => {
    const user = await makeUser(db, { displayName: "Session Sal" });
    const { token } = await createSession(db, user.id);
    const valid = await validateSessionToken(db, token);
    expect(valid?.user.displayName).toBe("Session Sal");
    expect(valid?.renewed).toBe(false);
    expect(await validateSessionToken(db, generateSessionToken())).toBeNull();
    expect(await validateSessionToken(db, "not a token")).toBeNull();
  });

  it("expires after 30 days unused and deletes the session", async () => {
    const user = await makeUser(db);
    const start = new Date("2026-01-01T00:00:00Z");
    const { token, session } = await createSession(db, user.id, {}, start);
    expect(Date.parse(session.expires_at) - start.getTime()).toBe(SESSION_LIFETIME_MS);
    expect(await validateSessionToken(db, token, new Date(start.getTime() + 30 * DAY + 1000))).toBeNull();
    expect(await db.selectFrom("session").select("id").where("id", "=", session.id).executeTakeFirst()).toBeUndefined();
  });

  it("slides the expiry forward when used in its second half", async () => {
    const user = await makeUser(db);
    const start = new Date("2026-02-01T00:00:00Z");
    const { token } = await createSession(db, user.id, {}, start);
    const early = await validateSessionToken(db, token, new Date(start.getTime() + 5 * DAY));
    expect(early?.renewed).toBe(false);
    const later = new Date(start.getTime() + 20 * DAY);
    const renewed = await validateSessionToken(db, token, later);
    expect(renewed?.renewed).toBe(true);
    expect(renewed?.session.expires_at).toBe(new Date(later.getTime() + 30 * DAY).toISOString());
    // still valid well past the first expiry, because it was used
    expect(await validateSessionToken(db, token, new Date(start.getTime() + 45 * DAY))).not.toBeNull();
  });

  it("ends every session of a person at once, or all but the current one", async () => {
    const user = await makeUser(db);
    const a = await createSession(db, user.id);
    const b = await createSession(db, user.id);
    const c = await createSession(db, user.id);
    await invalidateUserSessions(db, user.id, { except: a.session.id });
    expect(await validateSessionToken(db, a.token)).not.toBeNull();
    expect(await validateSessionToken(db, b.token)).toBeNull();
    await invalidateUserSessions(db, user.id);
    expect(await validateSessionToken(db, a.token)).toBeNull();
    expect(await validateSessionToken(db, c.token)).toBeNull();
  });
});

describe("passwords", () => {
  it("are hashed with argon2id and verified", async () => {
    const hash = await hashPassword("a long enough secret");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, "a long enough secret")).toBe(true);
    expect(await verifyPassword(hash, "A long enough secret")).toBe(false);
    expect(await verifyPassword("garbage", "anything")).toBe(false);
  });
});

describe("the cross-site request check", () => {
  const site = "http://localhost:3000";
  it("lets reads through from anywhere", () => {
    expect(checkSameOrigin({ method: "GET", siteOrigin: site, origin: "https://evil.example" }).ok).toBe(true);
  });
  it("accepts a form posted from the site itself", () => {
    expect(checkSameOrigin({ method: "POST", siteOrigin: site, origin: site, secFetchSite: "same-origin" }).ok).toBe(true);
    expect(checkSameOrigin({ method: "POST", siteOrigin: site, origin: site }).ok).toBe(true);
  });
  it("refuses a post from another site, a sibling site, or one that names no origin", () => {
    expect(checkSameOrigin({ method: "POST", siteOrigin: site, origin: "https://evil.example" }).ok).toBe(false);
    expect(checkSameOrigin({ method: "POST", siteOrigin: site, secFetchSite: "cross-site", origin: site }).ok).toBe(false);
    expect(checkSameOrigin({ method: "DELETE", siteOrigin: site, secFetchSite: "same-site" }).ok).toBe(false);
    expect(checkSameOrigin({ method: "POST", siteOrigin: site }).ok).toBe(false);
  });
});
