import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { CLIENT_ADDRESS_HEADER, clientNetwork, getClientAddress } from "../../app/auth/client-address.server";
import {
  checkThrottle,
  POLICIES,
  recordThrottleEvent,
  releaseThrottleAttempt,
  reserveThrottleAttempts,
  retryMessage,
} from "../../app/models/account/throttle.server";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let test: TestDatabase;
let db: Kysely<Database>;
beforeAll(async () => {
  test = await createTestDatabase();
  db = test.db;
});
afterAll(() => test.close());

const at = (start: Date, ms: number) => new Date(start.getTime() + ms);

describe("the sign-in throttle for one account", () => {
  it("lets four failures through, then makes each further try wait longer, then blocks for 15 minutes", async () => {
    const key = "login:email:slow@parley.example";
    const start = new Date("2026-11-22T10:00:00.000Z");
    let now = start;
    for (let i = 1; i <= 4; i++) {
      expect(await recordThrottleEvent(db, key, POLICIES.loginAccount, now)).toEqual({ allowed: true });
    }
    const waits: number[] = [];
    for (let i = 5; i <= 9; i++) {
      const verdict = await recordThrottleEvent(db, key, POLICIES.loginAccount, now);
      expect(verdict.allowed).toBe(false);
      const wait = verdict.allowed ? 0 : verdict.retryAfterMs;
      waits.push(wait);
      now = at(now, wait); // the next try comes exactly when allowed
      expect(await checkThrottle(db, [key], now)).toEqual({ allowed: true });
    }
    expect(waits).toEqual([15_000, 30_000, 60_000, 120_000, 240_000]);
    const blocked = await recordThrottleEvent(db, key, POLICIES.loginAccount, now);
    expect(blocked).toEqual({ allowed: false, retryAfterMs: 15 * 60_000 });
    expect(await checkThrottle(db, [key], at(now, 14 * 60_000))).toMatchObject({ allowed: false });
    expect(await checkThrottle(db, [key], at(now, 15 * 60_000))).toEqual({ allowed: true });
    // after the block and the window, counting starts again
    expect(await recordThrottleEvent(db, key, POLICIES.loginAccount, at(now, 16 * 60_000))).toEqual({ allowed: true });
  });

  it("forgets failures once the 15-minute window has passed", async () => {
    const key = "login:email:forgetful@parley.example";
    const start = new Date("2026-11-22T12:00:00.000Z");
    for (let i = 0; i < 4; i++) await recordThrottleEvent(db, key, POLICIES.loginAccount, start);
    expect(await recordThrottleEvent(db, key, POLICIES.loginAccount, at(start, 16 * 60_000))).toEqual({ allowed: true });
    const row = await db.selectFrom("throttle").selectAll().where("key", "=", key).executeTakeFirstOrThrow();
    expect(row.count).toBe(1);
  });
});

describe("reserving a try before the password is checked", () => {
  const countOf = async (key: string) =>
    (await db.selectFrom("throttle").select("count").where("key", "=", key).executeTakeFirstOrThrow()).count;

  it("lets five tries through, refuses the rest while the key waits, and counts them all up to the block", async () => {
    const key = "login:email:burst@parley.example";
    const now = new Date("2026-11-23T10:00:00.000Z");
    const keys: [string, (typeof POLICIES)["loginAccount"]][] = [[key, POLICIES.loginAccount]];
    const results = [];
    for (let i = 0; i < 12; i++) results.push(await reserveThrottleAttempts(db, keys, now));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    // the fifth try, if it fails, makes the key wait 15 seconds; the refused ones do not lengthen it
    expect(results[4]).toEqual({ allowed: true, waitIfFailedMs: 15_000 });
    expect(results[5]).toEqual({ allowed: false, retryAfterMs: 15_000 });
    expect(await countOf(key)).toBe(12);
    expect(await checkThrottle(db, [key], at(now, 14 * 60_000))).toMatchObject({ allowed: false });
  });

  it("gives back a try that worked, and the hold it brought", async () => {
    const key = "login:ip:198.51.100.7";
    const now = new Date("2026-11-23T11:00:00.000Z");
    for (let i = 0; i < 29; i++) await recordThrottleEvent(db, key, POLICIES.loginAddress, now);
    const thirtieth = await reserveThrottleAttempts(db, [[key, POLICIES.loginAddress]], now);
    expect(thirtieth).toEqual({ allowed: true, waitIfFailedMs: 15 * 60_000 });
    await releaseThrottleAttempt(db, key, POLICIES.loginAddress);
    expect(await countOf(key)).toBe(29);
    expect(await checkThrottle(db, [key], now)).toEqual({ allowed: true });
  });
});

describe("retry messages", () => {
  it("reads like a person wrote them", () => {
    expect(retryMessage(14_200)).toBe("Try again in 15 seconds.");
    expect(retryMessage(1_000)).toBe("Try again in 1 second.");
    expect(retryMessage(11.5 * 60_000)).toBe("Try again in 12 minutes.");
    expect(retryMessage(60_000)).toBe("Try again in 1 minute.");
  });
});

describe("the client address", () => {
  it("comes from the header the server sets, IPv4-mapped addresses unwrapped", () => {
    const request = (value?: string) =>
      new Request("http://parley.test/", { headers: value ? { [CLIENT_ADDRESS_HEADER]: value } : {} });
    expect(getClientAddress(request("203.0.113.9"))).toBe("203.0.113.9");
    expect(getClientAddress(request("::ffff:127.0.0.1"))).toBe("127.0.0.1");
    expect(getClientAddress(request("2001:db8::1"))).toBe("2001:db8::/64");
    expect(getClientAddress(request())).toBe("unknown");
  });

  it("counts every IPv6 address in one /64 as one client, whatever its spelling", () => {
    for (const address of ["2001:db8:1:1::1", "2001:db8:1:1::2", "2001:DB8:1:1:ffff:ffff:ffff:ffff", "2001:0db8:0001:0001:0:0:0:3", "[2001:db8:1:1::4]", "2001:db8:1:1::5%eth0"]) {
      expect(clientNetwork(address), address).toBe("2001:db8:1:1::/64");
    }
    expect(clientNetwork("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(clientNetwork("::1")).toBe("::/64");
    expect(clientNetwork("2a00:1450:4009:81f::200e")).toBe("2a00:1450:4009:81f::/64");
  });

  it("counts an IPv4-mapped IPv6 address as its IPv4 address", () => {
    expect(clientNetwork("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(clientNetwork("::FFFF:cb00:7109")).toBe("203.0.113.9");
    expect(clientNetwork("0:0:0:0:0:ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(clientNetwork("203.0.113.9")).toBe("203.0.113.9");
  });

  it("keeps what is not an address as it is, cut short", () => {
    expect(clientNetwork("unknown")).toBe("unknown");
    expect(clientNetwork("2001:db8::1::2")).toBe("2001:db8::1::2");
    expect(clientNetwork("x".repeat(100))).toBe("x".repeat(64));
  });
});
