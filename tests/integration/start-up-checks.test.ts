import { describe, expect, it } from "vitest";
import { articles, siteName } from "../../db/seed/content";
import { freePort, post, request, runServerExpectingExit, startServer, stopServer } from "../support/app-process";
import { createPostgresTestDatabaseUrl, postgresServerForAnyDialect, testDialect } from "../support/test-db";

/**
 * What an operator sees when build/server.js is started with settings it cannot use: one line saying
 * what is wrong and what is accepted, exit code 1, nothing served. The checks run before any connection,
 * so none of these needs a database. Each case starts the real server process, as `npm run serve` does.
 * Nothing here depends on the test dialect, so the file runs once, in the SQLite pass (the PostgreSQL
 * case below uses PARLEY_TEST_POSTGRES_URL, which npm test sets for both passes).
 */
const onceOnly = testDialect() === "postgres";
const ACCEPTED = 'Accepted forms: a file path such as ./data/parley.db (SQLite), ":memory:", or postgres://user:password@host:5432/name (PostgreSQL).';

function expectRefusal(result: { code: number | null; output: string }, message: string) {
  expect(result.code).toBe(1);
  expect(result.output).toContain(`Parley did not start: ${message}`);
  expect(result.output).not.toContain("Parley is serving");
  // A message for a person, not a stack trace.
  expect(result.output).not.toMatch(/^\s+at /m);
}

/** A PostgreSQL URL where nothing listens: reaching the connection at all would fail differently. */
async function nowhere(): Promise<string> {
  return `postgres://parley:parley@127.0.0.1:${await freePort()}/parley`;
}

describe.skipIf(onceOnly)("a DATABASE_URL that is not a database Parley can use", () => {
  it.each([
    ["another database's scheme, its password hidden", "mysql://admin:hunter2@db.example/parley", 'DATABASE_URL "mysql://admin:***@db.example/parley" is not a database Parley can use.'],
    ["a SQLite URL form Parley does not read", "sqlite:///var/lib/parley.db", 'DATABASE_URL "sqlite:///var/lib/parley.db" is not a database Parley can use.'],
    ["a web address", "https://parley.example/db", 'DATABASE_URL "https://parley.example/db" is not a database Parley can use.'],
    ["a PostgreSQL URL that does not parse", "postgres://admin:hunter2@[::1/parley", "DATABASE_URL is not a valid PostgreSQL URL."],
  ])("stops with a message naming the accepted forms: %s", async (_case, url, message) => {
    const result = await runServerExpectingExit("bad-url", url);
    expectRefusal(result, `${message} ${ACCEPTED}`);
    expect(result.output).not.toContain("hunter2");
  });
});

describe.skipIf(onceOnly)("DATABASE_POOL_SIZE", () => {
  it.each(["0", "-1", "abc", "2.5", "1001", "1000000000000"])("stops at %j with a message giving the range", async (size) => {
    const result = await runServerExpectingExit("bad-pool", await nowhere(), { DATABASE_POOL_SIZE: size });
    expectRefusal(result, `DATABASE_POOL_SIZE must be a whole number from 1 to 1000 (it is "${size}").`);
  });

  it.each(["1", "1000"])("accepts %j and goes on to the connection", async (size) => {
    const url = await nowhere();
    const result = await runServerExpectingExit("edge-pool", url, { DATABASE_POOL_SIZE: size });
    const host = new URL(url).host;
    expectRefusal(result, `Could not open PostgreSQL database "parley" at ${host}: nothing is listening there (connection refused): is the server running.`);
    expect(result.output).not.toContain("DATABASE_POOL_SIZE");
  });

  it("is not read for a SQLite file, which has no pool", async () => {
    const server = await startServer("sqlite-pool", ":memory:", { DATABASE_POOL_SIZE: "abc" });
    try {
      expect((await request(server, "/about")).status).toBe(200);
    } finally {
      await stopServer(server);
    }
  });
});

describe.skipIf(onceOnly)("a PostgreSQL database that is not there", () => {
  const serverUrl = postgresServerForAnyDialect();
  it.skipIf(!serverUrl)("stops with the reason, and the password is not printed", async () => {
    const missing = await createPostgresTestDatabaseUrl(serverUrl!, { migrated: false });
    await missing.drop();
    const url = new URL(missing.databaseUrl);
    url.password = "hunter2";
    const result = await runServerExpectingExit("missing-db", url.toString());
    const name = url.pathname.slice(1);
    expectRefusal(result, `Could not open PostgreSQL database "${name}" at ${url.host}: that database does not exist on the server (create it first).`);
    expect(result.output).not.toContain("hunter2");
  });
});

describe.skipIf(onceOnly)("serving on DATABASE_URL=:memory:", () => {
  it("migrates and seeds the demo into the one connection, and serves and stores from it", { timeout: 120_000 }, async () => {
    // The demo is rebuilt at each start (README, Settings): the seed is the default here.
    const server = await startServer("memory", ":memory:", { PARLEY_SEED: "on" }, 90_000);
    try {
      expect(server.output.join("")).toContain("Parley is serving :memory:");
      const front = await request(server, "/");
      expect(front.status).toBe(200);
      const html = await front.text();
      expect(html).toContain(siteName);
      expect(articles.some((story) => html.includes(story.headline.replace(/&/g, "&amp;")))).toBe(true);
      // A write (a throttle row and a token) lands in the same database and is answered as usual.
      const asked = await post(server, "/forgot-password", { email: "someone@parley.example" });
      expect(asked.status).toBe(302);
      expect(asked.headers.get("location")).toBe("/forgot-password?sent=1");
      expect(server.output.join("")).not.toMatch(/Error\b|^\s+at /m);
    } finally {
      await stopServer(server);
    }
  });
});
