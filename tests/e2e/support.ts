import { test, type Browser, type Page } from "@playwright/test";
import { join } from "node:path";
import { createDatabase } from "../../db/database";
import { createSession, SESSION_COOKIE } from "../../app/auth/session.server";

/** The database of the server under test (see playwright.config.ts: one data folder per port). */
export function e2eDb() {
  return createDatabase(join(process.env.E2E_DATA_DIR ?? ".cache/e2e-data-3199", "parley.db"));
}

/**
 * A page signed in as the person with this email: a real session in the server's database, so tests
 * of other features do not depend on the sign-in form (which has its own test). Errors thrown in the
 * page fail the test.
 */
export async function signedInPage(browser: Browser, email: string, javaScriptEnabled = true): Promise<Page> {
  const db = e2eDb();
  const user = await db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  const { token } = await createSession(db, user.id, { userAgent: "e2e" });
  await db.destroy();
  const baseURL = test.info().project.use.baseURL!;
  const context = await browser.newContext({ baseURL, javaScriptEnabled });
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
  const page = await context.newPage();
  page.on("pageerror", (error) => {
    throw error;
  });
  // React reports a page whose markup does not match its data (a failed hydration) on the console.
  page.on("console", (message) => {
    if (message.type() === "error" && /hydrat|did not match|Minified React error/i.test(message.text())) {
      throw new Error(`The page did not hydrate cleanly: ${message.text()}`);
    }
    // A script or style the Content-Security-Policy refused (server/security-headers.ts).
    if (/Content Security Policy/i.test(message.text())) throw new Error(`The page broke its own policy: ${message.text()}`);
  });
  return page;
}
