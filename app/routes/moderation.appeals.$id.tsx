import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/guards.server";
import { FormError, TextAreaField } from "~/components/form-field";
import { ModerationNav } from "~/components/moderation-parts";
import { Time } from "~/components/time";
import { db } from "~/db.server";
import { APPEAL_REASON_MAX, AppealError, answerAppeal, getAppealForStaff, staffMayAnswer } from "~/models/moderation/appeal.server";
import { withNoticesMailed } from "~/models/moderation/notice.server";
import { formValues, parseForm, type FieldLimits } from "~/utils/forms";
import { notFound, parseId } from "~/utils/http";
import { siteOrigin } from "~/utils/site-origin.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Appeal ${data.appeal.id} · Moderation` : "Not found" },
  { name: "robots", content: "noindex" },
];

async function loadAppeal(id: string | undefined) {
  const appealId = parseId(id);
  const appeal = appealId ? await getAppealForStaff(db, appealId) : null;
  if (!appeal) throw notFound("There is no such appeal.");
  return appeal;
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  // Moderators and admins only.
  const user = await requirePermission(request, "moderate:comment");
  const appeal = await loadAppeal(params.id);
  const mayAnswer = staffMayAnswer(appeal, user);
  return { appeal, mayAnswer, viewer: { isAdmin: user.role === "admin" } };
}

const schema = z.object({
  outcome: z.enum(["upheld", "reversed"], { error: "Choose whether the decision stands or is reversed." }),
  reason: z
    .string()
    .trim()
    .min(1, "Give the reason for your answer: the resident is told it.")
    .max(APPEAL_REASON_MAX, `Keep the reason to ${APPEAL_REASON_MAX.toLocaleString("en-GB")} characters.`),
});
const limits: FieldLimits = { reason: APPEAL_REASON_MAX, outcome: 20 };

type AnswerResult = { ok: true; message: string } | { ok: false; errors: Record<string, string>; values: Record<string, string> };

export async function action(args: ActionFunctionArgs) {
  return withNoticesMailed(db, siteOrigin(args.request), () => answer(args));
}

async function answer({ params, request }: ActionFunctionArgs) {
  // Moderators and admins only; the model decides which of them may answer this appeal.
  const user = await requirePermission(request, "moderate:comment");
  const appeal = await loadAppeal(params.id);
  const form = await request.formData();
  const parsed = parseForm(schema, form, { limits });
  if (!parsed.ok) return data<AnswerResult>({ ok: false, errors: parsed.errors, values: parsed.values }, { status: 400 });
  try {
    await answerAppeal(db, { staff: { id: user.id, role: user.role }, appealId: appeal.id, outcome: parsed.data.outcome, reason: parsed.data.reason });
  } catch (error) {
    if (!(error instanceof AppealError)) throw error;
    return data<AnswerResult>({ ok: false, errors: { [error.field]: error.message }, values: formValues(form, limits) }, { status: 409 });
  }
  return data<AnswerResult>({
    ok: true,
    message:
      parsed.data.outcome === "reversed"
        ? `Reversed. ${appeal.appellant.name} has been told, ${appeal.sanction ? "the sanction is lifted" : "the comment is back"}, and the public log lists the reversal.`
        : `Upheld. ${appeal.appellant.name} has been told your reason.`,
  });
}

const OUTCOME = { upheld: "Upheld: the decision stands", reversed: "Reversed: the decision was taken back" } as const;

export default function AppealPage() {
  const { appeal, mayAnswer, viewer } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const failed = result && !result.ok ? result : undefined;
  const errors = failed?.errors ?? {};
  const decision = appeal.decision;
  return (
    <div className="moderation-page appeal-page">
      <ModerationNav isAdmin={viewer.isAdmin} current="/moderation/appeals" />
      <p>
        <Link to="/moderation/appeals">All appeals</Link>
      </p>
      <h1>{`Appeal ${appeal.id} from ${appeal.appellant.name}`}</h1>
      {result?.ok ? (
        <div className="notice notice--success" role="status">
          <p>{result.message}</p>
        </div>
      ) : null}
      <section aria-labelledby="decision-heading">
        <h2 id="decision-heading">The decision appealed</h2>
        <p>
          {appeal.summary}
          {decision ? (
            <>
              {" "}
              by {decision.by ?? "a former moderator"}, <Time iso={decision.at} />
              {decision.ruleNumber ? `, under rule ${decision.ruleNumber}${decision.ruleTitle ? ` (${decision.ruleTitle})` : ""}` : ""}.
            </>
          ) : (
            "."
          )}
        </p>
        {decision?.note ? <p>The moderator’s note: {decision.note}</p> : null}
        {appeal.comment ? (
          <figure className="appeal-decision__comment">
            <figcaption>
              The comment on <Link to={`/articles/${appeal.comment.story.slug}`}>{appeal.comment.story.headline}</Link> (
              <Link to={`/moderation/comments/${appeal.comment.id}`}>in its thread, with its history</Link>)
            </figcaption>
            <div className="prose" dangerouslySetInnerHTML={{ __html: appeal.comment.bodyHtml }} />
          </figure>
        ) : null}
        {appeal.sanction ? (
          <p>
            {appeal.sanction.liftedAt ? (
              <>
                The sanction was lifted on <Time iso={appeal.sanction.liftedAt} />.
              </>
            ) : appeal.sanction.endsAt ? (
              <>
                The sanction ends on <Time iso={appeal.sanction.endsAt} />.
              </>
            ) : (
              "The sanction is in force until lifted."
            )}{" "}
            <Link to={`/moderation/users/${appeal.appellant.id}`}>The account’s page</Link>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="appeal-heading">
        <h2 id="appeal-heading">The appeal</h2>
        <p>
          Sent <Time iso={appeal.createdAt} />; for {appeal.assignedTo?.name ?? "an admin"} to answer.
        </p>
        <blockquote className="appeal-text">{appeal.body}</blockquote>
      </section>
      {appeal.outcome ? (
        <section aria-labelledby="answer-heading">
          <h2 id="answer-heading">The answer</h2>
          <p>
            {OUTCOME[appeal.outcome]}, by {appeal.answeredBy ?? "a former moderator"}
            {appeal.answeredAt ? (
              <>
                , <Time iso={appeal.answeredAt} />
              </>
            ) : null}
            .
          </p>
          <p>Reason: {appeal.reason}</p>
        </section>
      ) : mayAnswer ? (
        <Form method="post" className="appeal-answer" aria-labelledby="answer-form-heading">
          <h2 id="answer-form-heading">Your answer</h2>
          <FormError message={errors.form} />
          <fieldset aria-describedby={errors.outcome ? "outcome-error" : undefined}>
            <legend>Does the decision stand?</legend>
            <div className="field field--checkbox">
              <input type="radio" id="outcome-upheld" name="outcome" value="upheld" defaultChecked={failed?.values.outcome === "upheld"} />
              <label htmlFor="outcome-upheld">Uphold: the decision stands</label>
            </div>
            <div className="field field--checkbox">
              <input type="radio" id="outcome-reversed" name="outcome" value="reversed" defaultChecked={failed?.values.outcome === "reversed"} />
              <label htmlFor="outcome-reversed">{appeal.sanction ? "Reverse: lift the sanction" : "Reverse: put the comment back"}</label>
            </div>
            {errors.outcome ? (
              <p className="field-error" id="outcome-error">
                {errors.outcome}
              </p>
            ) : null}
          </fieldset>
          <TextAreaField
            id="reason"
            name="reason"
            label="Reason"
            hint="The resident is told this, word for word."
            rows={4}
            defaultValue={failed?.values.reason ?? ""}
            error={errors.reason}
          />
          <button type="submit" disabled={busy}>
            Send the answer
          </button>
        </Form>
      ) : (
        <p role="status">
          {`This appeal is for ${appeal.assignedTo?.name ?? "an admin"} to answer: an appeal goes to someone other than the moderator who decided.`}
        </p>
      )}
    </div>
  );
}
