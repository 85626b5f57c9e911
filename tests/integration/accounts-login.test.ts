import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";
import {
  fieldError,
  freshAddress,
  fromAddress,
  inputValue,
  PASSWORD,
  pageText,
  passwordHash,
  sessionCookieFrom,
  useFreshOutbox,
} from "./accounts-support";

let app: TestServer;
beforeAll(async () => {
  useFreshOutbox();
  app = await startTestServer();
});
afterAll(async () => {
  await app?.close();
});

async function resident(overrides: Parameters<typeof makeUser>[1] = {}) {
  return makeUser(app.db, { passwordHash: await passwordHash(), ...overrides });
}

const signIn = (fields: Record<string, string>, init: { address?: string; cookie?: string } = {}) =>
  app.post("/login", fields, {
    headers: { ...fromAddress(init.address ?? freshAddress()), ...(init.cookie ? { Cookie: init.cookie } : {}) },
  });

describe("the sign-in page", () => {
  it("has labelled Email and Password fields, a Sign in button and a way to reset the password", async () => {
    const html = await pageText(await app.request("/login?redirectTo=%2Fabout"));
    expect(html).toContain("<h1>Sign in</h1>");
    expect(html).toContain('<label for="email">Email</label>');
    expect(html).toContain('<label for="password">Password</label>');
    expect(html).toContain("Sign in</button>");
    expect(html).toContain('href="/forgot-password"');
    expect(html).toMatch(/name="redirectTo" value="\/about"/);
  });
});

describe("signing in", () => {
  it("starts a session and returns to the page the visitor came from", async () => {
    const user = await resident();
    const response = await signIn({ email: user.email!.toUpperCase(), password: PASSWORD, redirectTo: "/about?x=1#top" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/about?x=1#top");
    const header = response.headers.get("set-cookie")!;
    expect(header).toMatch(/parley_session=[a-z2-7]{32}; Path=\/; HttpOnly; SameSite=Lax; Expires=/);
    const home = await pageText(await app.request("/", { headers: { Cookie: sessionCookieFrom(response)! } }));
    expect(home).toContain(user.display_name);
    expect(home).toContain('href="/settings"');
  });

  it("refuses to send the visitor to another site after signing in", async () => {
    const user = await resident();
    for (const redirectTo of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"]) {
      const response = await signIn({ email: user.email!, password: PASSWORD, redirectTo });
      expect(response.headers.get("location"), redirectTo).toBe("/");
    }
  });

  it("makes a new session on every sign-in and ends the one the browser had", async () => {
    const user = await resident();
    const first = sessionCookieFrom(await signIn({ email: user.email!, password: PASSWORD }))!;
    const second = sessionCookieFrom(await signIn({ email: user.email!, password: PASSWORD }, { cookie: first }))!;
    expect(second).not.toBe(first);
    const sessions = await app.db.selectFrom("session").select("id").where("user_id", "=", user.id).execute();
    expect(sessions).toHaveLength(1);
    const withOld = await pageText(await app.request("/", { headers: { Cookie: first } }));
    expect(withOld).not.toContain(user.display_name);
  });

  it("gives the same message for a wrong password and an unknown email, beside the password, keeping the email", async () => {
    const user = await resident();
    const wrong = await signIn({ email: user.email!, password: "not-the-password" });
    const unknown = await signIn({ email: "nobody-here@parley.example", password: "not-the-password" });
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    const [wrongHtml, unknownHtml] = [await pageText(wrong), await pageText(unknown)];
    expect(fieldError(wrongHtml, "password")).toBe("The email address or password is not right.");
    expect(fieldError(unknownHtml, "password")).toBe("The email address or password is not right.");
    expect(inputValue(wrongHtml, "email")).toBe(user.email);
    expect(inputValue(wrongHtml, "password")).toBeNull();
    expect(sessionCookieFrom(wrong)).toBeNull();
  });

  it("shows missing fields beside them", async () => {
    const html = await pageText(await signIn({ email: "", password: "" }));
    expect(fieldError(html, "email")).toBe("Enter your email address.");
    expect(fieldError(html, "password")).toBe("Enter your password.");
  });

  it("lets suspended and banned people in to read and manage their account, but not deleted accounts", async () => {
    for (const status of ["suspended", "banned"] as const) {
      const user = await resident();
      await app.db.updateTable("user").set({ status }).where("id", "=", user.id).execute();
      const response = await signIn({ email: user.email!, password: PASSWORD });
      expect(response.status, status).toBe(302);
      expect(sessionCookieFrom(response), status).not.toBeNull();
    }
    const gone = await resident();
    await app.db.updateTable("user").set({ status: "deleted" }).where("id", "=", gone.id).execute();
    expect((await signIn({ email: gone.email!, password: PASSWORD })).status).toBe(400);
  });
});

describe("the sign-in throttle", () => {
  it("slows down an account after five failures, then blocks it, whatever the address", async () => {
    const user = await resident();
    for (let i = 1; i <= 4; i++) {
      const response = await signIn({ email: user.email!, password: `wrong-password-${i}` });
      expect(response.status).toBe(400);
    }
    const fifth = await signIn({ email: user.email!, password: "wrong-password-5" });
    const fifthHtml = await pageText(fifth);
    expect(fifth.status).toBe(429);
    expect(fieldError(fifthHtml, "password")).toBe("The email address or password is not right.");
    expect(fifthHtml).toMatch(/role="alert">Too many failed sign-in attempts\. Try again in 1[45] seconds\./);
    // even the right password, from an address the account has not used, is not let through now:
    // its owner is mailed a link instead (tests/integration/accounts-lockout.test.ts)
    const waiting = await signIn({ email: user.email!, password: PASSWORD });
    expect(waiting.status).toBe(429);
    expect(await pageText(waiting)).toMatch(/role="alert">Too many failed sign-in attempts for this account\. Try again in 1[45] seconds\. If the password you gave is right, we have emailed you a link/);
    expect(sessionCookieFrom(waiting)).toBeNull();

    // the limit lives in the database: push the wait into the past and the right password works again
    const key = `login:email:${user.email}`;
    const row = await app.db.selectFrom("throttle").selectAll().where("key", "=", key).executeTakeFirstOrThrow();
    // five failures and the try refused while waiting: tries sent together must all count
    expect(row.count).toBe(6);
    await app.db.updateTable("throttle").set({ blocked_until: new Date(Date.now() - 1000).toISOString() }).where("key", "=", key).execute();
    const later = await signIn({ email: user.email!, password: PASSWORD });
    expect(later.status).toBe(302);
    // and success clears the account's failures
    expect(await app.db.selectFrom("throttle").select("key").where("key", "=", key).executeTakeFirst()).toBeUndefined();
  });

  it("blocks for 15 minutes at ten failures, and the block holds for a server that never saw the failures", async () => {
    const user = await resident();
    const key = `login:email:${user.email}`;
    // Ten failures in the window, written the way another server process would have left them.
    const now = new Date();
    await app.db
      .insertInto("throttle")
      .values({ key, count: 9, window_started_at: now.toISOString(), blocked_until: null, updated_at: now.toISOString() })
      .execute();
    const tenth = await signIn({ email: user.email!, password: "wrong-password" });
    expect(await pageText(tenth)).toMatch(/Too many failed sign-in attempts\. Try again in 15 minutes\./);
    const blocked = await signIn({ email: user.email!, password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(await pageText(blocked)).toMatch(/Try again in 15 minutes\./);
  });

  it("blocks an address after thirty failures across accounts", async () => {
    const address = freshAddress();
    for (let i = 0; i < 30; i++) {
      await signIn({ email: `guess-${i}@parley.example`, password: "wrong-password" }, { address });
    }
    const user = await resident();
    const blocked = await signIn({ email: user.email!, password: PASSWORD }, { address });
    expect(blocked.status).toBe(429);
    expect(await pageText(blocked)).toMatch(/Too many failed sign-in attempts\. Try again in 15 minutes\./);
    const row = await app.db.selectFrom("throttle").selectAll().where("key", "=", `login:ip:${address}`).executeTakeFirstOrThrow();
    expect(row.count).toBe(31); // thirty failures and the refused try
    const elsewhere = await signIn({ email: user.email!, password: PASSWORD });
    expect(elsewhere.status).toBe(302);
  });
});
