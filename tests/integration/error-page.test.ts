import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
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
    // The server logs the fault; this test expects exactly that log (any other console.error fails a test).
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const response = await app.request("/terms");
      const body = await response.text();
      expect(response.status).toBe(500);
      expect(body).toContain("Something went wrong on our side");
      expect(body).not.toMatch(/no such table|terms_rule|SqliteError|at .*\.js:\d+/);
      expect(consoleError).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringContaining("no such table: terms_rule") }));
    } finally {
      consoleError.mockRestore();
    }
  });
});
