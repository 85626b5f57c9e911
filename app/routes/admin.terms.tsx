import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { requirePermission } from "~/auth/guards.server";
import { useHydrated } from "~/components/comment-forms";
import { FormError } from "~/components/form-field";
import { ModerationNav } from "~/components/moderation-parts";
import { db } from "~/db.server";
import { getTermsVersion } from "~/models/account/account.server";
import { listTermsRules, saveTermsRules } from "~/models/terms.server";
import { parseForm, type FieldLimits } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Terms of posting · Admin" }, { name: "robots", content: "noindex" }];

const MAX_RULES = 100;
const TITLE_MAX = 120;
const BODY_MAX = 2000;
/** Rules are numbered 1 to 999. */
const NUMBER_DIGITS = 3;
/** Empty rows offered below the rules, for new ones (more with the "Add a rule" button). */
const BLANK_ROWS = 2;

export async function loader({ request }: LoaderFunctionArgs) {
  // Admins only.
  await requirePermission(request, "manage:settings");
  const [rules, version] = await Promise.all([listTermsRules(db), getTermsVersion(db)]);
  return { rules: rules.map(({ number, title, body }) => ({ number, title, body })), version };
}

/**
 * The rule rows as posted: number-i, title-i, body-i and remove-i for i below `rows`. Rows without a
 * title or text are ignored; every kept row needs a unique number, a title and a body.
 */
const termsSchema = z.record(z.string(), z.unknown()).transform((raw, ctx) => {
  const count = Math.min(Number.parseInt(String(raw.rows ?? "0"), 10) || 0, MAX_RULES + BLANK_ROWS + 50);
  const text = (key: string) => (typeof raw[key] === "string" ? (raw[key] as string).trim() : "");
  const rules: { number: number; title: string; body: string }[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < count; i++) {
    if (raw[`remove-${i}`]) continue;
    const [numberText, title, body] = [text(`number-${i}`), text(`title-${i}`), text(`body-${i}`)];
    // A new row comes with its number filled in: without a title or text it adds nothing.
    if (!title && !body) continue;
    const number = Number(numberText);
    if (!/^\d{1,3}$/.test(numberText) || number < 1) {
      ctx.addIssue({ code: "custom", path: [`number-${i}`], message: "Give the rule a number from 1 to 999." });
    } else if (seen.has(number)) {
      ctx.addIssue({ code: "custom", path: [`number-${i}`], message: `Another rule already has number ${number}.` });
    }
    seen.add(number);
    if (!title) ctx.addIssue({ code: "custom", path: [`title-${i}`], message: "Give the rule a short title." });
    else if (title.length > TITLE_MAX) ctx.addIssue({ code: "custom", path: [`title-${i}`], message: `Keep the title under ${TITLE_MAX} characters.` });
    if (!body) ctx.addIssue({ code: "custom", path: [`body-${i}`], message: "Say what the rule asks of residents." });
    else if (body.length > BODY_MAX) ctx.addIssue({ code: "custom", path: [`body-${i}`], message: `Keep the text under ${BODY_MAX.toLocaleString("en-GB")} characters.` });
    rules.push({ number, title, body });
  }
  if (rules.length === 0) ctx.addIssue({ code: "custom", path: ["form"], message: "Keep at least one rule: every rejection cites one." });
  if (rules.length > MAX_RULES) ctx.addIssue({ code: "custom", path: ["form"], message: `Keep the terms to at most ${MAX_RULES} rules.` });
  return rules.sort((a, b) => a.number - b.number);
});

/** Each row's fields, listed by their names without the row's number. */
const limits: FieldLimits = { "number-": NUMBER_DIGITS, "title-": TITLE_MAX, "body-": BODY_MAX };

type TermsResult =
  | { ok: true; message: string }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  // Admins only.
  const admin = await requirePermission(request, "manage:settings");
  const parsed = parseForm(termsSchema, await request.formData(), { limits });
  if (!parsed.ok) return data<TermsResult>({ ok: false, errors: parsed.errors, values: parsed.values }, { status: 400 });
  const version = await saveTermsRules(db, { rules: parsed.data, adminId: admin.id });
  return data<TermsResult>({ ok: true, message: `Saved. The terms of posting are now version ${version}.` });
}

interface Row {
  number: string;
  title: string;
  body: string;
  remove: boolean;
}

function rowsFrom(values: Record<string, string>): Row[] {
  // As many rows as were sent (the page sends every row's number): a larger count claimed in `rows`
  // would come back as that many empty rows.
  const sent = Object.keys(values).flatMap((key) => /^(?:number|title|body|remove)-(\d+)$/.exec(key)?.[1] ?? []);
  const count = Math.min(Number.parseInt(values.rows ?? "0", 10) || 0, MAX_RULES + 50, Math.max(-1, ...sent.map(Number)) + 1);
  return Array.from({ length: count }, (_, i) => ({
    number: values[`number-${i}`] ?? "",
    title: values[`title-${i}`] ?? "",
    body: values[`body-${i}`] ?? "",
    remove: Boolean(values[`remove-${i}`]),
  }));
}

export default function AdminTermsPage() {
  const { rules, version } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const hydrated = useHydrated();
  const failed = result && !result.ok ? result : undefined;
  const saved: Row[] = rules.map((r) => ({ number: String(r.number), title: r.title, body: r.body, remove: false }));
  const start = failed ? rowsFrom(failed.values) : saved;
  const [extra, setExtra] = useState(0);
  const nextNumber = Math.max(0, ...rules.map((r) => r.number)) + 1;
  const blank = (n: number, from: number): Row[] =>
    Array.from({ length: n }, (_, i) => ({ number: String(nextNumber + from + i), title: "", body: "", remove: false }));
  const added = failed ? [] : blank(BLANK_ROWS, 0);
  const rows = [...start, ...added, ...blank(extra, start.length + added.length - rules.length)];
  const errors = failed?.errors ?? {};

  return (
    <div className="moderation-page admin-terms">
      <ModerationNav isAdmin current="/admin/terms" />
      <h1>Terms of posting</h1>
      <p>
        The numbered rules residents agree to, shown at <Link to="/terms">/terms</Link>. Every rejection, removal and
        sanction cites one of them. Saving replaces the whole list and raises the version (now {version}).
      </p>
      <p className="field-hint">
        Past decisions cite rules by number: renumbering or removing a rule changes what old citations point to.
      </p>
      {result?.ok ? (
        <div className="notice notice--success" role="status">
          <p>{result.message}</p>
        </div>
      ) : null}
      <FormError message={errors.form ?? (failed ? "Some rules need attention: see the messages below." : undefined)} />
      <Form method="post" key={result?.ok ? `saved-${version}` : "terms"}>
        <input type="hidden" name="rows" value={rows.length} />
        <ol className="admin-terms__rules">
          {rows.map((row, i) => {
            const isNew = i >= rules.length;
            const field = (name: string) => `${name}-${i}`;
            const describe = (name: string) => (errors[field(name)] ? `${field(name)}-error` : undefined);
            return (
              <li key={i} className="admin-terms__rule">
                <fieldset>
                  <legend>{isNew ? `New rule ${i - rules.length + 1}` : `Rule ${rules[i]?.number ?? i + 1}`}</legend>
                  {(["number", "title"] as const).map((name) => (
                    <div key={name} className={`field${errors[field(name)] ? " field--invalid" : ""}`}>
                      <label htmlFor={field(name)}>{name === "number" ? "Number" : "Title"}</label>
                      <input
                        id={field(name)}
                        name={field(name)}
                        type="text"
                        inputMode={name === "number" ? "numeric" : undefined}
                        className={name === "number" ? "admin-terms__number" : undefined}
                        maxLength={name === "title" ? TITLE_MAX : NUMBER_DIGITS}
                        defaultValue={row[name]}
                        aria-invalid={errors[field(name)] ? true : undefined}
                        aria-describedby={describe(name)}
                      />
                      {errors[field(name)] ? (
                        <p id={`${field(name)}-error`} className="field-error">
                          {errors[field(name)]}
                        </p>
                      ) : null}
                    </div>
                  ))}
                  <div className={`field${errors[field("body")] ? " field--invalid" : ""}`}>
                    <label htmlFor={field("body")}>What it asks</label>
                    <textarea
                      id={field("body")}
                      name={field("body")}
                      rows={3}
                      maxLength={BODY_MAX}
                      defaultValue={row.body}
                      aria-invalid={errors[field("body")] ? true : undefined}
                      aria-describedby={describe("body")}
                    />
                    {errors[field("body")] ? (
                      <p id={`${field("body")}-error`} className="field-error">
                        {errors[field("body")]}
                      </p>
                    ) : null}
                  </div>
                  {!isNew ? (
                    <div className="field field--checkbox">
                      <input type="checkbox" id={field("remove")} name={field("remove")} defaultChecked={row.remove} />
                      <label htmlFor={field("remove")}>Remove this rule</label>
                    </div>
                  ) : null}
                </fieldset>
              </li>
            );
          })}
        </ol>
        <p className="field-hint">A new rule without a title or text adds nothing.</p>
        <div className="form-actions">
          {hydrated ? (
            <button type="button" className="button--secondary" onClick={() => setExtra((n) => n + 1)}>
              Add a rule
            </button>
          ) : null}
          <button type="submit" disabled={busy}>
            Save the terms
          </button>
        </div>
      </Form>
    </div>
  );
}
