import { format } from "node:util";
import { afterEach, beforeEach, vi } from "vitest";

/**
 * Any console.error during a test fails that test with the logged message, so an error the app
 * swallows and logs (a failed mail, a render error in entry.server) cannot pass unnoticed. A test that
 * provokes a logged error on purpose spies on console.error itself and asserts the call.
 * Remix's own handleError logs nothing while NODE_ENV is "test" (ServerMode.Test), so a loader's
 * thrown error shows up through the 500 it causes, not through this check. Logs in beforeAll/afterAll
 * hooks fall outside any test and are not caught here.
 */
let logged: string[] = [];

beforeEach(() => {
  logged = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    logged.push(format(...args));
  });
});

afterEach(() => {
  const errors = logged;
  logged = [];
  vi.mocked(console.error).mockRestore?.();
  if (errors.length > 0) {
    throw new Error(`console.error was called during this test:\n${errors.join("\n---\n")}`);
  }
});
