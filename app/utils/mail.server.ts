import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import nodemailer, { type Transporter } from "nodemailer";

/**
 * Outgoing mail. With SMTP_URL set ("smtps://user:pass@mail.example:465") messages go out through
 * nodemailer's SMTP transport. Without it, each message is written as an .eml file under OUTBOX_DIR
 * (./data/outbox) and its first link is logged (MAIL_LOG=off quiets that), so the demo and the tests work
 * offline.
 */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

const DEFAULT_OUTBOX_DIR = "./data/outbox";
const DEFAULT_FROM = "Parley <no-reply@parley.invalid>";

export function outboxDir(): string {
  return resolve(process.env.OUTBOX_DIR ?? DEFAULT_OUTBOX_DIR);
}

function fromAddress(): string {
  return process.env.MAIL_FROM?.trim() || DEFAULT_FROM;
}

let smtp: { url: string; transport: Transporter } | undefined;

function smtpTransport(url: string): Transporter {
  // One pooled-by-URL transporter per process; settings are read per message so tests can change them.
  if (!smtp || smtp.url !== url) smtp = { url, transport: nodemailer.createTransport(url) };
  return smtp.transport;
}

const outboxTransport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });

let sequence = 0;

/** Sends one message, or writes it to the outbox when no SMTP server is configured. Rejects on failure. */
export async function sendMail(message: MailMessage): Promise<void> {
  const envelope = { from: fromAddress(), to: message.to, subject: message.subject, text: message.text, html: message.html };
  const smtpUrl = process.env.SMTP_URL?.trim();
  if (smtpUrl) {
    await smtpTransport(smtpUrl).sendMail(envelope);
    return;
  }
  const info = await outboxTransport.sendMail(envelope);
  const dir = outboxDir();
  await mkdir(dir, { recursive: true });
  // Names sort in the order the messages were written: time, then a per-process counter.
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const name = `${stamp}-${String(++sequence).padStart(6, "0")}-${randomBytes(4).toString("hex")}.eml`;
  await writeFile(join(dir, name), info.message as Buffer);
  if (process.env.MAIL_LOG === "off") return;
  const link = firstLink(message.text);
  console.log(`Mail to ${message.to}: "${message.subject}" written to ${join(dir, name)}${link ? `\n  link: ${link}` : ""}`);
}

export function firstLink(text: string): string | null {
  return /https?:\/\/[^\s<>"]+/.exec(text)?.[0] ?? null;
}

// ---------------------------------------------------------------------------------------------------
// Reading the outbox back: for tests, and for anyone checking the demo's mail by hand.

export interface OutboxMessage {
  file: string;
  to: string;
  subject: string;
  text: string;
}

function decodeQuotedPrintable(body: string): string {
  const bytes = body
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

function decodeHeader(value: string): string {
  // Whitespace between two encoded words is not part of the text (RFC 2047, 6.2): nodemailer folds a
  // long subject into several words, and the fold must not show up as a space.
  return value.replace(/(\?=)\s+(?==\?utf-8\?[BQ]\?)/gi, "$1").replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_, kind: string, data: string) =>
    kind.toUpperCase() === "B"
      ? Buffer.from(data, "base64").toString("utf8")
      : decodeQuotedPrintable(data.replace(/_/g, " ")),
  );
}

/** Parses the .eml files this module writes: the headers we use and the plain-text part, decoded. */
export function parseEml(source: string, file = ""): OutboxMessage {
  const [head = "", ...rest] = source.split(/\r?\n\r?\n/);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const at = line.indexOf(":");
    if (at > 0) headers.set(line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim());
  }
  const body = rest.join("\n\n");
  let text = body;
  const boundary = /boundary="?([^";]+)"?/i.exec(headers.get("content-type") ?? "")?.[1];
  let encoding = headers.get("content-transfer-encoding") ?? "7bit";
  if (boundary) {
    const part = body.split(`--${boundary}`).find((p) => /content-type:\s*text\/plain/i.test(p)) ?? "";
    const [partHead = "", ...partBody] = part.replace(/^\r?\n/, "").split(/\r?\n\r?\n/);
    encoding = /content-transfer-encoding:\s*([^\s;]+)/i.exec(partHead)?.[1] ?? "7bit";
    text = partBody.join("\n\n");
  }
  if (/quoted-printable/i.test(encoding)) text = decodeQuotedPrintable(text);
  else if (/base64/i.test(encoding)) text = Buffer.from(text.replace(/\s+/g, ""), "base64").toString("utf8");
  return {
    file,
    to: decodeHeader(headers.get("to") ?? ""),
    subject: decodeHeader(headers.get("subject") ?? ""),
    text: text.replace(/\r\n/g, "\n").trim(),
  };
}

/** Every message in the outbox, oldest first. */
export async function readOutbox(dir = outboxDir()): Promise<OutboxMessage[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith(".eml")).sort();
  } catch {
    return [];
  }
  return Promise.all(names.map(async (name) => parseEml(await readFile(join(dir, name), "utf8"), join(dir, name))));
}
