import { afterEach, vi } from "vitest";

/**
 * A clock the test sets instead of waiting for the real one. Only Date is replaced (Date.now(), new
 * Date()): the app under startTestServer runs in this process and reads the same clock, while timers,
 * sockets and the database keep real time, so requests are answered as usual. The clock stands still
 * until the test moves it, however long a busy machine takes between two steps.
 *
 * Call it inside a test; the real clock comes back after that test.
 */
export function useTestClock(start = Date.now()) {
  vi.useFakeTimers({ toFake: ["Date"], now: start });
  return {
    now: () => Date.now(),
    /** Moves the clock to `at` (milliseconds since the epoch). */
    set(at: number) {
      vi.setSystemTime(at);
    },
    advance(ms: number) {
      vi.setSystemTime(Date.now() + ms);
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});
