import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeArticle, makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  await app?.close();
});

/** Bytes written as they are onto a socket: for requests fetch will not send (a broken Host, a short body). */
function rawHttp(text: string | Buffer, waitMs = 4_000): Promise<{ status: number; raw: string; ms: number }> {
  const { port } = new URL(app.baseUrl);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1", () => socket.write(text));
    let raw = "";
    const timer = setTimeout(() => socket.destroy(), waitMs);
    socket.on("data", (chunk) => {
      raw += chunk.toString("latin1");
      // One answer is enough; the tests look at its status line.
      if (/\r\n\r\n/.test(raw)) {
        clearTimeout(timer);
        socket.destroy();
      }
    });
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0), raw, ms: Date.now() - started });
    });
    socket.on("error", reject);
  });
}

describe("request bodies", () => {
  it("answers a sign-in form over 64 KB with 413 and does not echo it", async () => {
    const big = "a".repeat(5 * 1024 * 1024);
    const response = await app.post("/login", { email: `${big}@skerrin.example`, password: big });
    expect(response.status).toBe(413);
    const text = await response.text();
    expect(text).toContain("too long");
    expect(text.length).toBeLessThan(5_000);
  });

  it("answers 413 to a chunked body that grows past the limit", async () => {
    const chunk = `${"a".repeat(70_000)}`;
    const response = await app.request("/login", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(`email=${chunk}`));
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
  });

  it("links the 413 page back to the form's page so the reader keeps their place", async () => {
    const response = await app.post("/login", { email: "a".repeat(70_000) }, { headers: { Referer: `${app.baseUrl}/login?redirectTo=%2Fsearch` } });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('href="/login?redirectTo=%2Fsearch"');
  });

  it("answers a JSON body with 415, on every form", async () => {
    const resident = await makeUser(app.db);
    const article = await makeArticle(app.db);
    for (const path of ["/login", "/join", `/articles/${article.slug}`, "/settings", "/forgot-password"]) {
      const response = await app.request(path, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email: "x@y.example", intent: "comment", body: "hi" }),
        as: path === "/settings" || path.startsWith("/articles") ? resident : undefined,
      });
      expect(response.status, path).toBe(415);
    }
  });

  it("answers a truncated multipart body with 400, at once", async () => {
    const article = await makeArticle(app.db);
    const resident = await makeUser(app.db);
    const body = `--XyZ\r\nContent-Disposition: form-data; name="intent"\r\n\r\ncomment\r\n--XyZ\r\nContent-Disposition: form-data; name="body"\r\n\r\nhalf a comm`;
    const response = await app.request(`/articles/${article.slug}`, {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=XyZ" },
      body,
      as: resident,
    });
    // "At once" without a stopwatch: a server still waiting for the rest would answer only when its
    // idle timer ran out, and that answer is 408 (server/request-guard.ts), never 400.
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("That could not be read");
  });

  it("answers multipart without a boundary with 400", async () => {
    const response = await app.request("/login", {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data" },
      body: "email=a",
    });
    expect(response.status).toBe(400);
  });

  it("gives up on a body that stops arriving, and answers", async () => {
    const { port } = new URL(app.baseUrl);
    const result = await rawHttp(
      `POST /login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${app.baseUrl}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\n\r\nemail=a`,
      15_000,
    );
    expect(result.status).toBe(408);
  }, 20_000);

  it("still takes an ordinary sign-in form", async () => {
    const response = await app.post("/login", { email: "nobody@skerrin.example", password: "not-the-password" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("nobody@skerrin.example");
  });
});

describe("malformed headers and addresses", () => {
  it("answers Host: [ with 400", async () => {
    for (const path of ["/", "/articles/anything", "/login"]) {
      const result = await rawHttp(`GET ${path} HTTP/1.1\r\nHost: [\r\nConnection: close\r\n\r\n`);
      expect(result.status, path).toBe(400);
    }
  });

  it("answers a form posted with Referer: httpx without a fault", async () => {
    const response = await app.post("/settings", { intent: "profile", displayName: "x" }, { headers: { Referer: "httpx" } });
    expect(response.status).toBeLessThan(500);
    expect(response.status).toBe(302);
  });

  it("answers a broken percent-encoding in a story address without a fault", async () => {
    const response = await app.request("/articles/%E0%A4%A");
    expect(response.status).toBeLessThan(500);
  });
});

describe("values over their field's limit", () => {
  it("are not sent back whole", async () => {
    const response = await app.post("/login", { email: `${"b".repeat(20_000)}@skerrin.example`, password: "x" });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toContain("That email address is too long.");
    expect(text).not.toContain("b".repeat(300));
  });
});

describe("NUL characters", () => {
  it("takes a comment with NUL characters in it without them, and refuses addresses that hold one", async () => {
    const article = await makeArticle(app.db);
    const author = await makeUser(app.db, { createdAt: new Date(Date.now() - 30 * 86_400_000).toISOString() });
    await app.db.updateTable("user").set({ trusted: 1 }).where("id", "=", author.id).execute();
    const posted = await app.post(`/articles/${article.slug}`, { intent: "comment", body: "Before\u0000after the NUL" }, { as: author });
    expect(posted.status).toBe(302);
    const stored = await app.db.selectFrom("comment").select("body_source").where("author_id", "=", author.id).executeTakeFirstOrThrow();
    expect(stored.body_source).toBe("Beforeafter the NUL");
    for (const path of [`/articles/${article.slug}%00`, "/users/1%00", "/a%00b"]) {
      expect((await app.request(path)).status, path).toBe(400);
    }
    expect((await app.request("/search?q=ferry%00")).status).toBe(200);
  });
});
