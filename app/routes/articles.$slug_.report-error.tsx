import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { createHash } from "node:crypto";
import { z } from "zod";
import { getClientAddress } from "~/auth/client-address.server";
import { getOptionalUser } from "~/auth/guards.server";
import { REPORT_THANKS, ReportErrorFields, type ReportErrorResult } from "~/components/story-extras";
import { db } from "~/db.server";
import { getPublishedArticleBySlug } from "~/models/article/reading.server";
import { createCorrectionReport } from "~/models/article/correction.server";
import { REPORT_BODY_MAX } from "~/utils/newsroom-limits";
import { EMAIL_MAX } from "~/models/account/limits";
import { formValues, parseForm, type FieldLimits } from "~/utils/forms";
import { notFound } from "~/utils/http";

/**
 * "Report an error": the story page sends its inline form here (with JavaScript, through a fetcher);
 * without JavaScript, or when following the link, this page shows the form, its errors and the thanks.
 */

/** Faster than this from page to send is a robot's speed, not a reader's. */
const MIN_FILL_MS = 3000;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Report an error in “${data.article.headline}”` : "Report an error" },
  { name: "robots", content: "noindex" },
];

async function publicStory(slug: string | undefined) {
  const article = await getPublishedArticleBySlug(db, slug ?? "");
  if (!article) throw notFound("There is no story at this address.");
  return article;
}

export async function loader({ params }: LoaderFunctionArgs) {
  // Public: anyone reading a story may report an error in it.
  const article = await publicStory(params.slug);
  return { article: { slug: article.slug, headline: article.headline }, startedAt: Date.now() };
}

const ReportSchema = z.object({
  body: z
    .string()
    .trim()
    .min(1, "Tell us what is wrong.")
    .max(REPORT_BODY_MAX, `Keep it under ${REPORT_BODY_MAX.toLocaleString("en-GB")} characters.`),
  email: z
    .string()
    .trim()
    .max(EMAIL_MAX, "That email address is too long.")
    .refine((v) => v === "" || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), "Enter an email address like name@example.com, or leave it empty.")
    .default(""),
  startedAt: z.string().default(""),
  filledMs: z.string().default(""),
  leave_empty: z.string().default(""),
});
const limits: FieldLimits = { body: REPORT_BODY_MAX, email: EMAIL_MAX };

/** Whom the hourly limit counts: the signed-in reader, or a hash of the address the server saw. */
function rateKey(request: Request, userId: number | null): string {
  if (userId !== null) return `user:${userId}`;
  const address = getClientAddress(request);
  return `address:${createHash("sha256").update(address).digest("hex").slice(0, 24)}`;
}

export async function action({ params, request }: ActionFunctionArgs) {
  // Public: signed in or not, anyone reading the story may send a report.
  const article = await publicStory(params.slug);
  const user = await getOptionalUser(request);
  const formData = await request.formData();
  const parsed = parseForm(ReportSchema, formData, { limits });
  if (!parsed.ok) return data({ ok: false, errors: parsed.errors, values: parsed.values }, { status: 400 });
  // A filled trap is a robot: it is thanked like anyone, and nothing is kept.
  if (parsed.data.leave_empty) return { ok: true };
  // How long the form took: measured by the page's script (filledMs), or from when this form's own page
  // served it (startedAt). The story's page, the same for everyone, carries neither without JavaScript:
  // the trap above is then the only robot check.
  const startedAt = Number(parsed.data.startedAt);
  const filledMs = parsed.data.filledMs === "" ? null : Number(parsed.data.filledMs);
  const timed = filledMs !== null || parsed.data.startedAt !== "";
  const tooQuick =
    filledMs !== null ? !Number.isFinite(filledMs) || filledMs < MIN_FILL_MS : !Number.isFinite(startedAt) || Date.now() - startedAt < MIN_FILL_MS;
  if (timed && tooQuick) {
    return data(
      {
        ok: false,
        errors: { form: "That was very quick. Please check your message and send it again." },
        values: { ...formValues(formData, limits), startedAt: Number.isFinite(startedAt) ? String(startedAt) : String(Date.now()) },
      },
      { status: 400 },
    );
  }
  const outcome = await createCorrectionReport(db, {
    articleId: article.id,
    body: parsed.data.body,
    email: parsed.data.email,
    reporterId: user?.id ?? null,
    rateKey: rateKey(request, user?.id ?? null),
  });
  if (!outcome.ok) {
    return data(
      {
        ok: false,
        errors: { form: "The newsroom has had several reports from you about this story in the last hour. Please try again later." },
        values: formValues(formData, limits),
      },
      { status: 429 },
    );
  }
  return { ok: true };
}

export default function ReportErrorPage() {
  const { article, startedAt } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ReportErrorResult | undefined;
  return (
    <div className="page report-error-page">
      <h1>Report an error</h1>
      <p>
        In <Link to={`/articles/${article.slug}`}>{article.headline}</Link>
      </p>
      {result?.ok ? (
        <>
          <p className="notice notice--success" role="status">
            {REPORT_THANKS}
          </p>
          <p>
            <Link to={`/articles/${article.slug}`}>Back to the story</Link>
          </p>
        </>
      ) : (
        <Form method="post" className="report-error__form">
          <ReportErrorFields
            startedAt={startedAt}
            errors={result && !result.ok ? result.errors : undefined}
            values={result && !result.ok ? result.values : undefined}
          />
          <div className="form-actions">
            <button type="submit">Send to the newsroom</button>
          </div>
        </Form>
      )}
    </div>
  );
}
