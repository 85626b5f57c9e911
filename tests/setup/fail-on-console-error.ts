import { format } from "node:util";
import { afterEach, beforeEach, vi } from "vitest";

/**
 * Any console.error during a test fails that test with the logged message, so an error the app
 * swallows (a handleError log, a failed mail) cannot pass unnoticed. A test that provokes a logged
 * error on purpose spies on console.error itself (vi.spyOn replaces this spy) and asserts the call.
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
