import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/test-server";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  await app?.close();
});

describe("when the site itself fails", () => {
  it("answers 500 with a page that tells the reader what happened and leaks nothing internal", async () => {
    // Break the database under the running app: the terms page can no longer be read.
    await sql`drop table terms_rule`.execute(app.db);
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args); // the server logs the fault; keep the test output clean
    try {
      const response = await app.request("/terms");
      const body = await response.text();
      expect(response.status).toBe(500);
      expect(body).toContain("Something went wrong on our side");
      expect(body).not.toMatch(/no such table|terms_rule|SqliteError|at .*\.js:\d+/);
    } finally {
      console.error = original;
    }
  });
});
