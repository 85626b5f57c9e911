import { createHmac, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { sendMail } from "../../utils/mail.server";
import { dutyAt } from "../../utils/staffed-hours";
import { getModerationSettings, type AlertSettings } from "./hold-rules.server";
import { countOpenItems } from "./queue.server";

/**
 * Alerts that reach people (issue 15, part 6). A timer on each app server (server/moderation-watch.ts)
 * looks every half minute for what moderators must hear of: the queue past its size, a story's comment
 * rate past its threshold (heat), a comment hidden by reports, an appeal arriving. Each is raised once
 * (a unique key, whichever server sees it first) and goes out by email to the moderators while someone
 * is on duty, and to the site's webhook at any hour: JSON signed with HMAC-SHA256, retried with back-off,
 * every attempt kept on its delivery row (shown to admins at /admin/alerts).
 */


/** Recent enough to raise: what happened since the last few looks (a restart, a slow look). */
const RECENT_MS = 15 * 60_000;
export const MAX_ATTEMPTS = 5;
const FIRST_RETRY_MS = 30_000;
/** A claimed delivery is tried again after this long if its server died while sending. */
const LEASE_MS = 60_000;
const WEBHOOK_TIMEOUT_MS = 5_000;
const SECRET_KEY = "alert_webhook_secret";

interface Candidate {
  key: string;
  kind: "queue" | "heat" | "hidden" | "appeal" | "pair";
  text: string;
  link: string;
  articleId: number | null;
  /** Email only this staff member (an appeal's reader); otherwise every moderator and admin. */
  onlyTo?: number | null;
}

function hourOf(date: Date): string {
  return date.toISOString().slice(0, 13);
}

async function findCandidates(db: Kysely<Database>, settings: AlertSettings, now: Date): Promise<Candidate[]> {
  const candidates: Candidate[] = [];
  const recent = new Date(now.getTime() - RECENT_MS).toISOString();
  if (settings.queueSize > 0) {
    const open = await countOpenItems(db);
    if (open >= settings.queueSize) {
      candidates.push({
        key: `queue:${hourOf(now)}`,
        kind: "queue",
        text: `${open} comments wait in the moderation queue (the alert is set at ${settings.queueSize}).`,
        link: "/moderation",
        articleId: null,
      });
    }
  }
  if (settings.heatPerHour > 0) {
    const hot = await db
      .selectFrom("comment")
      .innerJoin("article", "article.id", "comment.article_id")
      .select((eb) => ["article.id", "article.headline", eb.fn.countAll<number>().as("n")])
      .where("comment.created_at", ">", new Date(now.getTime() - 3_600_000).toISOString())
      .groupBy(["article.id", "article.headline"])
      .having((eb) => eb.fn.countAll(), ">=", settings.heatPerHour)
      .execute();
    for (const story of hot) {
      candidates.push({
        key: `heat:${story.id}:${hourOf(now)}`,
        kind: "heat",
        text: `${Number(story.n)} comments in the last hour on “${story.headline}” (the heat alert is set at ${settings.heatPerHour} an hour). Slow mode (on the story's moderation page) or pre-moderation may help.`,
        link: `/moderation/stories/${story.id}`,
        articleId: story.id,
      });
    }
  }
  const automatic = await db
    .selectFrom("moderation_action")
    .leftJoin("article", "article.id", "moderation_action.article_id")
    .select(["moderation_action.id", "moderation_action.action", "moderation_action.comment_id", "moderation_action.article_id", "moderation_action.note", "article.headline"])
    .where("moderation_action.action", "in", ["auto_hide_comment", "brake_pair"])
    .where("moderation_action.created_at", ">", recent)
    .execute();
  for (const row of automatic) {
    const story = `“${row.headline ?? "a story"}”`;
    candidates.push(
      row.action === "brake_pair"
        ? {
            key: `pair:${row.id}`,
            kind: "pair",
            text: `Two residents keep replying to each other on ${story}: ${row.note.replace(/ #\d+-\d+#$/, "")}. A look at the thread may help.`,
            link: `/moderation/comments/${row.comment_id}`,
            articleId: row.article_id,
          }
        : {
            key: `hidden:${row.id}`,
            kind: "hidden",
            text: `A comment on ${story} was hidden until a moderator decides: ${row.note.toLowerCase()}.`,
            link: `/moderation/comments/${row.comment_id}`,
            articleId: row.article_id,
          },
    );
  }
  const appeals = await db
    .selectFrom("appeal")
    .innerJoin("user", "user.id", "appeal.user_id")
    .select(["appeal.id", "appeal.assigned_to", "user.display_name"])
    .where("appeal.created_at", ">", recent)
    .execute();
  for (const row of appeals) {
    candidates.push({
      key: `appeal:${row.id}`,
      kind: "appeal",
      text: `${row.display_name} appealed a decision; the appeal waits for an answer.`,
      link: `/moderation/appeals/${row.id}`,
      articleId: null,
      onlyTo: row.assigned_to,
    });
  }
  return candidates;
}

/** Raises what needs raising, once each; returns how many alerts this call raised. */
export async function raiseModerationAlerts(db: Kysely<Database>, now = new Date()): Promise<number> {
  const settings = await getModerationSettings(db);
  const candidates = await findCandidates(db, settings.alerts, now);
  if (candidates.length === 0) return 0;
  const onDuty = dutyAt(settings.staffedHours, now).onDuty;
  const at = now.toISOString();
  let raised = 0;
  for (const candidate of candidates) {
    await db.transaction().execute(async (trx) => {
      const alert = await trx
        .insertInto("moderation_alert")
        .values({ alert_key: candidate.key, kind: candidate.kind, text: candidate.text, link: candidate.link, article_id: candidate.articleId, created_at: at })
        .onConflict((oc) => oc.column("alert_key").doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!alert) return; // raised already, here or on another server
      raised += 1;
      const targets: { channel: "email" | "webhook"; target: string }[] = [];
      if (onDuty) {
        let staff = trx
          .selectFrom("user")
          .select("email")
          .where("role", "in", ["moderator", "admin"])
          .where("status", "=", "active")
          .where("email", "is not", null)
          .where("email_verified_at", "is not", null);
        if (candidate.onlyTo) staff = staff.where("id", "=", candidate.onlyTo);
        for (const row of await staff.execute()) targets.push({ channel: "email", target: row.email! });
      }
      if (settings.alerts.webhookUrl) targets.push({ channel: "webhook", target: settings.alerts.webhookUrl });
      if (targets.length === 0) return;
      await trx
        .insertInto("alert_delivery")
        .values(targets.map((t) => ({ alert_id: alert.id, channel: t.channel, target: t.target, status: "pending" as const, next_attempt_at: at, delivered_at: null })))
        .execute();
    });
  }
  return raised;
}

/** The webhook's secret, made on first use; admins see it on /admin/alerts and can replace it. */
export async function getWebhookSecret(db: Kysely<Database>): Promise<string> {
  const row = await db.selectFrom("setting").select("value").where("key", "=", SECRET_KEY).executeTakeFirst();
  if (row) return JSON.parse(row.value) as string;
  return replaceWebhookSecret(db, { onlyIfMissing: true });
}

export async function replaceWebhookSecret(db: Kysely<Database>, options: { onlyIfMissing?: boolean } = {}): Promise<string> {
  const secret = randomBytes(24).toString("base64url");
  const at = new Date().toISOString();
  await db
    .insertInto("setting")
    .values({ key: SECRET_KEY, value: JSON.stringify(secret), updated_at: at })
    .onConflict((oc) => (options.onlyIfMissing ? oc.column("key").doNothing() : oc.column("key").doUpdateSet({ value: JSON.stringify(secret), updated_at: at })))
    .execute();
  const stored = await db.selectFrom("setting").select("value").where("key", "=", SECRET_KEY).executeTakeFirstOrThrow();
  return JSON.parse(stored.value) as string;
}

/** `X-Parley-Signature` for a body sent at a time: HMAC-SHA256 of "<timestamp>.<body>", hex. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

async function postWebhook(url: string, secret: string, payload: unknown): Promise<string> {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const answer = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-parley-timestamp": timestamp, "x-parley-signature": signWebhook(secret, timestamp, body) },
    body,
    redirect: "error",
    signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
  });
  await answer.body?.cancel();
  if (!answer.ok) throw new Error(`answered ${answer.status} ${answer.statusText}`.trim());
  return `answered ${answer.status}`;
}

/**
 * Sends every delivery that is due, each claimed first by one conditional update (several servers may
 * look at once), and records the outcome: sent, or tried again after 30 s, 1, 2 and 4 minutes, then
 * given up. Returns how many went out.
 */
export async function deliverDueAlerts(db: Kysely<Database>, input: { origin: string; now?: Date }): Promise<number> {
  const now = input.now ?? new Date();
  const at = now.toISOString();
  const due = await db
    .selectFrom("alert_delivery")
    .innerJoin("moderation_alert", "moderation_alert.id", "alert_delivery.alert_id")
    .select([
      "alert_delivery.id",
      "alert_delivery.channel",
      "alert_delivery.target",
      "alert_delivery.attempts",
      "alert_delivery.next_attempt_at",
      "moderation_alert.id as alert_id",
      "moderation_alert.kind",
      "moderation_alert.text",
      "moderation_alert.link",
      "moderation_alert.created_at",
    ])
    .where("alert_delivery.status", "=", "pending")
    .where("alert_delivery.next_attempt_at", "<=", at)
    .orderBy("alert_delivery.id")
    .limit(20)
    .execute();
  let sent = 0;
  for (const delivery of due) {
    const attempt = delivery.attempts + 1;
    const claimed = await db
      .updateTable("alert_delivery")
      .set({ attempts: attempt, next_attempt_at: new Date(now.getTime() + LEASE_MS).toISOString() })
      .where("id", "=", delivery.id)
      .where("status", "=", "pending")
      .where("attempts", "=", delivery.attempts)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue; // another server has it
    const url = `${input.origin}${delivery.link}`;
    try {
      let result: string;
      if (delivery.channel === "email") {
        await sendMail({
          to: delivery.target,
          subject: `Moderation alert: ${delivery.text.slice(0, 80)}`,
          text: `${delivery.text}\n\n${url}\n\nYou get these alerts as a moderator of the site while moderators are on duty.\n`,
        });
        result = "mailed";
      } else {
        result = await postWebhook(delivery.target, await getWebhookSecret(db), {
          id: delivery.alert_id,
          kind: delivery.kind,
          text: delivery.text,
          url,
          raisedAt: delivery.created_at,
          attempt,
        });
      }
      await db.updateTable("alert_delivery").set({ status: "sent", delivered_at: new Date().toISOString(), last_result: result }).where("id", "=", delivery.id).execute();
      sent += 1;
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 200);
      const givingUp = attempt >= MAX_ATTEMPTS;
      await db
        .updateTable("alert_delivery")
        .set({
          status: givingUp ? "failed" : "pending",
          last_result: `attempt ${attempt}: ${reason}`,
          next_attempt_at: new Date(now.getTime() + FIRST_RETRY_MS * 2 ** (attempt - 1)).toISOString(),
        })
        .where("id", "=", delivery.id)
        .execute();
    }
  }
  return sent;
}

export interface AlertDeliveryView {
  id: number;
  alertText: string;
  link: string;
  raisedAt: string;
  channel: "email" | "webhook";
  target: string;
  status: "pending" | "sent" | "failed";
  attempts: number;
  lastResult: string;
  deliveredAt: string | null;
  nextAttemptAt: string;
}

/** The latest deliveries, newest alert first, for the admins' page. */
export async function listAlertDeliveries(db: Kysely<Database>, limit = 50): Promise<AlertDeliveryView[]> {
  const rows = await db
    .selectFrom("alert_delivery")
    .innerJoin("moderation_alert", "moderation_alert.id", "alert_delivery.alert_id")
    .select([
      "alert_delivery.id",
      "moderation_alert.text",
      "moderation_alert.link",
      "moderation_alert.created_at",
      "alert_delivery.channel",
      "alert_delivery.target",
      "alert_delivery.status",
      "alert_delivery.attempts",
      "alert_delivery.last_result",
      "alert_delivery.delivered_at",
      "alert_delivery.next_attempt_at",
    ])
    .orderBy("alert_delivery.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    alertText: row.text,
    link: row.link,
    raisedAt: row.created_at,
    channel: row.channel,
    target: row.target,
    status: row.status,
    attempts: row.attempts,
    lastResult: row.last_result,
    deliveredAt: row.delivered_at,
    nextAttemptAt: row.next_attempt_at,
  }));
}
