import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";
import {
  fieldError,
  fromAddress,
  inputValue,
  linkPath,
  mailTo,
  pageText,
  sessionCookieFrom,
  useFreshOutbox,
  waitForMail,
  withoutNonces,
} from "./accounts-support";

let app: TestServer;
beforeAll(async () => {
  useFreshOutbox();
  app = await startTestServer();
});
afterAll(async () => {
  await app?.close();
});

let n = 0;
function joinFields(overrides: Record<string, string> = {}) {
  n++;
  return {
    displayName: `Joiner ${n} ${Date.now().toString(36)}`,
    email: `joiner${n}-${Date.now().toString(36)}@parley.example`,
    password: "ferry-timetable-17",
    terms: "on",
    ...overrides,
  };
}

/** Each cookie a response sets, by name and attributes; the values (random tokens) left out. */
const cookieShape = (response: Response) => response.headers.getSetCookie().map((c) => c.replace(/=[^;]*/, "=")).sort();
/** The names and values of a response's headers, but for the ones that differ from one moment to the next. */
const headerShape = (response: Response) =>
  [...response.headers.entries()].filter(([name]) => !["date", "set-cookie", "content-security-policy"].includes(name)).sort();

const join = (fields: Record<string, string>, headers: Record<string, string> = fromAddress()) =>
  app.post("/join", fields, { headers });

describe("the join page", () => {
  it("has labelled fields, the terms checkbox linking to the terms, and a Create account button", async () => {
    const html = await pageText(await app.request("/join"));
    expect(html).toContain("<h1>Join</h1>");
    for (const label of ["Display name", "Email", "Password"]) expect(html).toMatch(new RegExp(`<label for="[^"]+">${label}</label>`));
    expect(html).toMatch(/<label for="terms">I agree to the <a[^>]*href="\/terms"[^>]*>terms of posting<\/a><\/label>/);
    expect(html).toContain("Create account</button>");
  });

  it("sends a signed-in visitor home", async () => {
    const user = await makeUser(app.db);
    const response = await app.request("/join", { as: user });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/");
  });
});

describe("joining with mistakes", () => {
  it("shows each problem beside its field and keeps what was typed, never the password", async () => {
    const response = await join({ displayName: "J", email: "not-an-email", password: "short", redirectTo: "/about" });
    expect(response.status).toBe(400);
    const html = await pageText(response);
    expect(fieldError(html, "displayName")).toBe("Use 2 to 40 characters.");
    expect(fieldError(html, "email")).toBe("Enter an email address like name@example.com.");
    expect(fieldError(html, "password")).toBe("Use at least 10 characters.");
    expect(fieldError(html, "terms")).toBe("Agree to the terms of posting to join.");
    expect(html).toMatch(/id="displayName"[^>]*aria-invalid="true"[^>]*aria-describedby="displayName-hint displayName-error"/);
    expect(inputValue(html, "displayName")).toBe("J");
    expect(inputValue(html, "email")).toBe("not-an-email");
    expect(inputValue(html, "password")).toBeNull();
    expect(html).not.toContain("short");
    expect(html).toMatch(/name="redirectTo" value="\/about"/);
  });

  it("refuses a common password, even padded with digits, and one that is the email or name", async () => {
    for (const password of ["password123", "Iloveyou2024!", "qwertyuiop"]) {
      const html = await pageText(await join(joinFields({ password })));
      expect(fieldError(html, "password"), password).toMatch(/one of the most common/);
    }
    const fields = joinFields();
    const html = await pageText(await join({ ...fields, password: fields.email }));
    expect(fieldError(html, "password")).toBe("Do not use your email address or display name as your password.");
  });

  it("refuses names that pass for staff, including letter swaps", async () => {
    for (const displayName of ["Moderator", "The Editor", "Site Admin", "Adm1n Jo", "Parley Official"]) {
      const response = await join(joinFields({ displayName }));
      expect(response.status, displayName).toBe(400);
      expect(fieldError(await pageText(response), "displayName"), displayName).toMatch(/Names cannot look like a staff title/);
    }
  });

  it("says a display name is taken, ignoring case and accents", async () => {
    await makeUser(app.db, { displayName: "Seònaid Bell" });
    const response = await join(joinFields({ displayName: "SEONAID BELL" }));
    expect(response.status).toBe(400);
    expect(fieldError(await pageText(response), "displayName")).toBe("That display name is taken. Try another.");
  });
});

describe("joining", () => {
  it("creates the account with the terms accepted, mails a link, says to check email and signs nobody in yet", async () => {
    const fields = joinFields({ email: "  New.Resident@Parley.Example ", redirectTo: "/about" });
    const response = await join(fields);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/verify-email?status=sent&redirectTo=%2Fabout");
    expect(sessionCookieFrom(response)).toBeNull();

    const user = await app.db.selectFrom("user").selectAll().where("email", "=", "new.resident@parley.example").executeTakeFirstOrThrow();
    expect(user.display_name).toBe(fields.displayName);
    expect(user.role).toBe("resident");
    expect(user.terms_version).toBe(1);
    expect(user.terms_accepted_at).toBe(user.created_at);
    expect(user.email_verified_at).toBeNull();
    expect(user.password_hash).toMatch(/^\$argon2id\$/);

    const notice = await pageText(await app.request(response.headers.get("location")!));
    expect(notice).toContain("Check your email");
    expect(notice).toContain('href="/about"');
    expect(notice).toContain("Follow the link in it from this browser and you are signed in and brought back here");
    expect(notice).toMatch(/<a[^>]*href="\/login\?redirectTo=%2Fabout"[^>]*>sign in<\/a> with the password\s+you chose/);

    const mail = await waitForMail((m) => m.to.includes("new.resident@parley.example"));
    expect(mail.subject).toMatch(/Confirm your email address/);
    expect(linkPath(mail)).toMatch(/^\/verify-email\/[a-z2-7]{32}$/);
    await app.request(linkPath(mail));

    // Confirmed, the newcomer signs in with the password chosen when joining.
    const signIn = await app.post("/login", { email: "new.resident@parley.example", password: fields.password, redirectTo: "/about" }, { headers: fromAddress() });
    expect(signIn.status).toBe(302);
    expect(signIn.headers.get("location")).toBe("/about");
    const cookie = sessionCookieFrom(signIn)!;
    const home = await pageText(await app.request("/", { headers: { Cookie: cookie } }));
    expect(home).toContain(fields.displayName);
  });

  it("stores the terms version from the settings", async () => {
    await app.db.insertInto("setting").values({ key: "terms_version", value: "3", updated_at: new Date().toISOString() }).execute();
    try {
      const fields = joinFields();
      await join(fields);
      const user = await app.db.selectFrom("user").select("terms_version").where("email", "=", fields.email).executeTakeFirstOrThrow();
      expect(user.terms_version).toBe(3);
    } finally {
      await app.db.deleteFrom("setting").where("key", "=", "terms_version").execute();
    }
  });

  it("answers a registered address exactly as a new one, and mails the address's owner instead", async () => {
    const owner = await makeUser(app.db, { email: "already@parley.example" });
    const fresh = await join(joinFields({ redirectTo: "/about" }));
    const taken = await join(joinFields({ email: "Already@Parley.example", redirectTo: "/about" }));

    expect(fresh.status).toBe(302);
    expect(taken.status).toBe(fresh.status);
    expect(taken.headers.get("location")).toBe(fresh.headers.get("location"));
    expect(headerShape(taken)).toEqual(headerShape(fresh));
    expect(cookieShape(taken)).toEqual(cookieShape(fresh));
    expect(withoutNonces(await taken.text())).toBe(withoutNonces(await fresh.text()));
    // The page it leads to is the same too.
    const pages = await Promise.all([fresh, taken].map(async (r) => pageText(await app.request(r.headers.get("location")!))));
    expect(pages[1]).toBe(pages[0]);

    const users = await app.db.selectFrom("user").select("id").where("email", "=", "already@parley.example").execute();
    expect(users).toEqual([{ id: owner.id }]);
    const mail = await waitForMail((m) => m.to.includes("already@parley.example"));
    expect(mail.subject).toMatch(/Someone tried to join/);
    expect(mail.text).toContain("/login");
    expect(mail.text).toContain("/forgot-password");
  });

  it("shows the same mistakes beside the same fields for a registered address as for a new one", async () => {
    await makeUser(app.db, { email: "already-2@parley.example" });
    const mistakes = { displayName: "J", password: "short", redirectTo: "/about" };
    const fresh = await join({ ...mistakes, email: "brand-new-2@parley.example" });
    const taken = await join({ ...mistakes, email: "already-2@parley.example" });
    expect(taken.status).toBe(400);
    expect(taken.status).toBe(fresh.status);
    expect(cookieShape(taken)).toEqual(cookieShape(fresh));
    const [freshHtml, takenHtml] = [await pageText(fresh), await pageText(taken)];
    for (const field of ["displayName", "email", "password", "terms"]) expect(fieldError(takenHtml, field)).toBe(fieldError(freshHtml, field));
    expect(fieldError(takenHtml, "terms")).toBe("Agree to the terms of posting to join.");
    expect(takenHtml.replaceAll("already-2@parley.example", "ADDRESS")).toBe(freshHtml.replaceAll("brand-new-2@parley.example", "ADDRESS"));
  });
});

describe("joining keeps the story (issue 29 part 6)", () => {
  const story = "/articles/some-story#comment-form";
  const joiningCookieOf = (response: Response) =>
    response.headers.getSetCookie().find((c) => c.startsWith("parley_joining="))?.split(";")[0] ?? null;

  it("signs the newcomer in from the browser that joined and takes them back to the comment box", async () => {
    const fields = joinFields({ redirectTo: story });
    const joined = await join(fields);
    const joining = joiningCookieOf(joined);
    expect(joining).toMatch(/^parley_joining=[a-z2-7]{32}$/);
    expect(sessionCookieFrom(joined)).toBeNull();
    const mail = await waitForMail((m) => m.to.includes(fields.email));
    const followed = await app.request(linkPath(mail), { headers: { Cookie: joining! } });
    expect(followed.status).toBe(302);
    expect(followed.headers.get("location")).toBe(story);
    const session = sessionCookieFrom(followed);
    expect(session).not.toBeNull();
    expect(followed.headers.getSetCookie().some((c) => /^parley_joining=;.*Max-Age=0/.test(c))).toBe(true);
    const home = await pageText(await app.request("/settings", { headers: { Cookie: session! } }));
    expect(home).toContain(fields.displayName);
    const user = await app.db.selectFrom("user").select("email_verified_at").where("email", "=", fields.email).executeTakeFirstOrThrow();
    expect(user.email_verified_at).not.toBeNull();
  });

  it("from another browser confirms only, and the sign-in that follows goes back to the story", async () => {
    const fields = joinFields({ redirectTo: story });
    const joined = await join(fields);
    const mail = await waitForMail((m) => m.to.includes(fields.email));
    // Another browser: no cookie, or the cookie of another join.
    const other = joiningCookieOf(await join(joinFields({ redirectTo: story })));
    for (const headers of [{}, { Cookie: other! }] as Record<string, string>[]) {
      const path = linkPath(mail);
      const followed = await app.request(path, { headers });
      expect(sessionCookieFrom(followed)).toBeNull();
      if (followed.headers.get("location") !== "/verify-email?status=invalid") {
        expect(followed.headers.get("location")).toBe(`/verify-email?status=verified&redirectTo=${encodeURIComponent(story)}`);
        const page = await pageText(await app.request(followed.headers.get("location")!));
        expect(page).toContain(`href="/login?redirectTo=${encodeURIComponent(story)}"`);
      }
    }
    // The link was used by the first of them; the joining browser cannot use it again.
    const late = await app.request(linkPath(mail), { headers: { Cookie: joiningCookieOf(joined)! } });
    expect(late.headers.get("location")).toBe("/verify-email?status=invalid");
    expect(sessionCookieFrom(late)).toBeNull();
  });

  it("gives a registered address the same cookie, which signs nobody in", async () => {
    const owner = await makeUser(app.db, { email: "keeps-story@parley.example" });
    const taken = await join(joinFields({ email: "keeps-story@parley.example", redirectTo: story }));
    expect(joiningCookieOf(taken)).toMatch(/^parley_joining=[a-z2-7]{32}$/);
    const tokens = await app.db.selectFrom("account_token").select("id").where("user_id", "=", owner.id).execute();
    expect(tokens).toEqual([]);
  });
});

describe("confirming the email address", () => {
  async function joinAndGetLink() {
    const fields = joinFields();
    const response = await join(fields);
    const mail = await waitForMail((m) => m.to.includes(fields.email));
    expect(sessionCookieFrom(response)).toBeNull();
    const user = await app.db.selectFrom("user").select("id").where("email", "=", fields.email).executeTakeFirstOrThrow();
    return { fields, cookie: await app.cookieFor(user), path: linkPath(mail) };
  }

  it("works once: the address is confirmed, and the same link then reports it does not work", async () => {
    const { fields, path } = await joinAndGetLink();
    const first = await app.request(path);
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe("/verify-email?status=verified");
    const user = await app.db.selectFrom("user").select("email_verified_at").where("email", "=", fields.email).executeTakeFirstOrThrow();
    expect(user.email_verified_at).not.toBeNull();
    const again = await app.request(path);
    expect(again.headers.get("location")).toBe("/verify-email?status=invalid");
    const page = await pageText(await app.request("/verify-email?status=invalid"));
    expect(page).toContain("This link does not work");
  });

  it("refuses a link older than 48 hours", async () => {
    const { fields, path } = await joinAndGetLink();
    const user = await app.db.selectFrom("user").select("id").where("email", "=", fields.email).executeTakeFirstOrThrow();
    await app.db
      .updateTable("account_token")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("user_id", "=", user.id)
      .execute();
    const response = await app.request(path);
    expect(response.headers.get("location")).toBe("/verify-email?status=invalid");
    const after = await app.db.selectFrom("user").select("email_verified_at").where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(after.email_verified_at).toBeNull();
  });

  it("keeps only the hash of the token", async () => {
    const { fields, path } = await joinAndGetLink();
    const token = path.split("/").pop()!;
    const user = await app.db.selectFrom("user").select("id").where("email", "=", fields.email).executeTakeFirstOrThrow();
    const rows = await app.db.selectFrom("account_token").selectAll().where("user_id", "=", user.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("sends a new link when an unconfirmed person asks, and refuses when not signed in", async () => {
    const { fields, cookie } = await joinAndGetLink();
    const before = (await mailTo(fields.email)).length;
    const response = await app.request("/verify-email", { method: "POST", headers: { Cookie: cookie } });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/verify-email?status=resent");
    await expect.poll(async () => (await mailTo(fields.email)).length, { timeout: 5000 }).toBe(before + 1);
    const anonymous = await app.request("/verify-email", { method: "POST" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("the join limit", () => {
  it("blocks an address after ten accounts in an hour, with a clear message", async () => {
    const address = fromAddress("192.0.2.77");
    for (let i = 0; i < 10; i++) {
      const response = await join(joinFields(), address);
      expect(response.status, `join ${i + 1}`).toBe(302);
    }
    const blocked = await join(joinFields(), address);
    expect(blocked.status).toBe(429);
    expect(await pageText(blocked)).toMatch(/Too many accounts have been made from your network\. Try again in (60|59) minutes\./);
    const elsewhere = await join(joinFields(), fromAddress("192.0.2.78"));
    expect(elsewhere.status).toBe(302);
  });
});
