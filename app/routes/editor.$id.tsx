import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useFetcher, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/guards.server";
import { EditorImageUpload } from "~/components/editor-image-upload";
import { StoryForm } from "~/components/editor-story-form";
import { StoryStatusLine } from "~/components/editor-status";
import { FormError, TextAreaField } from "~/components/form-field";
import { CorrectionNotes } from "~/components/story-extras";
import { db } from "~/db.server";
import { storyForEditingOr404 } from "~/routes/editor/story-or-404.server";
import { getCommentClosingSettings } from "~/models/article/reading.server";
import { listCategories } from "~/models/category.server";
import { addArticleCorrection, listArticleCorrections } from "~/models/article/correction.server";
import { CORRECTION_NOTE_MAX } from "~/utils/newsroom-limits";
import { handleStoryForm, SAVED_MESSAGES } from "~/routes/editor/editor-form.server";
import { storyFormValues } from "~/routes/editor/story-form-values";
import { parseForm, type FieldLimits } from "~/utils/forms";
import { shortCodeForId } from "~/utils/short-code";
import { utcIsoToZonedLocal } from "~/utils/zoned-time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Edit “${data.article.headline}” · Newsroom` : "Story not found · Newsroom" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "write:article");
  const article = await storyForEditingOr404(params.id);
  const [categories, closing, corrections, versions] = await Promise.all([
    listCategories(db),
    getCommentClosingSettings(db),
    listArticleCorrections(db, article.id),
    db
      .selectFrom("article_version")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("article_id", "=", article.id)
      .executeTakeFirstOrThrow(),
  ]);
  const saved = new URL(request.url).searchParams.get("saved") ?? "";
  return {
    article,
    categories: categories.map(({ id, name }) => ({ id, name })),
    commentsCloseAfterDays: closing.commentsCloseAfterDays,
    corrections,
    versionCount: Number(versions.n),
    shortPath: `/s/${shortCodeForId(article.id)}`,
    savedMessage: SAVED_MESSAGES[saved] ?? null,
  };
}

const CorrectionSchema = z.object({
  note: z
    .string()
    .trim()
    .min(1, "Write the correction: what was wrong and what is right.")
    .max(CORRECTION_NOTE_MAX, `Keep the note under ${CORRECTION_NOTE_MAX.toLocaleString("en-GB")} characters.`),
});
const correctionLimits: FieldLimits = { note: CORRECTION_NOTE_MAX };

interface CorrectionResult {
  kind: "correction";
  ok: boolean;
  errors: Record<string, string>;
  values: Record<string, string>;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:article");
  const article = await storyForEditingOr404(params.id);
  const formData = await request.formData();
  if (formData.get("intent") === "correction") {
    const parsed = parseForm(CorrectionSchema, formData, { limits: correctionLimits });
    if (!parsed.ok) {
      return data<CorrectionResult>({ kind: "correction", ok: false, errors: parsed.errors, values: parsed.values }, { status: 400 });
    }
    await addArticleCorrection(db, { articleId: article.id, body: parsed.data.note, by: user.id });
    return data<CorrectionResult>({ kind: "correction", ok: true, errors: {}, values: {} });
  }
  return handleStoryForm(formData, { userId: user.id, article: { id: article.id, status: article.status } });
}

export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "preview" ? false : defaultShouldRevalidate;

function CorrectionNoteForm({ noteCount }: { noteCount: number }) {
  const fetcher = useFetcher<typeof action>();
  // Without JavaScript the form posts the page, and its answer arrives as the page's action data.
  const actionData = useActionData<typeof action>();
  const answer = fetcher.data ?? actionData;
  const result = answer && "kind" in answer && answer.kind === "correction" ? answer : undefined;
  const failed = result && !result.ok ? result : undefined;
  return (
    <fetcher.Form method="post" className="correction-note-form" key={`after-${noteCount}`}>
      <input type="hidden" name="intent" value="correction" />
      {result?.ok ? (
        <p className="notice notice--success" role="status">
          Correction note added at the foot of the story.
        </p>
      ) : null}
      <FormError message={failed?.errors.form} />
      <TextAreaField
        id="correction-note"
        name="note"
        label="Add a correction note"
        hint="Shown at the foot of the story as “Correction, <today’s date>: …”."
        rows={3}
        maxLength={CORRECTION_NOTE_MAX}
        defaultValue={failed?.values.note ?? ""}
        error={failed?.errors.note}
      />
      <button type="submit" className="button--secondary" disabled={fetcher.state !== "idle"}>
        Add correction note
      </button>
    </fetcher.Form>
  );
}

export default function EditStoryPage() {
  const { article, categories, commentsCloseAfterDays, corrections, versionCount, shortPath, savedMessage } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const result = actionData && "kind" in actionData && (actionData.kind === "invalid" || actionData.kind === "preview") ? actionData : undefined;
  const scheduled = article.status === "scheduled" && article.publishedAt ? utcIsoToZonedLocal(article.publishedAt) : null;
  const values = result
    ? storyFormValues(result.values, result.categoryIds)
    : {
        headline: article.headline,
        summary: article.summary,
        body: article.bodySource,
        slug: article.slug,
        categoryIds: article.categoryIds.map(String),
        newCategory: "",
        commentsOpen: article.commentsOpen,
        commentsReason: "",
        scheduleDate: scheduled?.date ?? "",
        scheduleTime: scheduled?.time ?? "",
      };
  const preview =
    result?.kind === "preview"
      ? result.preview
      : { headline: article.headline, summary: article.summary, bodyHtml: article.bodyHtml, categories: article.categories };
  return (
    <div className="editor-page">
      <h1>Edit story</h1>
      <div className="editor-page__meta">
        <StoryStatusLine status={article.status} publishedAt={article.publishedAt} />
        <ul className="editor-page__links">
          {article.status === "published" ? (
            <>
              <li>
                <Link to={`/articles/${article.slug}`}>View on the site</Link>
              </li>
              <li>
                Short link: <Link to={shortPath}>{shortPath}</Link>
              </li>
            </>
          ) : null}
          <li>
            <Link to={`/editor/${article.id}/versions`}>
              Earlier versions ({versionCount})
            </Link>
          </li>
          <li>
            {article.commentCount.toLocaleString("en-GB")} {article.commentCount === 1 ? "comment" : "comments"},{" "}
            {article.status !== "published"
              ? article.commentsOpen
                ? "comments open once published"
                : "comments closed"
              : article.commentsOpenNow
                ? "open"
                : article.commentsOpen
                  ? "closed automatically"
                  : "closed"}
          </li>
        </ul>
      </div>
      {savedMessage ? (
        <p className="notice notice--success" role="status">
          {savedMessage}
        </p>
      ) : null}
      <StoryForm
        key={article.updatedAt}
        status={article.status}
        values={values}
        errors={result?.kind === "invalid" ? result.errors : {}}
        categories={categories}
        preview={preview}
        commentsCloseAfterDays={commentsCloseAfterDays}
      />
      <section className="editor-images">
        <EditorImageUpload articleId={article.id} />
        <p>
          <Link to={`/editor/${article.id}/images`}>This story’s images, with the Markdown that shows each one</Link>
        </p>
      </section>
      <section className="editor-corrections" aria-labelledby="editor-corrections-title">
        <h2 id="editor-corrections-title">Correction notes</h2>
        {corrections.length ? <CorrectionNotes corrections={corrections} /> : <p>This story has no correction notes.</p>}
        <CorrectionNoteForm noteCount={corrections.length} />
      </section>
    </div>
  );
}
