import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  await app?.close();
});

describe("the header", () => {
  it("offers sign-in and join to visitors, and shows a signed-in person's name, settings and Sign out", async () => {
    const anonymous = await (await app.request("/")).text();
    expect(anonymous).toContain('href="/login');
    expect(anonymous).toContain('href="/join');
    const user = await makeUser(app.db, { displayName: "Header Hannah" });
    const signedIn = await (await app.request("/", { as: user })).text();
    expect(signedIn).toContain("Header Hannah");
    expect(signedIn).toContain('href="/settings"');
    expect(signedIn).toContain("Sign out");
    expect(signedIn).not.toContain('href="/editor"');
  });

  it("clears a cookie whose session no longer exists", async () => {
    const response = await app.request("/", { headers: { Cookie: "parley_session=abcdefghijklmnopqrstuvwxyz234567" } });
    expect(response.headers.get("set-cookie")).toMatch(/parley_session=;.*Max-Age=0/);
  });
});

describe("signing out", () => {
  it("ends the session in the database and clears the cookie", async () => {
    const user = await makeUser(app.db);
    const cookie = await app.cookieFor(user);
    const response = await app.request("/logout", { method: "POST", headers: { Cookie: cookie } });
    expect(response.status).toBe(302);
    expect(response.headers.get("set-cookie")).toMatch(/parley_session=;.*HttpOnly; SameSite=Lax; Max-Age=0/);
    const sessions = await app.db.selectFrom("session").select("id").where("user_id", "=", user.id).execute();
    expect(sessions).toEqual([]);
    const after = await (await app.request("/", { headers: { Cookie: cookie } })).text();
    expect(after).not.toContain("Sign out");
  });
});

describe("cross-site request forgery", () => {
  it("refuses a form posted from another site before any action runs", async () => {
    const user = await makeUser(app.db);
    const cookie = await app.cookieFor(user);
    for (const headers of <Record<string, string>[]>[
      { Cookie: cookie, Origin: "https://evil.example" },
      { Cookie: cookie, Origin: app.baseUrl, "Sec-Fetch-Site": "cross-site" },
    ]) {
      const response = await app.request("/logout", { method: "POST", headers });
      expect(response.status).toBe(403);
      expect(await response.text()).toMatch(/sent from another site/);
    }
    // the session survived both attempts
    const sessions = await app.db.selectFrom("session").select("id").where("user_id", "=", user.id).execute();
    expect(sessions).toHaveLength(1);
  });

  it("refuses a post that names no origin at all", async () => {
    const response = await fetch(new URL("/logout", app.baseUrl), { method: "POST", redirect: "manual" });
    expect(response.status).toBe(403);
  });

  it("lets the site's own forms through", async () => {
    const response = await app.request("/logout", { method: "POST", headers: { "Sec-Fetch-Site": "same-origin" } });
    expect(response.status).toBe(302);
  });
});
