import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { existsSync, openSync, readSync, closeSync, statSync } from "node:fs";
import { join } from "node:path";
import { createDatabase } from "../../db/database";
import { createSession, SESSION_COOKIE } from "../../app/auth/session.server";
import { readOutbox, type OutboxMessage } from "../../app/utils/mail.server";

export { expect };
export type { Browser, BrowserContext, Locator, Page } from "@playwright/test";

/** The data folder of the server under test (see playwright.config.ts: one per port). */
function e2eDataDir(): string {
  return process.env.E2E_DATA_DIR ?? ".cache/e2e-data-3199";
}

/** Where playwright.config.ts's webServer writes everything the server prints. */
export function serverLogPath(): string {
  return join(e2eDataDir(), "server.log");
}

/** Where the server under test writes its mail (playwright.config.ts: OUTBOX_DIR). */
export function outboxDir(): string {
  return join(e2eDataDir(), "outbox");
}

/** Every message the server under test has written to its outbox, oldest first. */
export function outboxMessages(): Promise<OutboxMessage[]> {
  return readOutbox(outboxDir());
}

/** The path of the first link in the newest message to this address, waited for. */
export async function newestLinkTo(email: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const mine = (await outboxMessages()).filter((m) => m.to.includes(email));
        link = /https?:\/\/\S+/.exec(mine[mine.length - 1]?.text ?? "")?.[0];
        return link;
      },
      { message: `a message to ${email} in ${outboxDir()}`, timeout: 10_000 },
    )
    .toBeTruthy();
  return new URL(link!).pathname;
}

/** The database of the server under test. */
export function e2eDb() {
  return createDatabase(join(e2eDataDir(), "parley.db"));
}

/**
 * Lines of the server's output that report a fault: an error's name or message, a stack frame, an
 * unhandled rejection, or mail that could not go. The server's ordinary lines (serving, migrated,
 * seeded, mail written to the outbox, a reader who went away) match none of these.
 */
export function serverLogFaults(text: string): string[] {
  return text
    .split("\n")
    .filter(
      (line) =>
        /^\s+at \S/.test(line) || // a stack frame
        /(^|[\s:[(])[A-Z]?\w*Error\b/.test(line) || // Error, TypeError, SqliteError...
        /unhandled|uncaught|could not be sent|did not start/i.test(line),
    );
}

function readFrom(path: string, offset: number): string {
  if (!existsSync(path)) return "";
  const size = statSync(path).size;
  if (size <= offset) return "";
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(size - offset);
    readSync(fd, buffer, 0, buffer.length, offset);
    return buffer.toString("utf8");
  } finally {
    closeSync(fd);
  }
}

/**
 * What a page may print on its console without failing the test: Chromium's own note that a request
 * answered with an error status (a test that visits a missing page provokes it on purpose) or did not
 * reach the server. Anything else logged as an error is the page's own fault.
 */
function isBrowserNetworkNote(text: string): boolean {
  return /^Failed to load resource: /.test(text);
}

/**
 * The `test` of every browser test: import `test` and `expect` from here, never from @playwright/test
 * (playwright.config.ts refuses a spec that does). Two checks wrap every test:
 * - every page of every browser context the test opens (the `page` fixture's, `browser.newContext()`'s,
 *   `browser.newPage()`'s, signedInPage's) is watched: an uncaught error in the page, a console error
 *   (a failed hydration, a React error, anything the app logs), or a refusal by the Content-Security-Policy
 *   fails the test, naming the page;
 * - the server's own output (its log file) while the test ran must show no error or stack trace.
 * A test that provokes page errors on purpose lists them with `test.use({ expectedPageErrors: [/.../] })`.
 */
export const test = base.extend<{ expectedPageErrors: RegExp[]; watchPages: void; watchServerLog: void }>({
  expectedPageErrors: [[], { option: true }],

  watchPages: [
    async ({ browser, context, expectedPageErrors }, use) => {
      const problems: string[] = [];
      const report = (page: Page, problem: string) => {
        if (!expectedPageErrors.some((pattern) => pattern.test(problem))) problems.push(`${page.url()}: ${problem}`);
      };
      const watchPage = (page: Page) => {
        page.on("pageerror", (error) => report(page, `uncaught ${error.stack ?? error.message}`));
        page.on("console", (message) => {
          const text = message.text();
          if (/Content Security Policy/i.test(text)) report(page, `the page broke its own policy: ${text}`);
          else if (message.type() === "error" && !isBrowserNetworkNote(text)) report(page, `console error: ${text}`);
        });
      };
      const watchContext = (watched: BrowserContext) => {
        for (const page of watched.pages()) watchPage(page);
        watched.on("page", watchPage);
      };
      watchContext(context);
      // Contexts the test opens itself (browser.newPage() opens one through newContext too).
      const patched = browser as Browser & { newContext: Browser["newContext"] };
      const newContext = browser.newContext;
      patched.newContext = async function (this: Browser, ...args: Parameters<Browser["newContext"]>) {
        const opened = await newContext.apply(this, args);
        watchContext(opened);
        return opened;
      };
      try {
        await use();
      } finally {
        delete (patched as Partial<typeof patched>).newContext;
      }
      if (problems.length > 0) throw new Error(`Errors in the browser during this test:\n${problems.join("\n---\n")}`);
    },
    { auto: true },
  ],

  watchServerLog: [
    async ({}, use) => {
      const path = serverLogPath();
      const start = existsSync(path) ? statSync(path).size : 0;
      await use();
      const faults = serverLogFaults(readFrom(path, start));
      if (faults.length > 0) throw new Error(`The server logged errors during this test (${path}):\n${faults.join("\n")}`);
    },
    { auto: true },
  ],
});

/**
 * A page signed in as the person with this email: a real session in the server's database, so tests
 * of other features do not depend on the sign-in form (which has its own test). Its context is opened
 * through browser.newContext(), so the test's watch covers it like every other page.
 */
export async function signedInPage(browser: Browser, email: string, javaScriptEnabled = true): Promise<Page> {
  const db = e2eDb();
  const user = await db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  const { token } = await createSession(db, user.id, { userAgent: "e2e" });
  await db.destroy();
  const baseURL = test.info().project.use.baseURL!;
  const context = await browser.newContext({ baseURL, javaScriptEnabled });
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
  return context.newPage();
}
