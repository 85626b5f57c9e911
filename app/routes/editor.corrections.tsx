import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/guards.server";
import { FormError, TextAreaField } from "~/components/form-field";
import { Time } from "~/components/time";
import { db } from "~/db.server";
import { addArticleCorrection, listCorrectionReports, setCorrectionReportHandled, type CorrectionReportView } from "~/models/article/correction.server";
import { CORRECTION_NOTE_MAX } from "~/utils/newsroom-limits";
import { formValue, parseForm, type FieldLimits } from "~/utils/forms";
import { pageFromUrl, MAX_ID } from "~/utils/http";

export const meta: MetaFunction = () => [{ title: "Corrections · Newsroom" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "write:article");
  const handled = new URL(request.url).searchParams.get("show") === "handled";
  const listing = await listCorrectionReports(db, { handled, page: pageFromUrl(request) });
  return { ...listing, handled };
}

const id = z.coerce.number({ message: "Something was missing from the form." }).int().positive("Something was missing from the form.").max(MAX_ID, "Something was missing from the form.");
const schemas = {
  handle: z.object({ reportId: id }),
  reopen: z.object({ reportId: id }),
  note: z.object({
    articleId: id,
    note: z
      .string()
      .trim()
      .min(1, "Write the correction: what was wrong and what is right.")
      .max(CORRECTION_NOTE_MAX, `Keep the note under ${CORRECTION_NOTE_MAX.toLocaleString("en-GB")} characters.`),
  }),
};
const limits: FieldLimits = { note: CORRECTION_NOTE_MAX };

export interface CorrectionsActionResult {
  ok: boolean;
  intent: string;
  errors: Record<string, string>;
  values: Record<string, string>;
  message?: string;
  /** The report whose form was sent, so that a page sent without JavaScript shows the answer beside it. */
  reportId?: number;
}

function result(payload: CorrectionsActionResult, status = 200) {
  return data(payload, { status });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:article");
  const formData = await request.formData();
  const intent = formValue(formData, "intent");
  if (intent === "handle" || intent === "reopen") {
    const parsed = parseForm(schemas[intent], formData, { limits });
    if (!parsed.ok) return result({ ok: false, intent, errors: parsed.errors, values: parsed.values }, 400);
    const found = await setCorrectionReportHandled(db, { id: parsed.data.reportId, handled: intent === "handle", by: user.id });
    if (!found) return result({ ok: false, intent, errors: { form: "That report no longer exists." }, values: {} }, 404);
    return result({ ok: true, intent, errors: {}, values: {}, message: intent === "handle" ? "Marked handled." : "Open again." });
  }
  if (intent === "note") {
    const reportId = Number(formData.get("reportId")) || undefined;
    const parsed = parseForm(schemas.note, formData, { limits });
    if (!parsed.ok) return result({ ok: false, intent, errors: parsed.errors, values: parsed.values, reportId }, 400);
    const story = await db.selectFrom("article").select("id").where("id", "=", parsed.data.articleId).executeTakeFirst();
    if (!story) return result({ ok: false, intent, errors: { form: "That story no longer exists." }, values: {}, reportId }, 404);
    await addArticleCorrection(db, { articleId: story.id, body: parsed.data.note, by: user.id });
    return result({ ok: true, intent, errors: {}, values: {}, message: "Correction note added at the foot of the story.", reportId });
  }
  return result({ ok: false, intent, errors: { form: "Choose what to do with the report." }, values: {} }, 400);
}

function ReportActions({ report }: { report: CorrectionReportView }) {
  const handle = useFetcher<typeof action>({ key: `handle-report-${report.id}` });
  const note = useFetcher<typeof action>({ key: `note-report-${report.id}` });
  // Without JavaScript the page itself was posted: its answer is the page's action data.
  const actionData = useActionData<typeof action>();
  const noteResult = note.data ?? (actionData?.intent === "note" && actionData.reportId === report.id ? actionData : undefined);
  const noteFailed = noteResult && !noteResult.ok ? noteResult : undefined;
  const fieldId = `note-${report.id}`;
  return (
    <div className="report-card__actions">
      <handle.Form method="post" className="inline-form">
        <input type="hidden" name="reportId" value={report.id} />
        <FormError message={handle.data && !handle.data.ok ? handle.data.errors.form : undefined} />
        {report.handledAt ? (
          <button type="submit" name="intent" value="reopen" className="button--secondary" disabled={handle.state !== "idle"}>
            Open again
          </button>
        ) : (
          <button type="submit" name="intent" value="handle" disabled={handle.state !== "idle"}>
            Mark handled
          </button>
        )}
      </handle.Form>
      <details className="report-card__note" open={Boolean(noteFailed)}>
        <summary>Add correction note to the story</summary>
        <note.Form method="post" key={noteResult?.ok ? "sent" : "form"}>
          <input type="hidden" name="intent" value="note" />
          <input type="hidden" name="articleId" value={report.article.id} />
          <input type="hidden" name="reportId" value={report.id} />
          <FormError message={noteFailed?.errors.form} />
          <TextAreaField
            id={fieldId}
            name="note"
            label="Correction note"
            hint="Shown at the foot of the story as “Correction, <today’s date>: …”."
            rows={3}
            maxLength={CORRECTION_NOTE_MAX}
            defaultValue={noteFailed?.values.note ?? ""}
            error={noteFailed?.errors.note}
          />
          <button type="submit" className="button--secondary" disabled={note.state !== "idle"}>
            Add correction note
          </button>
        </note.Form>
      </details>
      {noteResult?.ok ? (
        <p className="notice notice--success" role="status">
          {noteResult.message}
        </p>
      ) : null}
    </div>
  );
}

export default function CorrectionsPage() {
  const { reports, handled, page, hasNextPage } = useLoaderData<typeof loader>();
  const href = (p: number) => `/editor/corrections?${handled ? "show=handled&" : ""}page=${p}`;
  return (
    <div className="editor-page">
      <h1>Corrections and tips</h1>
      <p>What readers sent with “Report an error” on a story. Only the newsroom sees these.</p>
      <nav className="tabs" aria-label="Reports">
        <ul>
          <li>
            <Link to="/editor/corrections" aria-current={!handled ? "page" : undefined}>
              Open
            </Link>
          </li>
          <li>
            <Link to="/editor/corrections?show=handled" aria-current={handled ? "page" : undefined}>
              Handled
            </Link>
          </li>
        </ul>
      </nav>
      {reports.length === 0 ? (
        <p>{handled ? "No handled reports yet." : "Nothing to look at: no open reports."}</p>
      ) : (
        <ol className="report-list">
          {reports.map((report) => (
            <li key={report.id} className="report-card">
              <h2 className="report-card__story">
                <Link to={`/editor/${report.article.id}`}>{report.article.headline}</Link>
              </h2>
              <p className="report-card__meta">
                <Time iso={report.createdAt} /> ·{" "}
                {report.reporterName ? (
                  report.reporterId ? (
                    <Link to={`/users/${report.reporterId}`}>{report.reporterName}</Link>
                  ) : (
                    report.reporterName
                  )
                ) : (
                  "a reader who was not signed in"
                )}
                {report.email ? (
                  <>
                    {" "}
                    · <a href={`mailto:${report.email}`}>{report.email}</a>
                  </>
                ) : null}{" "}
                · <Link to={`/articles/${report.article.slug}`}>read the story</Link>
              </p>
              <p className="report-card__body">{report.body}</p>
              {report.handledAt ? (
                <p className="report-card__handled">
                  Handled by {report.handledByName ?? "an editor"}, <Time iso={report.handledAt} />
                </p>
              ) : null}
              <ReportActions report={report} />
            </li>
          ))}
        </ol>
      )}
      {page > 1 || hasNextPage ? (
        <nav className="pagination" aria-label="More reports">
          {page > 1 ? (
            <Link to={href(page - 1)} rel="prev">
              ← Previous
            </Link>
          ) : null}
          <span>Page {page}</span>
          {hasNextPage ? (
            <Link to={href(page + 1)} rel="next">
              Next →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
