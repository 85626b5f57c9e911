import { describe, expect, it } from "vitest";
import { makeArticle, makeUser } from "../factories";
import { testDialect } from "../support/test-db";
import { fromAddress, pageText, PASSWORD, passwordHash, useTestServerWithOutbox } from "./accounts-support";

/**
 * Per-address limits count a client's network, not the exact address it used: every IPv6 address in
 * one /64 is one client (a home has 2^64 of them to pick from), and an IPv4 client is the same client
 * whether it arrives as "203.0.113.9" or "::ffff:203.0.113.9". Addresses come through the trusted
 * proxy's X-Forwarded-For, as they would behind nginx.
 */
const app = useTestServerWithOutbox();

/** The count kept under a throttle key, or 0 when there is none. */
async function counted(key: string): Promise<number> {
  const row = await app().db.selectFrom("throttle").select("count").where("key", "=", key).executeTakeFirst();
  return row ? Number(row.count) : 0;
}

let n = 0;
const joinFields = () => {
  n++;
  const tag = `${n}-${Date.now().toString(36)}`;
  return { displayName: `Newcomer ${tag}`, email: `newcomer${tag}@parley.example`, password: "ferry-timetable-17", terms: "on" };
};

describe(`per-address limits and IPv6 (${testDialect()})`, () => {
  it("counts wrong passwords from every address of one IPv6 /64 against one counter", async () => {
    const user = await makeUser(app().db, { passwordHash: await passwordHash() });
    for (const address of ["2001:db8:1:1::1", "2001:db8:1:1::2", "2001:db8:1:1::3"]) {
      const response = await app().post("/login", { email: user.email!, password: "not-the-password" }, { headers: fromAddress(address) });
      expect(response.status).toBe(400);
    }
    expect(await counted("login:ip:2001:db8:1:1::/64")).toBe(3);
    expect(await counted("login:ip:2001:db8:1:1::1")).toBe(0);
    const right = await app().post("/login", { email: user.email!, password: PASSWORD }, { headers: fromAddress("2001:db8:1:1::4") });
    expect(right.status).toBe(302);
  });

  it("blocks a whole IPv6 /64 after ten accounts in an hour, each from an address of its own, and not the next /64", async () => {
    for (let i = 1; i <= 10; i++) {
      const response = await app().post("/join", joinFields(), { headers: fromAddress(`2001:db8:2:2::${i.toString(16)}`) });
      expect(response.status, `join ${i}`).toBe(302);
    }
    const blocked = await app().post("/join", joinFields(), { headers: fromAddress("2001:db8:2:2:abcd:1234:5678:9abc") });
    expect(blocked.status).toBe(429);
    expect(await pageText(blocked)).toMatch(/Too many accounts have been made from your network\./);
    const nextNetwork = await app().post("/join", joinFields(), { headers: fromAddress("2001:db8:2:3::1") });
    expect(nextNetwork.status).toBe(302);
  });

  it("counts reset requests from one IPv6 /64 together", async () => {
    for (let i = 1; i <= 10; i++) {
      const response = await app().post("/forgot-password", { email: `nobody-${i}-${n}@parley.example` }, { headers: fromAddress(`2001:db8:3:3::${i}`) });
      expect(response.status, `reset ${i}`).toBeLessThan(400);
    }
    expect(await counted("reset:ip:2001:db8:3:3::/64")).toBe(10);
    const refused = await app().post("/forgot-password", { email: `nobody-11-${n}@parley.example` }, { headers: fromAddress("2001:db8:3:3::ff") });
    expect(refused.status).toBe(429);
  });

  it("takes five error reports an hour about one story from one IPv6 /64, whichever addresses send them", async () => {
    const article = await makeArticle(app().db);
    const statuses: number[] = [];
    for (let i = 1; i <= 6; i++) {
      const response = await app().post(
        `/articles/${article.slug}/report-error`,
        { body: `The ferry leaves at 9:1${i}.`, email: "", startedAt: String(Date.now() - 10_000), leave_empty: "" },
        { headers: fromAddress(`2001:db8:4:4::${i}`) },
      );
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it("knows the owner's IPv6 network during a lock-out, though the device's address changed within it", async () => {
    const user = await makeUser(app().db, { passwordHash: await passwordHash() });
    const signIn = (address: string) => app().post("/login", { email: user.email!, password: PASSWORD }, { headers: fromAddress(address) });
    expect((await signIn("2001:db8:5:5:a:b:c:1")).status).toBe(302);
    const now = new Date();
    await app()
      .db.insertInto("throttle")
      .values({
        key: `login:email:${user.email}`,
        count: 10,
        window_started_at: now.toISOString(),
        blocked_until: new Date(now.getTime() + 15 * 60_000).toISOString(),
        updated_at: now.toISOString(),
      })
      .execute();
    expect((await signIn("2001:db8:5:5:d:e:f:2")).status).toBe(302);
    expect((await signIn("2001:db8:5:6::1")).status).toBe(429);
  });

  it("counts an IPv4 client once, whether it arrives as IPv4 or as IPv4-mapped IPv6", async () => {
    const user = await makeUser(app().db, { passwordHash: await passwordHash() });
    for (const address of ["198.51.100.23", "::ffff:198.51.100.23", "::ffff:c633:6417"]) {
      await app().post("/login", { email: user.email!, password: "not-the-password" }, { headers: fromAddress(address) });
    }
    expect(await counted("login:ip:198.51.100.23")).toBe(3);
  });
});
