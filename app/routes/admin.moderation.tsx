import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/guards.server";
import { CheckboxField, FormError, TextAreaField, TextField } from "~/components/form-field";
import { ModerationNav, RuleSelect } from "~/components/moderation-parts";
import { db } from "~/db.server";
import { getModerationSettings, saveModerationSettings } from "~/models/moderation/hold-rules.server";
import { listTermsRules } from "~/models/terms.server";
import { parseWordList, WORD_LIST_ENTRIES_MAX, WORD_LIST_ENTRY_MAX, WORD_LIST_TEXT_MAX } from "~/models/moderation/word-list";
import { formValues, parseForm, type FieldLimits } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Hold rules · Admin" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  // Admins only.
  await requirePermission(request, "manage:settings");
  const [settings, rules] = await Promise.all([getModerationSettings(db), listTermsRules(db)]);
  return { settings, rules: rules.map(({ number, title }) => ({ number, title })) };
}

const count = (what: string) =>
  z
    .string({ error: `Enter ${what} as a whole number from 0 to 100.` })
    .trim()
    .regex(/^\d{1,3}$/, `Enter ${what} as a whole number from 0 to 100.`)
    .transform(Number)
    .pipe(z.number().max(100, `Enter ${what} as a whole number from 0 to 100.`));

const wordList = (name: string) =>
  z
    .string()
    .default("")
    .transform(parseWordList)
    .pipe(
      z
        .array(z.string().max(WORD_LIST_ENTRY_MAX, `Keep each entry of the ${name} list under ${WORD_LIST_ENTRY_MAX} characters.`))
        .max(WORD_LIST_ENTRIES_MAX, `Keep the ${name} list to at most ${WORD_LIST_ENTRIES_MAX.toLocaleString("en-GB")} entries.`),
    );

const schema = z.object({
  newAccountHoldCount: count("the number of comments"),
  linkHoldCount: count("the number of links"),
  reportHideThreshold: count("the number of residents"),
  suspectWords: wordList("suspect"),
  bannedWords: wordList("banned"),
  bannedWordsRule: z
    .string({ error: "Choose the rule a banned word breaks." })
    .trim()
    .min(1, "Choose the rule a banned word breaks.")
    .pipe(z.coerce.number<string>().int().min(1, "Choose the rule a banned word breaks.").max(999)),
  appealDays: z
    .string({ error: "Enter the days to appeal as a whole number from 1 to 90." })
    .trim()
    .regex(/^\d{1,2}$/, "Enter the days to appeal as a whole number from 1 to 90.")
    .transform(Number)
    .pipe(z.number().min(1, "Enter the days to appeal as a whole number from 1 to 90.").max(90, "Enter the days to appeal as a whole number from 1 to 90.")),
  // The heated-pair brake (issue 15 part 3); a form without these fields leaves them as they are.
  pairReplies: count("the number of replies").optional(),
  pairMinutes: z
    .string()
    .trim()
    .regex(/^\d{1,4}$/, "Enter the minutes as a whole number from 1 to 1,440.")
    .transform(Number)
    .pipe(z.number().min(1, "Enter the minutes as a whole number from 1 to 1,440.").max(1440, "Enter the minutes as a whole number from 1 to 1,440."))
    .optional(),
  premoderateAll: z
    .string()
    .optional()
    .transform((value) => value === "on"),
});

const limits: FieldLimits = { suspectWords: WORD_LIST_TEXT_MAX, bannedWords: WORD_LIST_TEXT_MAX };

type SettingsResult =
  | { ok: true; message: string }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  // Admins only.
  const admin = await requirePermission(request, "manage:settings");
  const form = await request.formData();
  const parsed = parseForm(schema, form, { limits });
  if (!parsed.ok) return data<SettingsResult>({ ok: false, errors: parsed.errors, values: parsed.values }, { status: 400 });
  const rule = await db.selectFrom("terms_rule").select("number").where("number", "=", parsed.data.bannedWordsRule).executeTakeFirst();
  if (!rule) {
    return data<SettingsResult>(
      {
        ok: false,
        errors: { bannedWordsRule: "Choose one of the rules in the terms of posting." },
        values: formValues(form, limits),
      },
      { status: 400 },
    );
  }
  const { pairReplies, pairMinutes, ...rules } = parsed.data;
  await saveModerationSettings(db, {
    settings: { ...rules, ...(pairReplies !== undefined ? { pairReplies } : {}), ...(pairMinutes !== undefined ? { pairMinutes } : {}) },
    adminId: admin.id,
  });
  return data<SettingsResult>({ ok: true, message: "Saved. New comments follow these rules from now on." });
}

export default function AdminModerationPage() {
  const { settings, rules } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const failed = result && !result.ok ? result : undefined;
  const errors = failed?.errors ?? {};
  const value = (name: keyof typeof settings): string => {
    if (failed) return failed.values[name] ?? "";
    const v = settings[name];
    return Array.isArray(v) ? v.join("\n") : String(v);
  };
  return (
    <div className="moderation-page admin-moderation">
      <ModerationNav isAdmin current="/admin/moderation" />
      <h1>Hold rules</h1>
      <p>Which new comments wait for a moderator before they appear. Staff comments are never held; banned words refuse anyone’s comment.</p>
      {result?.ok ? (
        <div className="notice notice--success" role="status">
          <p>{result.message}</p>
        </div>
      ) : null}
      <FormError message={failed ? (errors.form ?? "Some settings need attention: see the messages below.") : undefined} />
      <Form method="post" key={result?.ok ? "saved" : "settings"}>
        <fieldset>
          <legend>Holds</legend>
          <TextField
            id="newAccountHoldCount"
            name="newAccountHoldCount"
            label="Hold the first comments of a new account"
            hint="How many of a resident’s first comments wait for a moderator (0: none). Trusted residents skip this."
            inputMode="numeric"
            defaultValue={value("newAccountHoldCount")}
            error={errors.newAccountHoldCount}
          />
          <TextField
            id="linkHoldCount"
            name="linkHoldCount"
            label="Hold comments with at least this many links"
            hint="0: never hold for links."
            inputMode="numeric"
            defaultValue={value("linkHoldCount")}
            error={errors.linkHoldCount}
          />
          <TextField
            id="reportHideThreshold"
            name="reportHideThreshold"
            label="Hide a comment reported by this many different residents"
            hint="It stays hidden until a moderator decides (0: never hide automatically)."
            inputMode="numeric"
            defaultValue={value("reportHideThreshold")}
            error={errors.reportHideThreshold}
          />
          <CheckboxField
            id="premoderateAll"
            name="premoderateAll"
            label="Pre-moderate every comment on the site"
            hint="For a difficult day: every resident’s comment waits for a moderator. One story alone can be pre-moderated from its moderation page."
            defaultChecked={failed ? failed.values.premoderateAll === "on" || failed.values.premoderateAll === "true" : settings.premoderateAll}
            error={errors.premoderateAll}
          />
        </fieldset>
        <fieldset>
          <legend>Heated exchanges</legend>
          <TextField
            id="pairReplies"
            name="pairReplies"
            label="Slow two residents down after this many replies to each other"
            hint="Their next replies to each other wait 2 minutes, then 4, 8 … up to an hour; moderators are alerted. 0: never."
            inputMode="numeric"
            defaultValue={value("pairReplies")}
            error={errors.pairReplies}
          />
          <TextField
            id="pairMinutes"
            name="pairMinutes"
            label="… within this many minutes"
            hint="From 1 to 1,440."
            inputMode="numeric"
            defaultValue={value("pairMinutes")}
            error={errors.pairMinutes}
          />
        </fieldset>
        <fieldset>
          <legend>Appeals</legend>
          <TextField
            id="appealDays"
            name="appealDays"
            label="Days a resident has to appeal a decision"
            hint="From 1 to 90. Each decision against a resident (a comment not published or removed, a sanction) can be appealed once in this time; the appeal goes to another moderator."
            inputMode="numeric"
            defaultValue={value("appealDays")}
            error={errors.appealDays}
          />
        </fieldset>
        <fieldset>
          <legend>Word lists</legend>
          <TextAreaField
            id="suspectWords"
            name="suspectWords"
            label="Suspect words and phrases"
            hint="One per line. A comment containing one waits for a moderator. Whole words only; case, accents and letter swaps (0 for o, 3 for e …) do not matter."
            rows={6}
            defaultValue={value("suspectWords")}
            error={errors.suspectWords}
          />
          <TextAreaField
            id="bannedWords"
            name="bannedWords"
            label="Banned words and phrases"
            hint="One per line. A comment containing one is refused at once, with a message naming the rule below."
            rows={6}
            defaultValue={value("bannedWords")}
            error={errors.bannedWords}
          />
          <RuleSelect
            id="bannedWordsRule"
            name="bannedWordsRule"
            label="Rule a banned word breaks"
            rules={rules}
            defaultValue={value("bannedWordsRule")}
            error={errors.bannedWordsRule}
          />
        </fieldset>
        <button type="submit" disabled={busy}>
          Save the hold rules
        </button>
      </Form>
    </div>
  );
}
