import type { Kysely } from "kysely";
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
} as const satisfies Record<string, ThrottlePolicy>;

export const throttleKey = {
  loginAccount: (email: string) => `login:email:${email}`,
  loginAddress: (address: string) => `login:ip:${address}`,
  joinAddress: (address: string) => `join:ip:${address}`,
  resetEmail: (email: string) => `reset:email:${email}`,
  resetAddress: (address: string) => `reset:ip:${address}`,
  tokenAddress: (address: string) => `token:ip:${address}`,
  verifyResend: (userId: number) => `verify:user:${userId}`,
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

/** Counts one event (a failure, or a request that is limited) against a key; returns the verdict after it. */
export async function recordThrottleEvent(
  db: Kysely<Database>,
  key: string,
  policy: ThrottlePolicy,
  now = new Date(),
): Promise<ThrottleVerdict> {
  const at = now.toISOString();
  const row = await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom("throttle").selectAll().where("key", "=", key).executeTakeFirst();
    const windowOver = !current || now.getTime() - Date.parse(current.window_started_at) >= policy.windowMs;
    const stillBlocked = current?.blocked_until ? Date.parse(current.blocked_until) > now.getTime() : false;
    const fresh = windowOver && !stillBlocked;
    const count = fresh ? 1 : (current?.count ?? 0) + 1;
    let blockedUntil: string | null = fresh ? null : (current?.blocked_until ?? null);
    if (count >= policy.blockAfter) {
      blockedUntil = new Date(now.getTime() + policy.blockMs).toISOString();
    } else if (policy.delayAfter && policy.firstDelayMs && count >= policy.delayAfter) {
      const delay = policy.firstDelayMs * 2 ** (count - policy.delayAfter);
      blockedUntil = new Date(now.getTime() + delay).toISOString();
    }
    const next: Throttle = {
      key,
      count,
      window_started_at: fresh ? at : (current?.window_started_at ?? at),
      blocked_until: blockedUntil,
      updated_at: at,
    };
    await trx
      .insertInto("throttle")
      .values(next)
      .onConflict((oc) =>
        oc.column("key").doUpdateSet({
          count: next.count,
          window_started_at: next.window_started_at,
          blocked_until: next.blocked_until,
          updated_at: next.updated_at,
        }),
      )
      .execute();
    return next;
  });
  await purgeStaleThrottles(db, now);
  return verdictFor(row, now);
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
