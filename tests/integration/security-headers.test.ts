import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, DEFAULT_SESSION_MAX_DAYS, sessionMaxAgeMs } from "../../app/auth/session.server";
import { makeArticle, makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";
import { passwordHash, PASSWORD, useFreshOutbox } from "./accounts-support";

/*
 * The headers a public site needs (issue 13, part 7; ADR 14): a strict Content-Security-Policy with a
 * nonce of each answer's own, cached pages included; the usual hardening headers; HSTS and `__Host-`
 * cookies over HTTPS; and sessions that end at an absolute lifetime however often they are used.
 */

let app: TestServer;
const DAY = 86_400_000;

beforeAll(async () => {
  useFreshOutbox();
  app = await startTestServer();
});
afterAll(async () => {
  await app?.close();
});

function nonceOf(response: Response): string {
  const policy = response.headers.get("content-security-policy") ?? "";
  const nonce = /'nonce-([\w-]+)'/.exec(policy)?.[1];
  if (!nonce) throw new Error(`No nonce in the policy: ${policy}`);
  return nonce;
}

function scriptNonces(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*>/g)].map((tag) => / nonce="([^"]*)"/.exec(tag[0])?.[1] ?? "(none)");
}

/** Over HTTPS, as a proxy on this machine says (the server trusts X-Forwarded-Proto from loopback). */
const HTTPS = { "X-Forwarded-Proto": "https" };

describe("the Content-Security-Policy", () => {
  it("allows only scripts with this answer's nonce, and every script of the page has it", async () => {
    const response = await app.request("/login");
    const policy = response.headers.get("content-security-policy") ?? "";
    for (const directive of ["'strict-dynamic'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'self'", "default-src 'self'", "form-action 'self'"]) {
      expect(policy).toContain(directive);
    }
    expect(policy).not.toContain("unsafe-inline");
    expect(policy).not.toContain("unsafe-eval");
    const nonce = nonceOf(response);
    expect(nonce.length).toBeGreaterThanOrEqual(22);
    const nonces = scriptNonces(await response.text());
    expect(nonces.length).toBeGreaterThan(2);
    expect(new Set(nonces)).toEqual(new Set([nonce]));
  });

  it("gives every answer a nonce of its own, pages from the anonymous cache and 304s included", async () => {
    const article = await makeArticle(app.db, { bodySource: "A story long enough to be worth compressing. ".repeat(60) });
    const path = `/articles/${article.slug}`;
    const seen = new Set<string>();
    let hits = 0;
    for (let i = 0; i < 6; i++) {
      const response = await app.request(path, { headers: { "Accept-Encoding": i % 2 ? "gzip" : "identity" } });
      expect(response.status).toBe(200);
      if (response.headers.get("x-parley-cache") === "HIT") hits++;
      const nonce = nonceOf(response);
      seen.add(nonce);
      const html = await response.text(); // fetch decodes the spliced gzip: it must be valid
      expect(new Set(scriptNonces(html))).toEqual(new Set([nonce]));
    }
    expect(hits).toBeGreaterThan(3);
    expect(seen.size).toBe(6);

    // A browser revalidating its copy keeps the policy that came with it: a 304 sends none.
    const first = await app.request(path);
    const etag = first.headers.get("etag")!;
    const second = await app.request(path);
    expect(second.headers.get("etag")).toBe(etag);
    const revalidated = await app.request(path, { headers: { "If-None-Match": etag } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get("content-security-policy")).toBeNull();
  });

  it("answers a page the cache holds, before Express, with the headers of the rendering that made it, over HTTP and HTTPS", async () => {
    const article = await makeArticle(app.db, { bodySource: "The ferry timetable, in full. ".repeat(80) });
    const path = `/articles/${article.slug}`;
    const varying = new Set(["date", "content-security-policy", "x-parley-cache", "content-length", "keep-alive", "connection"]);
    const comparable = (response: Response) =>
      [...response.headers.entries()].filter(([name]) => !varying.has(name)).sort(([a], [b]) => a.localeCompare(b));
    for (const scheme of [{}, HTTPS]) {
      // Each scheme is a page of its own (its links and policy follow the request's origin).
      const made = await app.request(path, { headers: { ...scheme, "Accept-Encoding": "gzip" } });
      expect(made.headers.get("x-parley-cache")).toBe("MISS");
      const madeHtml = await made.text();
      const hit = await app.request(path, { headers: { ...scheme, "Accept-Encoding": "gzip" } });
      expect(hit.headers.get("x-parley-cache")).toBe("HIT");
      expect(comparable(hit)).toEqual(comparable(made));
      expect(hit.headers.get("strict-transport-security") !== null).toBe(scheme === HTTPS);
      const html = await hit.text();
      expect(html.replaceAll(nonceOf(hit), "")).toBe(madeHtml.replaceAll(nonceOf(made), ""));
      const head = await app.request(path, { method: "HEAD", headers: { ...scheme, "Accept-Encoding": "identity" } });
      expect(head.headers.get("x-parley-cache")).toBe("HIT");
      expect(Number(head.headers.get("content-length"))).toBe(Buffer.byteLength(html));
      expect(await head.text()).toBe("");
    }
  });

  it("gives signed-in readers of a story's one rendering each their own nonce", async () => {
    const article = await makeArticle(app.db);
    const reader = await makeUser(app.db, { createdAt: new Date(Date.now() - 60 * DAY).toISOString() });
    const cookie = await app.cookieFor(reader);
    const nonces = new Set<string>();
    let shared = 0;
    for (let i = 0; i < 3; i++) {
      const response = await app.request(`/articles/${article.slug}`, { headers: { cookie } });
      if (["HIT", "MISS", "WAIT"].includes(response.headers.get("x-parley-cache") ?? "")) shared++;
      const nonce = nonceOf(response);
      nonces.add(nonce);
      expect(new Set(scriptNonces(await response.text()))).toEqual(new Set([nonce]));
    }
    expect(shared).toBe(3);
    expect(nonces.size).toBe(3);
  });
});

describe("the other headers", () => {
  it("sends the hardening headers on pages, files and refusals alike", async () => {
    for (const path of ["/", "/robots.txt", "/articles/%00"]) {
      const response = await app.request(path);
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("permissions-policy"), path).toContain("camera=()");
      expect(response.headers.get("x-frame-options"), path).toBe("SAMEORIGIN");
      expect(response.headers.get("strict-transport-security"), path).toBeNull();
    }
  });

  it("lets a route set a stricter header of its own, once", async () => {
    const response = await app.request("/reset-password/not-a-real-token");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("sends HSTS over HTTPS only", async () => {
    const response = await app.request("/", { headers: HTTPS });
    expect(response.headers.get("strict-transport-security")).toMatch(/^max-age=\d{7,}/);
  });
});

describe("the session cookie over HTTPS", () => {
  it("is a __Host- cookie: Secure, for the whole site, no Domain", async () => {
    const user = await makeUser(app.db, { passwordHash: await passwordHash() });
    const origin = app.baseUrl.replace("http:", "https:");
    const response = await app.post(
      "/login",
      { email: user.email!, password: PASSWORD, redirectTo: "/" },
      { headers: { ...HTTPS, Origin: origin } },
    );
    expect(response.status).toBe(302);
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^__Host-parley_session=[a-z2-7]{32};/);
    expect(cookie).toContain("; Secure");
    expect(cookie).toContain("Path=/");
    expect(cookie).not.toMatch(/Domain=/i);
    const token = /^__Host-parley_session=([a-z2-7]+)/.exec(cookie)![1]!;

    const signedIn = await app.request("/settings", { headers: { ...HTTPS, cookie: `__Host-parley_session=${token}` } });
    expect(signedIn.status).toBe(200);
    // The unprefixed name is what plain HTTP uses; over HTTPS it is not read (a planted cookie is no session).
    const planted = await app.request("/settings", { headers: { ...HTTPS, cookie: `parley_session=${token}` } });
    expect(planted.status).toBe(302);
    expect(planted.headers.get("location")).toMatch(/^\/login/);
  });
});

describe("the absolute session lifetime", () => {
  it("defaults to 90 days and takes whole days from PARLEY_SESSION_MAX_DAYS", () => {
    expect(DEFAULT_SESSION_MAX_DAYS).toBe(90);
    expect(sessionMaxAgeMs({})).toBe(90 * DAY);
    expect(sessionMaxAgeMs({ PARLEY_SESSION_MAX_DAYS: "7" })).toBe(7 * DAY);
    expect(sessionMaxAgeMs({ PARLEY_SESSION_MAX_DAYS: "0" })).toBe(90 * DAY);
    expect(sessionMaxAgeMs({ PARLEY_SESSION_MAX_DAYS: "soon" })).toBe(90 * DAY);
  });

  it("ends a session used every day once it is older than the lifetime", async () => {
    const user = await makeUser(app.db);
    const signedInAt = new Date(Date.now() - 91 * DAY);
    const { token, session } = await createSession(app.db, user.id, {}, signedInAt);
    // Slid forward by daily use: its sliding expiry is still weeks away.
    await app.db.updateTable("session").set({ expires_at: new Date(Date.now() + 20 * DAY).toISOString() }).where("id", "=", session.id).execute();
    const response = await app.request("/", { headers: { cookie: `parley_session=${token}` } });
    expect(response.headers.get("set-cookie")).toMatch(/parley_session=;.*Max-Age=0/);
    expect(await response.text()).toContain("Sign in");
    expect(await app.db.selectFrom("session").select("id").where("id", "=", session.id).executeTakeFirst()).toBeUndefined();
  });

  it("slides a session forward no further than the lifetime", async () => {
    const user = await makeUser(app.db);
    const signedInAt = new Date(Date.now() - 85 * DAY);
    const { token, session } = await createSession(app.db, user.id, {}, signedInAt);
    await app.db.updateTable("session").set({ expires_at: new Date(Date.now() + 2 * DAY).toISOString() }).where("id", "=", session.id).execute();
    const response = await app.request("/settings", { headers: { cookie: `parley_session=${token}` } });
    expect(response.status).toBe(200);
    const row = await app.db.selectFrom("session").select("expires_at").where("id", "=", session.id).executeTakeFirstOrThrow();
    const cap = signedInAt.getTime() + 90 * DAY;
    expect(Date.parse(row.expires_at)).toBeLessThanOrEqual(cap);
    expect(Date.parse(row.expires_at)).toBeGreaterThan(Date.now() + 4 * DAY);
    expect(response.headers.get("set-cookie") ?? "").toContain(new Date(row.expires_at).toUTCString());
  });
});
