import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { hashPassword } from "../../app/auth/password.server";
import { readOutbox, type OutboxMessage } from "../../app/utils/mail.server";
import { startTestServer, type TestServer } from "../support/test-server";

/**
 * Helpers for the accounts integration tests. The server runs in this process, so OUTBOX_DIR set here
 * is where it writes mail; call useFreshOutbox() before startTestServer().
 */
export function useFreshOutbox(): string {
  const dir = mkdtempSync(join(tmpdir(), "parley-outbox-"));
  process.env.OUTBOX_DIR = dir;
  process.env.MAIL_LOG = "off";
  delete process.env.SMTP_URL;
  return dir;
}

/**
 * The test server of a file, with an outbox of its own: started before the file's tests, closed after.
 * Call it at the top of the file; the function it returns gives the running server.
 */
export function useTestServerWithOutbox(): () => TestServer {
  let app: TestServer | undefined;
  beforeAll(async () => {
    useFreshOutbox();
    app = await startTestServer();
  });
  afterAll(async () => {
    await app?.close();
  });
  return () => {
    if (!app) throw new Error("The test server has not started.");
    return app;
  };
}

/** Account mail goes out in the background; wait for a message to arrive. */
export async function waitForMail(
  match: (message: OutboxMessage) => boolean,
  timeoutMs = 5000,
): Promise<OutboxMessage> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = (await readOutbox()).filter(match);
    if (found.length) return found[found.length - 1]!;
    if (Date.now() > until) throw new Error("No matching message arrived in the outbox.");
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

export async function mailTo(address: string): Promise<OutboxMessage[]> {
  return (await readOutbox()).filter((m) => m.to.includes(address));
}

/** The path of the first link on this site in a message ("/verify-email/abc..."). */
export function linkPath(message: OutboxMessage): string {
  const link = /https?:\/\/[^\s]+/.exec(message.text)?.[0];
  if (!link) throw new Error(`No link in "${message.subject}".`);
  return new URL(link).pathname;
}

let addressCounter = 0;

/** A client address no other request in this file has used. */
export function freshAddress(): string {
  addressCounter++;
  return `203.0.${Math.floor(addressCounter / 250) % 250}.${addressCounter % 250}`;
}

/**
 * Headers that make a request come from a client address: the server trusts X-Forwarded-For from
 * loopback, and hands req.ip to the app as x-parley-client-ip.
 */
export function fromAddress(address = freshAddress()): Record<string, string> {
  return { "X-Forwarded-For": address };
}

/** "parley_session=..." from a response that set the session cookie, or null. */
export function sessionCookieFrom(response: Response): string | null {
  const header = response.headers.get("set-cookie");
  const match = header ? /parley_session=([a-z2-7]*)/.exec(header) : null;
  return match?.[1] ? `parley_session=${match[1]}` : null;
}

export const PASSWORD = "harbour-lights-42";
let hashed: Promise<string> | undefined;
/** The hash of PASSWORD, computed once per file. */
export function passwordHash(): Promise<string> {
  hashed ??= hashPassword(PASSWORD);
  return hashed;
}

/** A page without its CSP nonces, which differ in every answer (ADR 16). */
export function withoutNonces(html: string): string {
  return html.replace(/ nonce="[\w-]*"/g, "");
}

export async function pageText(response: Response): Promise<string> {
  return withoutNonces(await response.text()).replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
}

/** The text of the error shown beside a field, or null. */
export function fieldError(html: string, fieldId: string): string | null {
  const match = new RegExp(`id="${fieldId}-error" class="field-error">([^<]*)<`).exec(html);
  return match?.[1] ?? null;
}

/** The value a text input was filled with, or null when it was left empty. */
export function inputValue(html: string, fieldId: string): string | null {
  const tag = new RegExp(`<input[^>]*id="${fieldId}"[^>]*>`).exec(html)?.[0];
  if (!tag) throw new Error(`No input #${fieldId} on the page.`);
  return /value="([^"]*)"/.exec(tag)?.[1] ?? null;
}
