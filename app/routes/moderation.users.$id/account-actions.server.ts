import { data, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { SANCTION_KINDS, type SanctionKind } from "../../../db/schema";
import { requirePermission } from "~/auth/guards.server";
import { plural } from "~/components/moderation-parts";
import { db } from "~/db.server";
import { ModerationError } from "~/models/moderation/decision.server";
import { addUserNote, liftSanction, sanctionUser, setUserTrusted } from "~/models/moderation/sanction.server";
import { formValue, formValues, parseForm, type FieldLimits } from "~/utils/forms";
import { ACCOUNT_NOTE_MAX, MODERATION_NOTE_MAX } from "~/utils/moderation-limits";
import { notFound, parseId, MAX_ID } from "~/utils/http";

/**
 * What a moderator can do on an account's page: sanction, lift a sanction, trust or untrust, add a
 * private note. The route's action hands the request here; the models decide whose accounts a
 * moderator may act on.
 */

const id = z.coerce.number({ error: "Something was missing from the form." }).int().positive("Something was missing from the form.").max(MAX_ID, "Something was missing from the form.");
const ruleMessage = "Choose the rule of the terms of posting that was broken.";
const schemas = {
  sanction: z
    .object({
      kind: z.enum(SANCTION_KINDS, { error: "Choose what to do: warn, pre-moderate, suspend or ban." }),
      ruleNumber: z.string({ error: ruleMessage }).trim().min(1, ruleMessage).pipe(z.coerce.number<string>().int().positive(ruleMessage)),
      note: z.string().trim().max(MODERATION_NOTE_MAX, `Keep the note under ${MODERATION_NOTE_MAX.toLocaleString("en-GB")} characters.`).default(""),
      days: z.string().trim().default(""),
    })
    .superRefine((value, ctx) => {
      if (value.kind !== "suspend") return;
      const days = Number(value.days);
      if (!/^\d{1,3}$/.test(value.days) || days < 1 || days > 365) {
        ctx.addIssue({ code: "custom", path: ["days"], message: "A suspension lasts from 1 to 365 days: enter a whole number." });
      }
    }),
  lift: z.object({ sanctionId: id }),
  trust: z.object({}),
  untrust: z.object({}),
  note: z.object({
    body: z.string().trim().min(1, "Write the note before saving it.").max(ACCOUNT_NOTE_MAX, `Keep the note under ${ACCOUNT_NOTE_MAX.toLocaleString("en-GB")} characters.`),
  }),
};
type Intent = keyof typeof schemas;
/** A sanction's note and a note about the account come back to their forms; both forms use these names. */
const limits: FieldLimits = { note: MODERATION_NOTE_MAX, body: ACCOUNT_NOTE_MAX };

export type AccountActionResult =
  | { ok: true; intent: string; message: string }
  | { ok: false; intent: string; errors: Record<string, string>; values: Record<string, string> };

const SANCTIONED: Record<SanctionKind, string> = {
  warn: "Warning sent. They will see it before they can post again.",
  premoderate: "From now on, every comment of this account waits for a moderator.",
  suspend: "Account suspended.",
  ban: "Account banned.",
};

export async function handleAccountAction({ params, request }: ActionFunctionArgs) {
  // Moderators and admins only; the model decides whose accounts they may act on.
  const user = await requirePermission(request, "sanction:user");
  const moderator = { id: user.id, role: user.role };
  const userId = parseId(params.id);
  if (!userId) throw notFound("There is no such account.");
  const formData = await request.formData();
  const intent = formValue(formData, "intent");
  const fail = (errors: Record<string, string>, values: Record<string, string> = formValues(formData, limits)) =>
    data<AccountActionResult>({ ok: false, intent, errors, values }, { status: 400 });
  if (!Object.hasOwn(schemas, intent)) return fail({ form: "Choose what to do with the account." });
  const parsed = parseForm(schemas[intent as Intent], formData, { limits });
  if (!parsed.ok) return fail(parsed.errors, parsed.values);
  let message: string;
  try {
    if (intent === "sanction") {
      const input = parsed.data as z.infer<typeof schemas.sanction>;
      await sanctionUser(db, {
        moderator,
        userId,
        kind: input.kind,
        ruleNumber: input.ruleNumber,
        note: input.note,
        days: input.kind === "suspend" ? Number(input.days) : null,
      });
      message = input.kind === "suspend" ? `Account suspended for ${plural(Number(input.days), "day")}.` : SANCTIONED[input.kind];
    } else if (intent === "lift") {
      const { sanctionId } = parsed.data as z.infer<typeof schemas.lift>;
      const owner = await db.selectFrom("user_sanction").select("user_id").where("id", "=", sanctionId).executeTakeFirst();
      if (owner?.user_id !== userId) return fail({ form: "That sanction is not in force." });
      await liftSanction(db, { moderator, sanctionId });
      message = "Sanction lifted. The resident has been told.";
    } else if (intent === "trust" || intent === "untrust") {
      await setUserTrusted(db, { moderator, userId, trusted: intent === "trust" });
      message = intent === "trust" ? "Marked as trusted: new-account holds no longer apply." : "No longer trusted.";
    } else {
      const { body } = parsed.data as z.infer<typeof schemas.note>;
      await addUserNote(db, { moderator, userId, body });
      message = "Note added. Only moderators and admins can read it.";
    }
  } catch (error) {
    if (error instanceof ModerationError) return fail({ form: error.message });
    throw error;
  }
  return data<AccountActionResult>({ ok: true, intent, message });
}
