import { sql, type Kysely } from "kysely";
import type { Database, Throttle } from "../../../db/schema";

/**
 * Abuse limits for sign-in, sign-up and password reset. Each key ("login:email:a@b.example",
 * "login:ip:203.0.113.9") counts events in a window. Past `delayAfter` events each further one makes the
 * key wait, doubling from `firstDelayMs`; at `blockAfter` the key is blocked for `blockMs`. Rows live in
 * the database, so a restart or a second server process sees the same limits.
 */
export interface ThrottlePolicy {
  windowMs: number;
  blockAfter: number;
  blockMs: number;
  delayAfter?: number;
  firstDelayMs?: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const POLICIES = {
  /** Wrong passwords for one account: waits of 15 s, 30 s, 1, 2, 4 minutes after the 5th, blocked at 10. */
  loginAccount: { windowMs: 15 * MINUTE, delayAfter: 5, firstDelayMs: 15 * SECOND, blockAfter: 10, blockMs: 15 * MINUTE },
  /**
   * Wrong passwords for one account from one address it has signed in from, counted only while the
   * account is locked: a stranger's guesses cannot spend its owner's tries.
   */
  loginKnownAddress: { windowMs: 15 * MINUTE, delayAfter: 5, firstDelayMs: 15 * SECOND, blockAfter: 10, blockMs: 15 * MINUTE },
  /** Sign-in links mailed to one account after a lock-out. */
  signInLink: { windowMs: HOUR, blockAfter: 3, blockMs: HOUR },
  /** Wrong passwords from one address, whatever the account. */
  loginAddress: { windowMs: 15 * MINUTE, blockAfter: 30, blockMs: 15 * MINUTE },
  /** Accounts created (or attempted on a taken address) from one address. */
  joinAddress: { windowMs: HOUR, blockAfter: 10, blockMs: HOUR },
  /** Reset links asked for one address, and from one client address. */
  resetEmail: { windowMs: HOUR, blockAfter: 3, blockMs: HOUR },
  resetAddress: { windowMs: HOUR, blockAfter: 10, blockMs: HOUR },
  /** Links that did not work (unknown, used or expired tokens) from one address. */
  tokenAddress: { windowMs: 15 * MINUTE, blockAfter: 20, blockMs: 15 * MINUTE },
  /** Verification mails re-sent for one account. */
  verifyResend: { windowMs: HOUR, blockAfter: 5, blockMs: HOUR },
  /**
   * Mails to one address that someone else can cause (join notices, confirmation links, reset and
   * sign-in links), whoever asks and from wherever: three an hour and ten a day (mail.server.ts).
   */
  mailRecipientHour: { windowMs: HOUR, blockAfter: 3, blockMs: HOUR },
  mailRecipientDay: { windowMs: 24 * HOUR, blockAfter: 10, blockMs: 24 * HOUR },
} as const satisfies Record<string, ThrottlePolicy>;

/**
 * `address` is always the client's network from getClientAddress (app/auth/client-address.server.ts): an
 * IPv4 address or an IPv6 /64, so a client cannot step around a per-address limit by changing addresses.
 */
export const throttleKey = {
  loginAccount: (email: string) => `login:email:${email}`,
  loginAddress: (address: string) => `login:ip:${address}`,
  loginKnownAddress: (userId: number, address: string) => `login:known:${userId}:${address}`,
  signInLink: (userId: number) => `signin-link:user:${userId}`,
  joinAddress: (address: string) => `join:ip:${address}`,
  resetEmail: (email: string) => `reset:email:${email}`,
  resetAddress: (address: string) => `reset:ip:${address}`,
  tokenAddress: (address: string) => `token:ip:${address}`,
  verifyResend: (userId: number) => `verify:user:${userId}`,
  mailRecipientHour: (email: string) => `mail:hour:${email}`,
  mailRecipientDay: (email: string) => `mail:day:${email}`,
};

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

function verdictFor(row: Throttle | undefined, now: Date): ThrottleVerdict {
  if (!row?.blocked_until) return { allowed: true };
  const retryAfterMs = Date.parse(row.blocked_until) - now.getTime();
  return retryAfterMs > 0 ? { allowed: false, retryAfterMs } : { allowed: true };
}

/** Whether every one of the keys may try now; when not, how long until the last of them may. */
export async function checkThrottle(db: Kysely<Database>, keys: string[], now = new Date()): Promise<ThrottleVerdict> {
  if (keys.length === 0) return { allowed: true };
  const rows = await db.selectFrom("throttle").selectAll().where("key", "in", keys).execute();
  let longest = 0;
  for (const row of rows) {
    const verdict = verdictFor(row, now);
    if (!verdict.allowed) longest = Math.max(longest, verdict.retryAfterMs);
  }
  return longest > 0 ? { allowed: false, retryAfterMs: longest } : { allowed: true };
}

/** When the key is held after its `count`th event: a full block, a growing wait, or nothing new (null). */
function holdAfter(count: number, policy: ThrottlePolicy, now: Date): string | null {
  if (count >= policy.blockAfter) return new Date(now.getTime() + policy.blockMs).toISOString();
  if (policy.delayAfter && policy.firstDelayMs && count >= policy.delayAfter) {
    return new Date(now.getTime() + policy.firstDelayMs * 2 ** (count - policy.delayAfter)).toISOString();
  }
  return null;
}

/**
 * Counts one event against a key in ONE statement (an upsert that adds one to the stored count and
 * returns the row), so events that arrive together on several connections or servers are each
 * counted. A window that is over (and not blocked) starts again at one. The hold that follows from
 * the new count is decided in the same statement: the counts that start a wait or the block are few,
 * so each one's end is a value computed here. `unlessHeld` leaves a key that is waiting or blocked
 * untouched and returns nothing: the check and the count are then one step.
 */
async function countThrottleEvent(
  db: Kysely<Database>,
  key: string,
  policy: ThrottlePolicy,
  now: Date,
  unlessHeld: boolean,
): Promise<Throttle | undefined> {
  const at = now.toISOString();
  const windowStartedBefore = new Date(now.getTime() - policy.windowMs).toISOString();
  const held = sql<boolean>`(throttle.blocked_until is not null and throttle.blocked_until > ${at})`;
  const fresh = sql<boolean>`(throttle.window_started_at <= ${windowStartedBefore} and not ${held})`;
  const count = sql<number>`(case when ${fresh} then 1 else throttle.count + 1 end)`;
  const firstHeldCount = Math.min(policy.delayAfter ?? policy.blockAfter, policy.blockAfter);
  const holds = [];
  for (let n = firstHeldCount; n < policy.blockAfter; n++) holds.push(sql`when ${count} = ${n} then ${holdAfter(n, policy, now)}`);
  const blockedUntil = sql<string | null>`(case when ${count} >= ${policy.blockAfter} then ${holdAfter(policy.blockAfter, policy, now)}
    ${holds.length ? sql.join(holds, sql` `) : sql``} when ${fresh} then null else throttle.blocked_until end)`;
  return db
    .insertInto("throttle")
    .values({ key, count: 1, window_started_at: at, blocked_until: holdAfter(1, policy, now), updated_at: at })
    .onConflict((oc) => {
      const update = oc.column("key").doUpdateSet({
        count,
        window_started_at: sql<string>`(case when ${fresh} then ${at} else throttle.window_started_at end)`,
        blocked_until: blockedUntil,
        updated_at: at,
      });
      return unlessHeld ? update.where(sql<boolean>`not ${held}`) : update;
    })
    .returningAll()
    .executeTakeFirst();
}

/** Counts one event (a failure, or a request that is limited) against a key; returns the verdict after it. */
export async function recordThrottleEvent(
  db: Kysely<Database>,
  key: string,
  policy: ThrottlePolicy,
  now = new Date(),
): Promise<ThrottleVerdict> {
  const row = await countThrottleEvent(db, key, policy, now, false);
  await purgeStaleThrottles(db, now);
  return verdictFor(row, now);
}

/**
 * An attempt (a password to check) reserved before it is made, so that attempts sent together cannot
 * all pass a check that none of them has counted yet. `allowed`: go ahead; `after` is the verdict once
 * this attempt counts as a failure. Refused: the key is waiting or blocked.
 */
export type ThrottleAttempt = { allowed: true; after: ThrottleVerdict } | { allowed: false; retryAfterMs: number };

/**
 * Checks a key and counts the attempt in one step. An attempt refused while the key waits still counts
 * (it does not lengthen the wait, but reaching `blockAfter` blocks): twenty guesses sent at once count
 * twenty, though only the first few are checked.
 */
async function reserveThrottleAttempt(
  db: Kysely<Database>,
  key: string,
  policy: ThrottlePolicy,
  now = new Date(),
): Promise<ThrottleAttempt> {
  const at = now.toISOString();
  for (;;) {
    const reserved = await countThrottleEvent(db, key, policy, now, true);
    if (reserved) {
      await purgeStaleThrottles(db, now);
      return { allowed: true, after: verdictFor(reserved, now) };
    }
    const refused = await db
      .updateTable("throttle")
      .set({
        count: sql<number>`${sql.ref("count")} + 1`,
        blocked_until: sql<string>`(case when ${sql.ref("count")} + 1 = ${policy.blockAfter} then ${holdAfter(policy.blockAfter, policy, now)} else blocked_until end)`,
        updated_at: at,
      })
      .where("key", "=", key)
      .where("blocked_until", ">", at)
      .returningAll()
      .executeTakeFirst();
    const verdict = verdictFor(refused, now);
    if (!verdict.allowed) return verdict;
    // The hold ended (or the row was cleared) between the two statements: reserve again.
  }
}

/**
 * Reserves one attempt against several keys (an account and the address it comes from); every key
 * counts it. Allowed: how long the keys must wait if the attempt fails. Refused: how long until it may.
 */
export async function reserveThrottleAttempts(
  db: Kysely<Database>,
  keys: [key: string, policy: ThrottlePolicy][],
  now = new Date(),
): Promise<{ allowed: true; waitIfFailedMs: number } | { allowed: false; retryAfterMs: number }> {
  const attempts: ThrottleAttempt[] = [];
  for (const [key, policy] of keys) attempts.push(await reserveThrottleAttempt(db, key, policy, now));
  const refusals = attempts.flatMap((a) => (a.allowed ? [] : [a.retryAfterMs]));
  if (refusals.length) return { allowed: false, retryAfterMs: Math.max(...refusals) };
  const waits = attempts.map((a) => (a.allowed && !a.after.allowed ? a.after.retryAfterMs : 0));
  return { allowed: true, waitIfFailedMs: Math.max(0, ...waits) };
}

/**
 * Gives back an attempt that succeeded, so that a key which counts failures (an address's wrong
 * passwords) does not count it. Below the first count that holds a key, no hold is left.
 */
export async function releaseThrottleAttempt(db: Kysely<Database>, key: string, policy: ThrottlePolicy): Promise<void> {
  const firstHeldCount = Math.min(policy.delayAfter ?? policy.blockAfter, policy.blockAfter);
  await db
    .updateTable("throttle")
    .set({
      count: sql<number>`${sql.ref("count")} - 1`,
      blocked_until: sql<string | null>`(case when ${sql.ref("count")} - 1 < ${firstHeldCount} then null else blocked_until end)`,
    })
    .where("key", "=", key)
    .where("count", ">", 0)
    .execute();
}

/** Forgets a key, e.g. an account's failures once its owner signs in. */
export async function clearThrottle(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom("throttle").where("key", "=", key).execute();
}

let lastPurge = 0;

/** Rows untouched for a day are over; they are swept at most once an hour per process. */
async function purgeStaleThrottles(db: Kysely<Database>, now: Date): Promise<void> {
  if (now.getTime() - lastPurge < HOUR) return;
  lastPurge = now.getTime();
  const cutoff = new Date(now.getTime() - 24 * HOUR).toISOString();
  await db
    .deleteFrom("throttle")
    .where("updated_at", "<", cutoff)
    .where((eb) => eb.or([eb("blocked_until", "is", null), eb("blocked_until", "<", now.toISOString())]))
    .execute();
}

/** "Try again in 12 minutes." / "Try again in 15 seconds." */
export function retryMessage(retryAfterMs: number): string {
  if (retryAfterMs < MINUTE) {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / SECOND));
    return `Try again in ${seconds} ${seconds === 1 ? "second" : "seconds"}.`;
  }
  const minutes = Math.ceil(retryAfterMs / MINUTE);
  return `Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}
