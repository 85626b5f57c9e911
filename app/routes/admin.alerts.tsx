import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/guards.server";
import { FormError, TextField } from "~/components/form-field";
import { ModerationNav } from "~/components/moderation-parts";
import { Time } from "~/components/time";
import { db } from "~/db.server";
import { getWebhookSecret, listAlertDeliveries, replaceWebhookSecret } from "~/models/moderation/alert.server";
import { getModerationSettings, saveModerationSettings } from "~/models/moderation/hold-rules.server";
import { parseForm, type FieldLimits } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Alerts · Admin" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  // Admins only: the webhook's secret is shown here.
  await requirePermission(request, "manage:settings");
  const [{ alerts }, deliveries] = await Promise.all([getModerationSettings(db), listAlertDeliveries(db)]);
  return { alerts, secret: alerts.webhookUrl ? await getWebhookSecret(db) : null, deliveries };
}

const count = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, `Enter ${what} as a whole number from 0 to 10,000.`)
    .transform(Number)
    .pipe(z.number().max(10_000, `Enter ${what} as a whole number from 0 to 10,000.`));

const schema = z.object({
  intent: z.enum(["save", "new-secret"]).default("save"),
  queueSize: count("the queue size"),
  heatPerHour: count("the comments an hour"),
  webhookUrl: z
    .string()
    .trim()
    .max(500, "Keep the address under 500 characters.")
    .refine((v) => v === "" || /^https?:\/\/[^\s/]+/i.test(v), "Enter an address starting with https:// (or leave it empty for no webhook).")
    .default(""),
});
const limits: FieldLimits = { webhookUrl: 500, queueSize: 10, heatPerHour: 10 };

type Result = { ok: true; message: string } | { ok: false; errors: Record<string, string>; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  // Admins only.
  const admin = await requirePermission(request, "manage:settings");
  const form = await request.formData();
  if (form.get("intent") === "new-secret") {
    await replaceWebhookSecret(db);
    return data<Result>({ ok: true, message: "A new secret is in use from now on: give it to the receiving end." });
  }
  const parsed = parseForm(schema, form, { limits });
  if (!parsed.ok) return data<Result>({ ok: false, errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { queueSize, heatPerHour, webhookUrl } = parsed.data;
  await saveModerationSettings(db, {
    settings: { alerts: { queueSize, heatPerHour, webhookUrl } },
    adminId: admin.id,
    action: "update_alerts",
    note: `queue ${queueSize || "off"}, heat ${heatPerHour || "off"} an hour, webhook ${webhookUrl ? "on" : "off"}`,
  });
  if (webhookUrl) await getWebhookSecret(db);
  return data<Result>({ ok: true, message: "Saved. Alerts follow these settings from the next look (within half a minute)." });
}

const STATUS = { pending: "Waiting to be tried again", sent: "Sent", failed: "Given up" } as const;

export default function AlertsPage() {
  const { alerts, secret, deliveries } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const failed = result && !result.ok ? result : undefined;
  const errors = failed?.errors ?? {};
  const value = (name: "queueSize" | "heatPerHour" | "webhookUrl") => (failed ? (failed.values[name] ?? "") : String(alerts[name]));
  return (
    <div className="moderation-page admin-alerts">
      <ModerationNav isAdmin current="/admin/alerts" />
      <h1>Alerts</h1>
      <p>
        Moderators are told by email, while someone is on duty (see the staffed hours), when the queue passes a size, a story’s
        comments pass a rate, reports hide a comment, or an appeal arrives (to the moderator it went to). The webhook gets every
        alert at any hour, for a phone or a chat room.
      </p>
      {result?.ok ? (
        <div className="notice notice--success" role="status">
          <p>{result.message}</p>
        </div>
      ) : null}
      <FormError message={failed ? "Some settings need attention: see the messages below." : undefined} />
      <Form method="post" key={result?.ok ? "saved" : "alerts"}>
        <input type="hidden" name="intent" value="save" />
        <TextField
          id="queueSize"
          name="queueSize"
          label="Alert when this many comments wait in the queue"
          hint="Held comments and comments with open reports; at most one such alert an hour. 0: never."
          inputMode="numeric"
          defaultValue={value("queueSize")}
          error={errors.queueSize}
        />
        <TextField
          id="heatPerHour"
          name="heatPerHour"
          label="Heat alert: a story gets this many comments within an hour"
          hint="At most one heat alert a story an hour. 0: never."
          inputMode="numeric"
          defaultValue={value("heatPerHour")}
          error={errors.heatPerHour}
        />
        <TextField
          id="webhookUrl"
          name="webhookUrl"
          label="Webhook address"
          hint="Each alert is posted here as JSON, signed (see below), tried again after 30 seconds, 1, 2 and 4 minutes if it fails. Empty: no webhook."
          type="url"
          defaultValue={value("webhookUrl")}
          error={errors.webhookUrl}
        />
        <button type="submit" disabled={busy}>
          Save the alerts
        </button>
      </Form>
      {secret ? (
        <section aria-labelledby="secret-heading">
          <h2 id="secret-heading">Checking the webhook’s signature</h2>
          <p>
            Each post carries <code>X-Parley-Timestamp</code> (seconds since 1970) and <code>X-Parley-Signature</code>:{" "}
            <code>sha256=</code> and the hex HMAC-SHA256, keyed with this secret, of the timestamp, a dot, and the body exactly as
            received. Refuse a post whose signature differs or whose timestamp is more than five minutes old.
          </p>
          <p>
            Secret: <code className="secret">{secret}</code>
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="new-secret" />
            <button type="submit" className="button--secondary" disabled={busy}>
              Make a new secret
            </button>
          </Form>
        </section>
      ) : null}
      <section aria-labelledby="deliveries-heading">
        <h2 id="deliveries-heading">Recent deliveries</h2>
        {deliveries.length === 0 ? (
          <p>No alert has gone out yet.</p>
        ) : (
          <div className="table-scroll">
            <table className="moderation-log">
              <caption className="visually-hidden">Recent alert deliveries, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Alert</th>
                  <th scope="col">To</th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody>
                {deliveries.map((d) => (
                  <tr key={d.id}>
                    <td data-label="Alert">
                      <Time iso={d.raisedAt} />: {d.alertText}
                    </td>
                    <td data-label="To">{d.channel === "email" ? d.target : `Webhook (${d.target})`}</td>
                    <td data-label="Outcome">
                      {STATUS[d.status]}
                      {d.deliveredAt ? (
                        <>
                          , <Time iso={d.deliveredAt} />
                        </>
                      ) : null}
                      {` (${d.attempts} ${d.attempts === 1 ? "attempt" : "attempts"}${d.lastResult ? `; ${d.lastResult}` : ""})`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
