import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/guards.server";
import { DecisionLine } from "~/components/appeal-parts";
import { FormError, TextAreaField } from "~/components/form-field";
import { Time } from "~/components/time";
import { db } from "~/db.server";
import { APPEAL_TEXT_MAX, AppealError, getDecisionToAppeal, makeAppeal } from "~/models/moderation/appeal.server";
import { formValues, parseForm, type FieldLimits } from "~/utils/forms";
import { notFound } from "~/utils/http";
import { appealSubjectFromParams } from "~/utils/standing";

export const meta: MetaFunction = () => [{ title: "Appeal a decision" }, { name: "robots", content: "noindex" }];

async function loadDecision(request: Request, userId: number) {
  const subject = appealSubjectFromParams(new URL(request.url).searchParams);
  // Only the resident the decision was about finds it: anyone else gets the same "no such decision".
  const found = subject ? await getDecisionToAppeal(db, { userId, subject }) : null;
  if (!subject || !found) throw notFound("There is no decision of yours to appeal at this address. Your appeals page lists the ones you can appeal.");
  return { subject, ...found };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { decision, appealed, late } = await loadDecision(request, user.id);
  return { decision, appealed, late, max: APPEAL_TEXT_MAX };
}

const schema = z.object({
  body: z
    .string()
    .trim()
    .min(1, "Say in a few words why the decision was wrong.")
    .max(APPEAL_TEXT_MAX, `Keep your appeal to ${APPEAL_TEXT_MAX.toLocaleString("en-GB")} characters.`),
});
const limits: FieldLimits = { body: APPEAL_TEXT_MAX };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { subject } = await loadDecision(request, user.id);
  const form = await request.formData();
  const parsed = parseForm(schema, form, { limits });
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  try {
    const id = await makeAppeal(db, { userId: user.id, subject, body: parsed.data.body });
    return redirect(`/appeals?sent=${id}#appeal-${id}`, 303);
  } catch (error) {
    if (!(error instanceof AppealError)) throw error;
    return data({ errors: { [error.field]: error.message }, values: formValues(form, limits) }, { status: 400 });
  }
}

export default function AppealFormPage() {
  const { decision, appealed, late, max } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <div className="page appeal-form-page">
      <p>
        <Link to="/appeals">Your appeals</Link>
      </p>
      <h1>Appeal a decision</h1>
      <section aria-labelledby="decision-heading" className="appeal-decision">
        <h2 id="decision-heading">The decision</h2>
        <p>
          <DecisionLine decision={decision} />
        </p>
        {decision.note ? <p>Note from the moderator: {decision.note}</p> : null}
        {decision.commentText !== null ? (
          <figure className="appeal-decision__comment">
            <figcaption>
              Your comment
              {decision.story ? (
                <>
                  {" "}
                  on <Link to={`/articles/${decision.story.slug}/yours#comment-${decision.commentId}`}>{decision.story.headline}</Link>
                </>
              ) : null}
            </figcaption>
            <blockquote>{decision.commentText}</blockquote>
          </figure>
        ) : null}
      </section>
      {appealed ? (
        <p role="status">You have already appealed this decision: each decision can be appealed once. <Link to="/appeals">See the answer on your appeals page</Link>.</p>
      ) : late ? (
        <p role="status">
          The time to appeal this decision ended on <Time iso={decision.appealUntil} />.
        </p>
      ) : (
        <Form method="post" className="appeal-form">
          <FormError message={errors.form} />
          <p>
            A moderator other than the one who decided will look at it again and tell you their answer, with a reason. You can
            appeal until <Time iso={decision.appealUntil} />, once.
          </p>
          <TextAreaField
            id="body"
            name="body"
            label="Why was the decision wrong?"
            hint={`Up to ${max.toLocaleString("en-GB")} characters. Say what the moderator may have missed.`}
            rows={6}
            maxLength={max}
            required
            defaultValue={result?.values?.body ?? ""}
            error={errors.body}
          />
          <button type="submit" disabled={busy}>
            Send the appeal
          </button>
        </Form>
      )}
    </div>
  );
}
