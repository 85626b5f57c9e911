import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";
import { testDialect } from "../support/test-db";
import {
  fieldError,
  freshAddress,
  fromAddress,
  linkPath,
  mailTo,
  PASSWORD,
  pageText,
  passwordHash,
  sessionCookieFrom,
  useFreshOutbox,
  waitForMail,
} from "./accounts-support";

/**
 * A lock-out (too many wrong passwords for one account) must not keep the account's owner out: from an
 * address the account has signed in from, the right password still works; from any other, the owner is
 * mailed a one-time link, and the page says the same whether the password was right or not.
 */
let app: TestServer;
beforeAll(async () => {
  useFreshOutbox();
  app = await startTestServer();
});
afterAll(async () => {
  await app?.close();
});

async function resident() {
  return makeUser(app.db, { passwordHash: await passwordHash() });
}

const signIn = (email: string, password: string, address = freshAddress()) =>
  app.post("/login", { email, password }, { headers: fromAddress(address) });

/** Ten wrong passwords for the account, as another server process would have left them: blocked for 15 minutes. */
async function lockOut(email: string) {
  const now = new Date();
  await app.db
    .insertInto("throttle")
    .values({
      key: `login:email:${email}`,
      count: 10,
      window_started_at: now.toISOString(),
      blocked_until: new Date(now.getTime() + 15 * 60_000).toISOString(),
      updated_at: now.toISOString(),
    })
    .execute();
}

const LOCKED = /Too many failed sign-in attempts for this account\. Try again in 1[45] minutes\. If the password you gave is right, we have emailed you a link to sign in now; it works once, within 30 minutes\./;

/** The sign-in link mailed to an address, once it has arrived. */
async function signInLinkTo(email: string): Promise<string> {
  const mail = await waitForMail((m) => m.to.includes(email) && /A link to sign in/.test(m.subject));
  return linkPath(mail);
}

const useLink = (path: string, address = freshAddress()) => app.post(path, {}, { headers: fromAddress(address) });

describe(`signing in during a lock-out (${testDialect()})`, () => {
  it("lets the right password through from an address the account has signed in from, and keeps the lock for others", async () => {
    const user = await resident();
    const home = freshAddress();
    expect((await signIn(user.email!, PASSWORD, home)).status).toBe(302);
    await lockOut(user.email!);

    const response = await signIn(user.email!, PASSWORD, home);
    expect(response.status).toBe(302);
    expect(sessionCookieFrom(response)).not.toBeNull();
    const row = await app.db.selectFrom("throttle").selectAll().where("key", "=", `login:email:${user.email}`).executeTakeFirstOrThrow();
    expect(Date.parse(row.blocked_until!)).toBeGreaterThan(Date.now() + 14 * 60_000);
    const elsewhere = await signIn(user.email!, PASSWORD);
    expect(elsewhere.status).toBe(429);
    expect(sessionCookieFrom(elsewhere)).toBeNull();
  });

  it("keeps only a hash of the addresses an account has signed in from", async () => {
    const user = await resident();
    const home = freshAddress();
    await signIn(user.email!, PASSWORD, home);
    const rows = await app.db.selectFrom("sign_in_address").selectAll().where("user_id", "=", user.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.address_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(home);
  });

  it("forgets an address not signed in from for half a year, at the account's next sign-in", async () => {
    const user = await resident();
    const old = freshAddress();
    await signIn(user.email!, PASSWORD, old);
    const longAgo = new Date(Date.now() - 181 * 86_400_000).toISOString();
    await app.db.updateTable("sign_in_address").set({ first_at: longAgo, last_at: longAgo }).where("user_id", "=", user.id).execute();
    await lockOut(user.email!);
    // A forgotten address is a stranger's: the right password from it gets the emailed link, not a session.
    const fromOld = await signIn(user.email!, PASSWORD, old);
    expect(fromOld.status).toBe(429);
    expect(sessionCookieFrom(fromOld)).toBeNull();
    await app.db.deleteFrom("throttle").where("key", "like", `login:%${user.email}%`).execute();
    expect((await signIn(user.email!, PASSWORD, freshAddress())).status).toBe(302);
    const rows = await app.db.selectFrom("sign_in_address").select("last_at").where("user_id", "=", user.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.last_at > longAgo).toBe(true);
  });

  it("mails a link that signs in once when the right password comes from an address the account has not used", async () => {
    const user = await resident();
    await lockOut(user.email!);
    const away = freshAddress();
    const response = await signIn(user.email!, PASSWORD, away);
    expect(response.status).toBe(429);
    expect(sessionCookieFrom(response)).toBeNull();
    const html = await pageText(response);
    expect(html).toMatch(LOCKED);
    expect(fieldError(html, "password")).toBeNull();

    const path = await signInLinkTo(user.email!);
    expect(path).toMatch(/^\/sign-in-link\/[a-z2-7]{32}$/);
    // Opening the link (as a mail scanner would) does not use it up.
    const page = await app.request(path);
    expect(page.status).toBe(200);
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(await pageText(page)).toContain("Sign in</button>");
    expect(await pageText(await app.request(path))).toContain("Sign in</button>");

    const used = await useLink(path, away);
    expect(used.status).toBe(302);
    expect(used.headers.get("location")).toBe("/");
    const cookie = sessionCookieFrom(used)!;
    expect(await pageText(await app.request("/", { headers: { Cookie: cookie } }))).toContain(user.display_name);

    const again = await useLink(path, away);
    expect(again.status).toBe(400);
    expect(sessionCookieFrom(again)).toBeNull();
    expect(await pageText(again)).toContain("This link does not work");
    expect(await pageText(await app.request(path))).toContain("This link does not work");

    // The address the link was followed from is now one the account has used.
    expect((await signIn(user.email!, PASSWORD, away)).status).toBe(302);
  });

  it("sends nothing for a wrong password during a lock-out, and the page is the same as for the right one", async () => {
    const user = await resident();
    await lockOut(user.email!);
    const right = await signIn(user.email!, PASSWORD);
    const wrong = await signIn(user.email!, "not-the-password-at-all");
    expect(wrong.status).toBe(right.status);
    expect(sessionCookieFrom(wrong)).toBeNull();
    const [rightHtml, wrongHtml] = [await pageText(right), await pageText(wrong)];
    expect(wrongHtml).toMatch(LOCKED);
    expect(wrongHtml).toBe(rightHtml);

    // The right password's link arrives; the wrong one's never does.
    await signInLinkTo(user.email!);
    await new Promise((ok) => setTimeout(ok, 300));
    expect(await mailTo(user.email!)).toHaveLength(1);

    // An address with no account, locked the same way, gets the same page too.
    const nobody = `nobody-${Date.now().toString(36)}@parley.example`;
    await lockOut(nobody);
    const none = await pageText(await signIn(nobody, PASSWORD));
    expect(none.replaceAll(nobody, "ADDRESS")).toBe(rightHtml.replaceAll(user.email!, "ADDRESS"));
  });

  it("refuses a link older than 30 minutes, and one for an account whose address has changed", async () => {
    const user = await resident();
    await lockOut(user.email!);
    await signIn(user.email!, PASSWORD);
    const path = await signInLinkTo(user.email!);
    await app.db
      .updateTable("account_token")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("user_id", "=", user.id)
      .where("purpose", "=", "sign_in")
      .execute();
    const expired = await useLink(path);
    expect(expired.status).toBe(400);
    expect(sessionCookieFrom(expired)).toBeNull();
    const token = await app.db.selectFrom("account_token").select("expires_at").where("user_id", "=", user.id).executeTakeFirstOrThrow();
    expect(Date.parse(token.expires_at)).toBeLessThan(Date.now());

    const other = await resident();
    await lockOut(other.email!);
    await signIn(other.email!, PASSWORD);
    const otherPath = await signInLinkTo(other.email!);
    await app.db.updateTable("user").set({ email: `moved-${other.email}` }).where("id", "=", other.id).execute();
    expect((await useLink(otherPath)).status).toBe(400);
  });

  it("signs in exactly once when the same link is used twice at once", async () => {
    const user = await resident();
    await lockOut(user.email!);
    await signIn(user.email!, PASSWORD);
    const path = await signInLinkTo(user.email!);
    const responses = await Promise.all(Array.from({ length: 2 }, () => useLink(path)));
    expect(responses.map((r) => r.status).sort()).toEqual([302, 400]);
    expect(responses.filter((r) => sessionCookieFrom(r) !== null)).toHaveLength(1);
    const sessions = await app.db.selectFrom("session").select("id").where("user_id", "=", user.id).execute();
    expect(sessions).toHaveLength(1);
  });

  it("checks no more than five of twelve wrong passwords sent at once from the owner's own address", async () => {
    const user = await resident();
    const home = freshAddress();
    await signIn(user.email!, PASSWORD, home);
    await lockOut(user.email!);
    const responses = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn(user.email!, `wrong-${i}`, home)));
    expect(responses.some((r) => r.status >= 500)).toBe(false);
    const bodies = await Promise.all(responses.map((r) => r.text()));
    const checked = bodies.filter((body) => body.includes("The email address or password is not right.")).length;
    expect(checked).toBe(5);
    // and the right password must wait there now too
    const waiting = await signIn(user.email!, PASSWORD, home);
    expect(waiting.status).toBe(429);
    expect(sessionCookieFrom(waiting)).toBeNull();
  });
});
