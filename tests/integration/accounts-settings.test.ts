import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../app/auth/session.server";
import { makeArticle, makeComment, makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";
import {
  fieldError,
  fromAddress,
  inputValue,
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

async function resident(overrides: Parameters<typeof makeUser>[1] = {}) {
  return makeUser(app.db, { passwordHash: await passwordHash(), ...overrides });
}

/** A signed-in resident and a helper that posts one of the settings forms as them. */
async function signedIn(overrides: Parameters<typeof makeUser>[1] = {}) {
  const user = await resident(overrides);
  const cookie = await app.cookieFor(user);
  const post = (fields: Record<string, string>, asCookie = cookie) =>
    app.post("/settings", fields, { headers: { Cookie: asCookie, ...fromAddress() } });
  const page = async (path = "/settings", asCookie = cookie) =>
    pageText(await app.request(path, { headers: { Cookie: asCookie } }));
  return { user, cookie, post, page };
}

const userRow = (id: number) => app.db.selectFrom("user").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

describe("the settings page", () => {
  it("sends an anonymous visitor to sign in and back", async () => {
    const response = await app.request("/settings");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/login?redirectTo=%2Fsettings");
  });

  it("shows each section with its own form", async () => {
    const { page } = await signedIn();
    const html = await page();
    expect(html).toContain("<h1>Your settings</h1>");
    for (const heading of ["Display name", "Email address", "Password", "Reply notifications", "Where you are signed in", "Delete your account"]) {
      expect(html).toMatch(new RegExp(`<h2 id="[^"]+">${heading}</h2>`));
    }
    for (const intent of ["display-name", "email", "password", "notifications", "end-all-sessions", "delete-account"]) {
      expect(html).toContain(`name="intent" value="${intent}"`);
    }
  });

  it("tells an unconfirmed person and offers to resend the link", async () => {
    const { page } = await signedIn({ emailVerified: false });
    const html = await page();
    expect(html).toContain("Your email address is not confirmed yet");
    expect(html).toMatch(/<form method="post" action="\/verify-email"[^>]*>.*Resend the link<\/button>/s);
  });
});

describe("changing the display name", () => {
  it("changes it, and the header shows the new name", async () => {
    const { user, post, page } = await signedIn();
    const response = await post({ intent: "display-name", displayName: "  Ishbel   Morrison " });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/settings?saved=name");
    expect((await userRow(user.id)).display_name).toBe("Ishbel Morrison");
    const html = await page("/settings?saved=name");
    expect(html).toContain("Your display name is changed.");
    // The link is marked as the current page here (class "active", aria-current).
    expect(html).toMatch(/class="site-account__me[^"]*"[^>]*>Ishbel Morrison/);
  });

  it("refuses a taken name or one that passes for staff, beside the field, keeping what was typed", async () => {
    await makeUser(app.db, { displayName: "Fionnlagh Reid" });
    const { post } = await signedIn();
    const taken = await pageText(await post({ intent: "display-name", displayName: "fionnlagh reid" }));
    expect(fieldError(taken, "displayName")).toBe("That display name is taken. Try another.");
    expect(inputValue(taken, "displayName")).toBe("fionnlagh reid");
    const staff = await post({ intent: "display-name", displayName: "Chief Moderator" });
    expect(staff.status).toBe(400);
    expect(fieldError(await pageText(staff), "displayName")).toMatch(/Names cannot look like a staff title/);
  });
});

describe("changing the email address", () => {
  it("needs the current password", async () => {
    const { post } = await signedIn();
    const html = await pageText(await post({ intent: "email", newEmail: "moved@parley.example", currentPassword: "wrong-password" }));
    expect(fieldError(html, "email-current-password")).toBe("That is not your current password.");
    expect(inputValue(html, "newEmail")).toBe("moved@parley.example");
    const empty = await pageText(await post({ intent: "email", newEmail: "nope", currentPassword: "" }));
    expect(fieldError(empty, "newEmail")).toBe("Enter an email address like name@example.com.");
    expect(fieldError(empty, "email-current-password")).toBe("Enter your password.");
  });

  it("mails a link to the new address and a notice to the old; the change happens when the link is followed", async () => {
    const { user, post } = await signedIn();
    const response = await post({ intent: "email", newEmail: "New.Home@Parley.example", currentPassword: PASSWORD });
    expect(response.headers.get("location")).toBe("/settings?saved=email");
    expect((await userRow(user.id)).email).toBe(user.email);

    const link = await waitForMail((m) => m.to.includes("new.home@parley.example"));
    const notice = await waitForMail((m) => m.to.includes(user.email!) && /being changed/.test(m.subject));
    expect(notice.text).toContain("n*****@parley.example");
    const followed = await app.request(linkPath(link));
    expect(followed.headers.get("location")).toBe("/verify-email?status=changed");
    const after = await userRow(user.id);
    expect(after.email).toBe("new.home@parley.example");
    expect(after.email_verified_at).not.toBeNull();
    expect((await app.request(linkPath(link))).headers.get("location")).toBe("/verify-email?status=invalid");
  });

  it("answers the same when the new address belongs to someone else, and sends no working link", async () => {
    const other = await resident({ email: "taken-address@parley.example" });
    const { user, post } = await signedIn();
    const response = await post({ intent: "email", newEmail: "taken-address@parley.example", currentPassword: PASSWORD });
    expect(response.headers.get("location")).toBe("/settings?saved=email");
    const mail = await waitForMail((m) => m.to.includes("taken-address@parley.example"));
    expect(mail.text).not.toMatch(/verify-email\//);
    expect((await userRow(user.id)).email).toBe(user.email);
    expect((await userRow(other.id)).email).toBe("taken-address@parley.example");
  });
});

describe("changing the password", () => {
  it("needs the current one and a good new one", async () => {
    const { post } = await signedIn();
    const wrong = await pageText(await post({ intent: "password", currentPassword: "nope-nope-nope", newPassword: "tide-tables-at-dawn" }));
    expect(fieldError(wrong, "password-current")).toBe("That is not your current password.");
    const weak = await pageText(await post({ intent: "password", currentPassword: PASSWORD, newPassword: "qwerty12345" }));
    expect(fieldError(weak, "password-new")).toMatch(/one of the most common/);
    expect(weak).not.toContain("qwerty12345");
    expect(weak).not.toContain(PASSWORD);
  });

  it("ends every session, then carries on in a fresh one here", async () => {
    const { user, cookie, post } = await signedIn();
    const otherDevice = await app.cookieFor(user);
    const response = await post({ intent: "password", currentPassword: PASSWORD, newPassword: "tide-tables-at-dawn" });
    expect(response.headers.get("location")).toBe("/settings?saved=password");
    const fresh = sessionCookieFrom(response)!;
    expect(fresh).not.toBe(cookie);
    const sessions = await app.db.selectFrom("session").select("id").where("user_id", "=", user.id).execute();
    expect(sessions).toHaveLength(1);
    for (const old of [cookie, otherDevice]) {
      expect((await app.request("/settings", { headers: { Cookie: old } })).status).toBe(302);
    }
    expect((await app.request("/settings", { headers: { Cookie: fresh } })).status).toBe(200);
    const signIn = await app.post("/login", { email: user.email!, password: "tide-tables-at-dawn" }, { headers: fromAddress() });
    expect(signIn.status).toBe(302);
    await waitForMail((m) => m.to.includes(user.email!) && /password was changed/.test(m.subject));
  });
});

describe("reply notifications", () => {
  it("turns email for replies on and off", async () => {
    const { user, post, page } = await signedIn();
    expect((await post({ intent: "notifications", notifyReplies: "on" })).headers.get("location")).toBe("/settings?saved=notifications");
    expect((await userRow(user.id)).notify_replies_by_email).toBe(1);
    expect(await page()).toMatch(/id="notifyReplies" type="checkbox" name="notifyReplies" checked=""/);
    await post({ intent: "notifications" });
    expect((await userRow(user.id)).notify_replies_by_email).toBe(0);
  });
});

describe("sessions", () => {
  it("lists where the account is signed in, marking this device", async () => {
    const { user, page } = await signedIn();
    await app.cookieFor(user);
    const html = await page();
    expect(html.match(/class="session-list__item"/g)).toHaveLength(2);
    expect(html).toContain("(this device)");
    expect(html).toContain("Sign out of all other devices");
  });

  it("ends one other session, and never someone else's", async () => {
    const { user, post } = await signedIn();
    const otherCookie = await app.cookieFor(user);
    const other = { id: hashToken(otherCookie.split("=")[1]!) };
    const stranger = await resident();
    await app.cookieFor(stranger);
    const strangers = await app.db.selectFrom("session").select("id").where("user_id", "=", stranger.id).execute();

    const foreign = await post({ intent: "end-session", sessionId: strangers[0]!.id });
    expect(foreign.status).toBe(400);
    expect(await app.db.selectFrom("session").select("id").where("user_id", "=", stranger.id).execute()).toHaveLength(1);

    const response = await post({ intent: "end-session", sessionId: other.id });
    expect(response.headers.get("location")).toBe("/settings?saved=session-ended");
    expect(await app.db.selectFrom("session").select("id").where("id", "=", other.id).execute()).toEqual([]);
    expect((await app.request("/settings", { headers: { Cookie: otherCookie } })).status).toBe(302);
  });

  it("signs out of all other devices, or of all devices", async () => {
    const { user, cookie, post } = await signedIn();
    await app.cookieFor(user);
    await app.cookieFor(user);
    expect((await post({ intent: "end-other-sessions" })).headers.get("location")).toBe("/settings?saved=others-ended");
    expect(await app.db.selectFrom("session").select("id").where("user_id", "=", user.id).execute()).toHaveLength(1);
    expect((await app.request("/settings", { headers: { Cookie: cookie } })).status).toBe(200);

    const all = await post({ intent: "end-all-sessions" });
    expect(all.headers.get("location")).toBe("/login?notice=signed-out");
    expect(all.headers.get("set-cookie")).toMatch(/parley_session=;.*Max-Age=0/);
    expect(await app.db.selectFrom("session").select("id").where("user_id", "=", user.id).execute()).toEqual([]);
  });
});

describe("deleting the account", () => {
  it("needs the password", async () => {
    const { user, post } = await signedIn();
    const html = await pageText(await post({ intent: "delete-account", currentPassword: "not-my-password" }));
    expect(fieldError(html, "delete-password")).toBe("That is not your current password.");
    expect((await userRow(user.id)).status).toBe("active");
  });

  it("removes personal data and keeps the comments in their threads as Deleted user", async () => {
    const { user, post } = await signedIn({ displayName: "Catriona Leaving", bio: "Lives by the pier." });
    const author = await makeUser(app.db);
    const article = await makeArticle(app.db, { slug: "ferry-timetable-changes" });
    const mine = await makeComment(app.db, { articleId: article.id, authorId: user.id, bodySource: "My view on the ferry." });
    const theirs = await makeComment(app.db, { articleId: article.id, authorId: author.id, bodySource: "Another view." });
    await app.db.insertInto("comment_like").values({ comment_id: theirs.id, user_id: user.id, created_at: new Date().toISOString() }).execute();
    await app.db.updateTable("comment").set({ like_count: 1 }).where("id", "=", theirs.id).execute();
    await app.db
      .insertInto("notification")
      .values({ user_id: user.id, kind: "reply", comment_id: theirs.id, actor_id: author.id, body: "", created_at: new Date().toISOString(), read_at: null })
      .execute();
    await app.cookieFor(user);

    const response = await post({ intent: "delete-account", currentPassword: PASSWORD });
    expect(response.headers.get("location")).toBe("/login?notice=deleted");
    expect(response.headers.get("set-cookie")).toMatch(/parley_session=;.*Max-Age=0/);

    const row = await userRow(user.id);
    expect(row).toMatchObject({ status: "deleted", email: null, email_verified_at: null, password_hash: null, bio: "" });
    expect(row.display_name).toBe(`Deleted user ${user.id}`);
    for (const table of ["session", "comment_like", "notification", "account_token"] as const) {
      const left = await app.db.selectFrom(table).select("user_id").where("user_id", "=", user.id).execute();
      expect(left, table).toEqual([]);
    }
    const liked = await app.db.selectFrom("comment").select("like_count").where("id", "=", theirs.id).executeTakeFirstOrThrow();
    expect(liked.like_count).toBe(0);
    const kept = await app.db.selectFrom("comment").select(["status", "body_source"]).where("id", "=", mine.id).executeTakeFirstOrThrow();
    expect(kept).toEqual({ status: "visible", body_source: "My view on the ferry." });

    const story = await pageText(await app.request("/articles/ferry-timetable-changes"));
    expect(story).toContain("My view on the ferry.");
    expect(story).toContain("Deleted user");
    expect(story).not.toContain("Catriona Leaving");
    expect((await app.request(`/users/${user.id}`)).status).toBe(404);

    const signIn = await app.post("/login", { email: user.email!, password: PASSWORD }, { headers: fromAddress() });
    expect(signIn.status).toBe(400);
    // the name is free again
    const newcomer = await resident();
    const renamed = await app.post(
      "/settings",
      { intent: "display-name", displayName: "Catriona Leaving" },
      { headers: { Cookie: await app.cookieFor(newcomer), ...fromAddress() } },
    );
    expect(renamed.status).toBe(302);
    expect((await mailTo(user.email!)).some((m) => /has been deleted/.test(m.subject))).toBe(true);
  });
});

describe("settings forms sent wrongly", () => {
  it("answer an unknown intent with a message, not a crash", async () => {
    const { post } = await signedIn();
    const response = await post({ intent: "make-me-admin" });
    expect(response.status).toBe(400);
    expect(await pageText(response)).toContain("That form was not recognised");
  });
});
