import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { CheckboxField, FormError, TextAreaField, TextField } from "~/components/form-field";
import { ModerationNav } from "~/components/moderation-parts";
import { db } from "~/db.server";
import { getModerationSettings, saveModerationSettings } from "~/models/moderation/hold-rules.server";
import { formValues, type FieldLimits } from "~/utils/forms";
import { DATE_PATTERN, DAY_NAMES, describeStaffedHours, dutyAt, describeDutyChange, TIME_PATTERN, WEEKDAYS, type StaffedHours } from "~/utils/staffed-hours";

export const meta: MetaFunction = () => [{ title: "Staffed hours · Admin" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  // Admins only.
  await requirePermission(request, "manage:settings");
  const { staffedHours } = await getModerationSettings(db);
  const duty = dutyAt(staffedHours, new Date());
  return {
    hours: staffedHours,
    summary: describeStaffedHours(staffedHours),
    now: staffedHours.enabled ? `${duty.onDuty ? "A moderator is on duty now" : "Nobody is on duty now"}${duty.nextChange ? `, until ${describeDutyChange(duty.nextChange)}` : ""}.` : null,
  };
}


const DATES_OFF_MAX = 366;
const limits: FieldLimits = { datesOff: DATES_OFF_MAX * 12, ...Object.fromEntries(WEEKDAYS.flatMap((d) => [[`${d}From`, 5], [`${d}To`, 5]])) };

/** The form, read field by field: each bad value gets its own message beside it. */
function readForm(form: FormData): { hours: StaffedHours; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const text = (name: string) => String(form.get(name) ?? "").trim();
  const days = {} as StaffedHours["days"];
  for (const day of WEEKDAYS) {
    const from = text(`${day}From`);
    const to = text(`${day}To`);
    days[day] = null;
    if (!from && !to) continue;
    if (!TIME_PATTERN.test(from)) errors[`${day}From`] = `Enter when ${DAY_NAMES[day]}’s shift starts as a time like 09:00, or leave both times empty for no one on duty.`;
    if (!TIME_PATTERN.test(to)) errors[`${day}To`] = `Enter when ${DAY_NAMES[day]}’s shift ends as a time like 17:30 (24:00 for midnight).`;
    else if (TIME_PATTERN.test(from) && to <= from) errors[`${day}To`] = `${DAY_NAMES[day]}’s shift must end after it starts.`;
    if (!errors[`${day}From`] && !errors[`${day}To`]) days[day] = { from, to };
  }
  const lines = text("datesOff").split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const bad = lines.find((line) => !DATE_PATTERN.test(line) || Number.isNaN(Date.parse(`${line}T00:00:00Z`)) || new Date(`${line}T00:00:00Z`).toISOString().slice(0, 10) !== line);
  if (bad !== undefined) errors.datesOff = `“${bad.slice(0, 20)}” is not a date: write one date a line, like 2026-12-25.`;
  else if (lines.length > DATES_OFF_MAX) errors.datesOff = `Keep the list to ${DATES_OFF_MAX} dates.`;
  return { hours: { enabled: form.get("enabled") === "on", days, datesOff: [...new Set(lines)].sort() }, errors };
}

type Result = { ok: true; message: string } | { ok: false; errors: Record<string, string>; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  // Admins only.
  const admin = await requirePermission(request, "manage:settings");
  const form = await request.formData();
  const { hours, errors } = readForm(form);
  if (Object.keys(errors).length > 0) return data<Result>({ ok: false, errors, values: formValues(form, limits) }, { status: 400 });
  await saveModerationSettings(db, {
    settings: { staffedHours: hours },
    adminId: admin.id,
    action: "update_staffed_hours",
    note: hours.enabled ? (describeStaffedHours(hours) ?? "No hours on duty") : "Staffed hours off",
  });
  return data<Result>({ ok: true, message: "Saved. Story pages say what applies from now on." });
}

export default function StaffedHoursPage() {
  const { hours, summary, now } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const failed = result && !result.ok ? result : undefined;
  const errors = failed?.errors ?? {};
  const value = (name: string, stored: string) => (failed ? (failed.values[name] ?? "") : stored);
  return (
    <div className="moderation-page admin-staffed-hours">
      <ModerationNav isAdmin current="/admin/staffed-hours" />
      <h1>Staffed hours</h1>
      <p>
        When a moderator is on duty, in UK time. Outside these hours each story does what its moderation page says: carry on, hold
        new comments for review, or pause new top-level comments. Its readers are told what applies and when a moderator is back.
        Every switch between on and off duty is kept in the moderation log.
      </p>
      <p role="status">{summary ? `On duty: ${summary}. ${now ?? ""}` : "Staffed hours are off: moderators count as always on duty."}</p>
      {result?.ok ? (
        <div className="notice notice--success" role="status">
          <p>{result.message}</p>
        </div>
      ) : null}
      <FormError message={failed ? "Some hours need attention: see the messages below." : undefined} />
      <Form method="post" key={result?.ok ? "saved" : "hours"}>
        <CheckboxField
          id="enabled"
          name="enabled"
          label="Keep staffed hours"
          hint="Off: nothing changes at night. On: stories follow their after-hours setting outside the hours below."
          defaultChecked={failed ? failed.values.enabled === "on" : hours.enabled}
        />
        <fieldset>
          <legend>On duty, each weekday</legend>
          <p className="field-hint">Leave both times empty for a day without anyone on duty. 24:00 is midnight at the end of the day.</p>
          {WEEKDAYS.map((day) => (
            <fieldset key={day} className="staffed-hours__day">
              <legend>{DAY_NAMES[day]}</legend>
              <TextField
                id={`${day}From`}
                name={`${day}From`}
                label="From"
                inputMode="numeric"
                placeholder="09:00"
                defaultValue={value(`${day}From`, hours.days[day]?.from ?? "")}
                error={errors[`${day}From`]}
              />
              <TextField
                id={`${day}To`}
                name={`${day}To`}
                label="To"
                inputMode="numeric"
                placeholder="17:30"
                defaultValue={value(`${day}To`, hours.days[day]?.to ?? "")}
                error={errors[`${day}To`]}
              />
            </fieldset>
          ))}
        </fieldset>
        <TextAreaField
          id="datesOff"
          name="datesOff"
          label="Dates off"
          hint="Whole days without anyone on duty (bank holidays, the office closed), one a line, like 2026-12-25."
          rows={5}
          defaultValue={value("datesOff", hours.datesOff.join("\n"))}
          error={errors.datesOff}
        />
        <button type="submit" disabled={busy}>
          Save the staffed hours
        </button>
      </Form>
    </div>
  );
}
