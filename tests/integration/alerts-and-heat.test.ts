import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportComment } from "../../app/models/comment/report.server";
import { deliverDueAlerts, getWebhookSecret, raiseModerationAlerts, signWebhook } from "../../app/models/moderation/alert.server";
import { saveModerationSettings } from "../../app/models/moderation/hold-rules.server";
import { makeAppeal } from "../../app/models/moderation/appeal.server";
import { rejectComment } from "../../app/models/moderation/decision.server";
import { WEEKDAYS } from "../../app/utils/staffed-hours";
import { makeArticle, makeComment, makeUser } from "../factories";
import { useTestServerWithOutbox, waitForMail } from "./accounts-support";
import { html, logRows, useTestRules } from "./moderation-support";

// Issue 15 parts 6 and 7: alerts that reach people (email to moderators on duty, a signed webhook with
// retries, every delivery kept) and the heat view. On SQLite and PostgreSQL.

const server = useTestServerWithOutbox();
let admin: { id: number; email: string | null };
let moderator: { id: number; email: string | null };
let hook: Server;
let hookUrl: string;
const received: { body: string; timestamp: string; signature: string }[] = [];
let failNext = 0;

beforeAll(async () => {
  const app = server();
  await useTestRules(app.db);
  admin = await makeUser(app.db, { role: "admin" });
  moderator = await makeUser(app.db, { role: "moderator" });
  hook = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ body, timestamp: String(req.headers["x-parley-timestamp"]), signature: String(req.headers["x-parley-signature"]) });
      if (failNext > 0) {
        failNext -= 1;
        res.writeHead(500).end("down for a moment");
      } else res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/parley-alerts`;
});
afterAll(async () => {
  await new Promise((resolve) => hook?.close(resolve));
});

const later = (seconds: number) => new Date(Date.now() + seconds * 1000);

describe("the admins' alert settings", () => {
  it("refuse bad values beside the field, and save good ones with a log entry", async () => {
    const app = server();
    const bad = await app.post("/admin/alerts", { queueSize: "ten", heatPerHour: "5", webhookUrl: "ftp://example" }, { as: admin });
    expect(bad.status).toBe(400);
    const page = await html(bad);
    expect(page).toMatch(/id="queueSize-error"[^>]*>Enter the queue size as a whole number/);
    expect(page).toMatch(/id="webhookUrl-error"[^>]*>Enter an address starting with https:\/\//);
    expect(page).toMatch(/id="queueSize"[^>]*value="ten"/);
    expect((await app.request("/admin/alerts", { as: moderator })).status).toBe(403);

    const saved = await app.post("/admin/alerts", { queueSize: "2", heatPerHour: "4", webhookUrl: hookUrl }, { as: admin });
    expect(saved.status).toBe(200);
    expect(await logRows(app.db, { action: "update_alerts" })).toMatchObject([{ moderator_id: admin.id }]);
    const settingsPage = await html(await app.request("/admin/alerts", { as: admin }));
    expect(settingsPage).toContain(await getWebhookSecret(app.db));
  });
});

describe("alerts", () => {
  it("are raised once however many servers look, mailed to the moderators on duty and posted signed to the webhook, retried after a failure", async () => {
    const app = server();
    const story = await makeArticle(app.db);
    for (const body of ["First held", "Second held"]) {
      await makeComment(app.db, { articleId: story.id, authorId: (await makeUser(app.db)).id, bodySource: body, status: "pending" });
    }
    const raised = await Promise.all([raiseModerationAlerts(app.db), raiseModerationAlerts(app.db), raiseModerationAlerts(app.db)]);
    const queueAlerts = await app.db.selectFrom("moderation_alert").selectAll().where("kind", "=", "queue").execute();
    expect(queueAlerts).toHaveLength(1);
    expect(raised.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    expect(queueAlerts[0]!.text).toMatch(/^\d+ comments wait in the moderation queue \(the alert is set at 2\)\.$/);

    failNext = 1;
    await Promise.all([deliverDueAlerts(app.db, { origin: "http://parley.test" }), deliverDueAlerts(app.db, { origin: "http://parley.test" })]);
    const webhook = await app.db.selectFrom("alert_delivery").selectAll().where("alert_id", "=", queueAlerts[0]!.id).where("channel", "=", "webhook").executeTakeFirstOrThrow();
    expect(webhook).toMatchObject({ status: "pending", attempts: 1 });
    expect(webhook.last_result).toContain("attempt 1: answered 500");
    // Tried again after the back-off, and this time taken.
    await deliverDueAlerts(app.db, { origin: "http://parley.test", now: later(31) });
    const retried = await app.db.selectFrom("alert_delivery").selectAll().where("id", "=", webhook.id).executeTakeFirstOrThrow();
    expect(retried).toMatchObject({ status: "sent", attempts: 2 });
    const posts = received.filter((r) => JSON.parse(r.body).id === queueAlerts[0]!.id);
    expect(posts).toHaveLength(2);
    const secret = await getWebhookSecret(app.db);
    for (const post of posts) expect(post.signature).toBe(signWebhook(secret, post.timestamp, post.body));
    expect(JSON.parse(posts[1]!.body)).toMatchObject({ kind: "queue", url: "http://parley.test/moderation", attempt: 2 });

    for (const staff of [admin, moderator]) {
      const mail = await waitForMail((m) => m.to.includes(staff.email!) && m.subject.startsWith("Moderation alert:"));
      expect(mail.text).toContain("comments wait in the moderation queue");
    }
    const page = await html(await app.request("/admin/alerts", { as: admin }));
    expect(page).toContain("Sent");
    expect(page).toContain("2 attempts; answered 204");
  });

  it("tell of a comment hidden by reports, of heat on a story, and of an appeal (to its reader only); off duty, only the webhook", async () => {
    const app = server();
    const story = await makeArticle(app.db);
    const author = await makeUser(app.db);
    const target = await makeComment(app.db, { articleId: story.id, authorId: author.id, bodySource: "A sharp remark" });
    for (let i = 0; i < 3; i += 1) {
      await reportComment(app.db, { commentId: target.id, reporterId: (await makeUser(app.db)).id, articleId: story.id, reason: "abuse", note: "" });
    }
    for (let i = 0; i < 4; i += 1) await makeComment(app.db, { articleId: story.id, authorId: (await makeUser(app.db)).id, bodySource: `Heated ${i}` });
    await rejectComment(app.db, { moderator: { id: moderator.id, role: "moderator" }, commentId: target.id, ruleNumber: 1, note: "Too sharp" });
    await makeAppeal(app.db, { userId: author.id, subject: { kind: "comment", commentId: target.id }, body: "It was fair" });

    // Nobody on duty now: the alerts go to the webhook only.
    await saveModerationSettings(app.db, {
      settings: { staffedHours: { enabled: true, days: Object.fromEntries(WEEKDAYS.map((d) => [d, null])) as never, datesOff: [] } },
      adminId: admin.id,
    });
    await raiseModerationAlerts(app.db);
    const alerts = await app.db.selectFrom("moderation_alert").select(["id", "kind", "text", "link"]).where("article_id", "=", story.id).execute();
    const kinds = alerts.map((a) => a.kind).sort();
    expect(kinds).toEqual(["heat", "hidden"]);
    expect(alerts.find((a) => a.kind === "hidden")!.text).toContain("was hidden until a moderator decides: hidden after reports from 3 residents");
    expect(alerts.find((a) => a.kind === "heat")!.text).toContain(`comments in the last hour on “${story.headline}”`);
    const appeal = await app.db.selectFrom("moderation_alert").select("id").where("kind", "=", "appeal").executeTakeFirstOrThrow();
    const offDuty = await app.db
      .selectFrom("alert_delivery")
      .select("channel")
      .where("alert_id", "in", [...alerts.map((a) => a.id), appeal.id])
      .execute();
    expect(new Set(offDuty.map((d) => d.channel))).toEqual(new Set(["webhook"]));

    // On duty again: a new appeal mails its reader, and nobody else.
    await saveModerationSettings(app.db, { settings: { staffedHours: { enabled: false, days: Object.fromEntries(WEEKDAYS.map((d) => [d, null])) as never, datesOff: [] } }, adminId: admin.id });
    const second = await makeComment(app.db, { articleId: story.id, authorId: author.id, bodySource: "Another one" });
    await rejectComment(app.db, { moderator: { id: moderator.id, role: "moderator" }, commentId: second.id, ruleNumber: 1, note: "Also sharp" });
    const appealId = await makeAppeal(app.db, { userId: author.id, subject: { kind: "comment", commentId: second.id }, body: "Also fair" });
    const reader = await app.db.selectFrom("appeal").innerJoin("user", "user.id", "appeal.assigned_to").select("user.email").where("appeal.id", "=", appealId).executeTakeFirstOrThrow();
    await raiseModerationAlerts(app.db);
    const mailed = await app.db
      .selectFrom("alert_delivery")
      .innerJoin("moderation_alert", "moderation_alert.id", "alert_delivery.alert_id")
      .select("alert_delivery.target")
      .where("moderation_alert.alert_key", "=", `appeal:${appealId}`)
      .where("alert_delivery.channel", "=", "email")
      .execute();
    expect(mailed.map((m) => m.target)).toEqual([reader.email]);
  });
});

describe("the heat view", () => {
  it("shows each story's comments an hour as a chart with its figures, commenters, share held and reports, sortable; editors may look, residents may not", async () => {
    const app = server();
    const calm = await makeArticle(app.db, { headline: "Calm story about bins" });
    const hot = await makeArticle(app.db, { headline: "Hot story about the ferry" });
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000 - 60_000).toISOString();
    await makeComment(app.db, { articleId: calm.id, authorId: (await makeUser(app.db)).id, bodySource: "Bins on Tuesday", createdAt: hoursAgo(5) });
    const writer = await makeUser(app.db);
    for (let i = 0; i < 6; i += 1) await makeComment(app.db, { articleId: hot.id, authorId: writer.id, bodySource: `Ferry ${i}`, createdAt: hoursAgo(i % 2) });
    await makeComment(app.db, { articleId: hot.id, authorId: (await makeUser(app.db)).id, bodySource: "Held one", status: "pending", createdAt: hoursAgo(0) });

    const page = await html(await app.request("/moderation/heat?sort=total", { as: moderator }));
    expect(page.indexOf("Hot story about the ferry")).toBeLessThan(page.indexOf("Calm story about bins"));
    expect(page).toContain('aria-sort="descending"');
    expect(page).toContain("<svg");
    expect(page).toContain("Comments an hour on Hot story about the ferry");
    // The row's cells after its chart: comments in 24 hours, commenters, share held, open reports.
    const afterChart = page.indexOf("</figure></td>", page.indexOf("Hot story about the ferry"));
    const hotRow = page.slice(afterChart, page.indexOf("</tr>", afterChart));
    expect(hotRow).toContain("<td>7</td>"); // comments in 24 hours
    expect(hotRow).toContain("<td>2</td>"); // commenters
    expect(hotRow).toContain("14%"); // 1 of 7 held
    const editor = await makeUser(app.db, { role: "editor" });
    expect((await app.request("/moderation/heat", { as: editor })).status).toBe(200);
    expect((await app.request("/moderation/heat", { as: await makeUser(app.db) })).status).toBe(403);
  });
});
