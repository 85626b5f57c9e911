import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";
import {
  fieldError,
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

const forgot = (email: string, address?: string) => app.post("/forgot-password", { email }, { headers: fromAddress(address) });

async function resetLinkFor(email: string): Promise<string> {
  const before = (await mailTo(email)).length;
  const response = await forgot(email);
  expect(response.headers.get("location")).toBe("/forgot-password?sent=1");
  await expect.poll(async () => (await mailTo(email)).length, { timeout: 5000 }).toBe(before + 1);
  const mail = await waitForMail((m) => m.to.includes(email) && /Reset your/.test(m.subject));
  return linkPath(mail);
}

describe("asking for a reset link", () => {
  it("answers the same for a registered and an unknown address, and mails only the registered one", async () => {
    const user = await resident();
    const known = await forgot(user.email!);
    const unknown = await forgot("no-such-person@parley.example");
    for (const response of [known, unknown]) {
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe("/forgot-password?sent=1");
    }
    const mail = await waitForMail((m) => m.to.includes(user.email!));
    expect(mail.subject).toMatch(/Reset your .* password/);
    expect(mail.text).toMatch(/within one hour/);
    expect(linkPath(mail)).toMatch(/^\/reset-password\/[a-z2-7]{32}$/);
    // a later message to a known address arrives; none ever went to the unknown one
    const other = await resident();
    await forgot(other.email!);
    await waitForMail((m) => m.to.includes(other.email!));
    expect(await mailTo("no-such-person@parley.example")).toEqual([]);
    const page = await pageText(await app.request("/forgot-password?sent=1"));
    expect(page).toContain("If an account uses that address, we have sent it a link");
  });

  it("shows a bad address beside the field", async () => {
    const response = await forgot("not an email");
    expect(response.status).toBe(400);
    expect(fieldError(await pageText(response), "email")).toBe("Enter an email address like name@example.com.");
  });

  it("limits requests for one address to three an hour, known or not", async () => {
    for (const email of ["limit-me@parley.example", (await resident()).email!]) {
      for (let i = 0; i < 3; i++) expect((await forgot(email)).status).toBe(302);
      const blocked = await forgot(email);
      expect(blocked.status).toBe(429);
      expect(await pageText(blocked)).toMatch(/Too many reset requests\. Try again in (60|59) minutes\./);
    }
  });
});

describe("resetting the password", () => {
  it("sets the new password from the link, ends every session, signs in afresh, and the link then stops working", async () => {
    const user = await resident();
    const oldCookie = await app.cookieFor(user);
    const path = await resetLinkFor(user.email!);

    const form = await pageText(await app.request(path));
    expect(form).toContain("Choose a new password");
    expect(form).toContain('<label for="password">New password</label>');

    const response = await app.post(path, { password: "new-lighthouse-keeper-9" }, { headers: fromAddress() });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/settings?saved=password-reset");
    const fresh = sessionCookieFrom(response)!;
    expect(fresh).not.toBeNull();

    const sessions = await app.db.selectFrom("session").select("id").where("user_id", "=", user.id).execute();
    expect(sessions).toHaveLength(1);
    expect(await pageText(await app.request("/", { headers: { Cookie: oldCookie } }))).not.toContain(user.display_name);
    expect(await pageText(await app.request("/settings?saved=password-reset", { headers: { Cookie: fresh } }))).toContain(
      "Your new password is set",
    );

    const signIn = await app.post("/login", { email: user.email!, password: "new-lighthouse-keeper-9" }, { headers: fromAddress() });
    expect(signIn.status).toBe(302);
    const oldPassword = await app.post("/login", { email: user.email!, password: PASSWORD }, { headers: fromAddress() });
    expect(oldPassword.status).toBe(400);

    const again = await app.post(path, { password: "another-new-password-1" }, { headers: fromAddress() });
    expect(again.status).toBe(400);
    expect(await pageText(again)).toMatch(/This link has expired or has been used already/);
    expect(await pageText(await app.request(path))).toContain("This link does not work");
  });

  it("refuses a link more than an hour old", async () => {
    const user = await resident();
    const path = await resetLinkFor(user.email!);
    const row = await app.db
      .selectFrom("account_token")
      .select(["id", "created_at", "expires_at"])
      .where("user_id", "=", user.id)
      .where("purpose", "=", "reset_password")
      .executeTakeFirstOrThrow();
    expect(Date.parse(row.expires_at) - Date.parse(row.created_at)).toBe(60 * 60 * 1000);
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000 - 1000);
    await app.db
      .updateTable("account_token")
      .set({ created_at: hourAgo.toISOString(), expires_at: new Date(hourAgo.getTime() + 3_600_000).toISOString() })
      .where("id", "=", row.id)
      .execute();
    expect(await pageText(await app.request(path))).toContain("This link does not work");
    const response = await app.post(path, { password: "new-lighthouse-keeper-9" }, { headers: fromAddress() });
    expect(response.status).toBe(400);
    const after = await app.db.selectFrom("user").select("password_hash").where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(after.password_hash).toBe(await passwordHash());
  });

  it("checks the new password like joining does, keeping the link usable", async () => {
    const user = await resident();
    const path = await resetLinkFor(user.email!);
    const common = await app.post(path, { password: "password1234" }, { headers: fromAddress() });
    expect(common.status).toBe(400);
    expect(fieldError(await pageText(common), "password")).toMatch(/one of the most common/);
    const same = await app.post(path, { password: user.email! }, { headers: fromAddress() });
    expect(fieldError(await pageText(same), "password")).toBe("Do not use your email address or display name as your password.");
    const ok = await app.post(path, { password: "new-lighthouse-keeper-9" }, { headers: fromAddress() });
    expect(ok.status).toBe(302);
  });

  it("uses only the newest link when several were asked for", async () => {
    const user = await resident();
    const first = await resetLinkFor(user.email!);
    const second = await resetLinkFor(user.email!);
    expect((await app.post(first, { password: "new-lighthouse-keeper-9" }, { headers: fromAddress() })).status).toBe(400);
    expect((await app.post(second, { password: "new-lighthouse-keeper-9" }, { headers: fromAddress() })).status).toBe(302);
  });

  it("treats a made-up token as a link that does not work", async () => {
    expect(await pageText(await app.request("/reset-password/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"))).toContain("This link does not work");
    const response = await app.post("/reset-password/not-a-token", { password: "new-lighthouse-keeper-9" }, { headers: fromAddress() });
    expect(response.status).toBe(400);
  });
});
