import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { sendMail, type MailMessage } from "../../utils/mail.server";
import { getSiteSettings } from "../setting.server";
import { POLICIES, reserveThrottleAttempts, throttleKey } from "./throttle.server";

/**
 * The messages the accounts feature sends. They go out in the background: a request never waits on the
 * mail server, and a request that sends mail takes as long as one that does not (so timing does not tell
 * whether an address is registered). A failure is logged; people can ask for the link again.
 */
function deliver(message: MailMessage): void {
  void sendMail(message).catch((error: unknown) => {
    console.error(`Mail to ${message.to} ("${message.subject}") could not be sent: ${String(error)}`);
  });
}

/**
 * Counts one mail to an address that a stranger could have caused (a join notice, a confirmation link,
 * a reset or sign-in link), and says whether it may go: three an hour and ten a day per address, so
 * nobody can fill a resident's inbox by asking from many networks. Beyond the cap nothing is sent and
 * the person asking is answered as before; call this before issuing the link, so that a request
 * refused here does not cancel a link already in the resident's inbox. Only mails that go out count
 * towards the day.
 */
export async function reserveMailToRecipient(db: Kysely<Database>, email: string, now = new Date()): Promise<boolean> {
  const hour = await reserveThrottleAttempts(db, [[throttleKey.mailRecipientHour(email), POLICIES.mailRecipientHour]], now);
  if (!hour.allowed) return false;
  const day = await reserveThrottleAttempts(db, [[throttleKey.mailRecipientDay(email), POLICIES.mailRecipientDay]], now);
  return day.allowed;
}

async function siteName(db: Kysely<Database>): Promise<string> {
  return (await getSiteSettings(db)).siteName;
}

function signOff(site: string): string {
  return `-- \n${site}`;
}

/** "m*****@example.com": enough for the owner to recognise, not enough to hand out. */
export function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 1)}${"*".repeat(Math.max(1, Math.min(local.length - 1, 5)))}@${domain}`;
}

export async function sendVerificationMail(
  db: Kysely<Database>,
  input: { to: string; displayName: string; token: string; origin: string },
): Promise<void> {
  const site = await siteName(db);
  const link = `${input.origin}/verify-email/${input.token}`;
  deliver({
    to: input.to,
    subject: `Confirm your email address for ${site}`,
    text: [
      `Hello ${input.displayName},`,
      "",
      `Please confirm that this is your email address by following this link within 48 hours:`,
      "",
      link,
      "",
      "Once it is confirmed you can comment on stories. If you did not join, you can ignore this message.",
      "",
      signOff(site),
    ].join("\n"),
  });
}

export async function sendJoinAttemptMail(db: Kysely<Database>, input: { to: string; origin: string }): Promise<void> {
  const site = await siteName(db);
  deliver({
    to: input.to,
    subject: `Someone tried to join ${site} with your email address`,
    text: [
      "Hello,",
      "",
      `Someone just tried to create an account on ${site} with this email address. It already belongs to an`,
      "account, so nothing was created and nothing has changed.",
      "",
      `If it was you, sign in here: ${input.origin}/login`,
      `If you have forgotten your password, you can set a new one here: ${input.origin}/forgot-password`,
      "",
      "If it was not you, you can ignore this message.",
      "",
      signOff(site),
    ].join("\n"),
  });
}

export async function sendSignInLinkMail(
  db: Kysely<Database>,
  input: { to: string; displayName: string; token: string; origin: string; minutes: number },
): Promise<void> {
  const site = await siteName(db);
  deliver({
    to: input.to,
    subject: `A link to sign in to ${site}`,
    text: [
      `Hello ${input.displayName},`,
      "",
      "Your account is locked for a while because of too many wrong passwords, and someone has just given the",
      "right one from a network you have not signed in from before. If that was you, this link signs you in;",
      `it works once, within ${input.minutes} minutes:`,
      "",
      `${input.origin}/sign-in-link/${input.token}`,
      "",
      "If it was not you, someone knows your password: set a new one now at",
      `${input.origin}/forgot-password`,
      "",
      signOff(site),
    ].join("\n"),
  });
}

export async function sendPasswordResetMail(
  db: Kysely<Database>,
  input: { to: string; displayName: string; token: string; origin: string },
): Promise<void> {
  const site = await siteName(db);
  deliver({
    to: input.to,
    subject: `Reset your ${site} password`,
    text: [
      `Hello ${input.displayName},`,
      "",
      "Someone (we hope you) asked to reset the password of your account. To choose a new password, follow",
      "this link within one hour. It works once.",
      "",
      `${input.origin}/reset-password/${input.token}`,
      "",
      "If you did not ask, you can ignore this message: your password has not changed.",
      "",
      signOff(site),
    ].join("\n"),
  });
}

export async function sendEmailChangeMails(
  db: Kysely<Database>,
  input: { oldEmail: string; newEmail: string; displayName: string; token: string | null; origin: string; mailNewAddress: boolean },
): Promise<void> {
  const site = await siteName(db);
  // mailNewAddress is false when the new address has had its share of mail (reserveMailToRecipient).
  if (input.mailNewAddress && input.token) {
    deliver({
      to: input.newEmail,
      subject: `Confirm your new email address for ${site}`,
      text: [
        `Hello ${input.displayName},`,
        "",
        `To use this address for your ${site} account, follow this link within 48 hours:`,
        "",
        `${input.origin}/verify-email/${input.token}`,
        "",
        "Until then your account keeps its old address. If you did not ask for this, ignore this message.",
        "",
        signOff(site),
      ].join("\n"),
    });
  } else if (input.mailNewAddress) {
    deliver({
      to: input.newEmail,
      subject: `Someone tried to use your email address on ${site}`,
      text: [
        "Hello,",
        "",
        `Someone signed in to ${site} asked to move their account to this email address. It already belongs`,
        "to an account, so nothing has changed.",
        "",
        "If it was not you, you can ignore this message.",
        "",
        signOff(site),
      ].join("\n"),
    });
  }
  deliver({
    to: input.oldEmail,
    subject: `Your ${site} email address is being changed`,
    text: [
      `Hello ${input.displayName},`,
      "",
      `Someone signed in to your account asked to change its email address to ${maskEmail(input.newEmail)}.`,
      "The change happens only when the link sent to the new address is followed.",
      "",
      `If this was not you, change your password now: ${input.origin}/forgot-password`,
      "",
      signOff(site),
    ].join("\n"),
  });
}

export async function sendPasswordChangedMail(
  db: Kysely<Database>,
  input: { to: string; displayName: string; origin: string },
): Promise<void> {
  const site = await siteName(db);
  deliver({
    to: input.to,
    subject: `Your ${site} password was changed`,
    text: [
      `Hello ${input.displayName},`,
      "",
      "The password of your account was just changed, and every device that was signed in has been signed out.",
      "",
      `If this was not you, set a new password now: ${input.origin}/forgot-password`,
      "",
      signOff(site),
    ].join("\n"),
  });
}

export async function sendAccountDeletedMail(
  db: Kysely<Database>,
  input: { to: string; displayName: string },
): Promise<void> {
  const site = await siteName(db);
  deliver({
    to: input.to,
    subject: `Your ${site} account has been deleted`,
    text: [
      `Hello ${input.displayName},`,
      "",
      "Your account has been deleted as you asked. Your email address, password and settings are gone; the",
      'comments you wrote stay in their discussions, shown as written by "Deleted user".',
      "",
      signOff(site),
    ].join("\n"),
  });
}
