import { Form, useFetcher, useNavigation } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type FormEvent, type MouseEvent } from "react";
import { CategoryLinks } from "~/components/article-list";
import { CheckboxField, FormError, TextAreaField, TextField } from "~/components/form-field";
import { slugify } from "~/utils/slug";
import { CATEGORY_NAME_MAX, HEADLINE_MAX, SUMMARY_MAX } from "~/utils/newsroom-limits";
import { MODERATION_NOTE_MAX } from "~/utils/moderation-limits";

/**
 * The story form of the newsroom (/editor/new, /editor/:id) and its preview. Without JavaScript the
 * "Preview" button posts the form and the page comes back with the preview and everything typed; with
 * JavaScript a fetcher asks the same action for a preview as the editor types (nothing is saved).
 */

export type StoryStatus = "draft" | "scheduled" | "published";

export interface StoryPreviewData {
  headline: string;
  summary: string;
  bodyHtml: string;
  categories: { slug: string; name: string }[];
}

export interface StoryFormValues {
  headline: string;
  summary: string;
  body: string;
  slug: string;
  categoryIds: string[];
  newCategory: string;
  commentsOpen: boolean;
  commentsReason: string;
  scheduleDate: string;
  scheduleTime: string;
}

type PreviewResult = { kind: "preview"; preview: StoryPreviewData } | { kind: "invalid" };

const PREVIEW_DELAY_MS = 400;

export function StoryPreview({ preview, live = false }: { preview: StoryPreviewData | null; live?: boolean }) {
  return (
    <section className="editor-preview" aria-labelledby="editor-preview-title">
      <h2 id="editor-preview-title">Preview</h2>
      {live ? <p className="field-hint">Follows your typing; nothing is saved until you press a button.</p> : null}
      {preview ? (
        <div className="editor-preview__frame" data-testid="story-preview">
          <article className="story">
            <header className="story__header">
              {/* The page has one h1 (the form's); the preview's headline looks like the story page's. */}
              <p className="story-preview__headline">{preview.headline || "(no headline yet)"}</p>
              {preview.summary ? <p className="story__summary">{preview.summary}</p> : null}
            </header>
            <div className="story__body prose" dangerouslySetInnerHTML={{ __html: preview.bodyHtml }} />
            {preview.categories.length ? (
              <footer className="story__footer">
                <CategoryLinks categories={preview.categories} />
              </footer>
            ) : null}
          </article>
        </div>
      ) : (
        <p className="editor-preview__empty">The preview shows the story as readers will see it. Start writing, or press “Preview”.</p>
      )}
    </section>
  );
}

export function StoryForm({
  status,
  values,
  errors,
  categories,
  preview,
  commentsCloseAfterDays,
}: {
  /** null for a story not saved yet */
  status: StoryStatus | null;
  values: StoryFormValues;
  errors: Record<string, string>;
  categories: { id: number; name: string }[];
  preview: StoryPreviewData | null;
  commentsCloseAfterDays: number;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const previewFetcher = useFetcher<PreviewResult>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const [suggestedSlug, setSuggestedSlug] = useState(values.slug || slugify(values.headline));
  // Until the page's scripts run, the preview comes only from the Preview button.
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);

  const requestPreview = useCallback(() => {
    const form = formRef.current;
    if (!form) return;
    const formData = new FormData(form);
    formData.set("intent", "preview");
    previewFetcher.submit(formData, { method: "post" });
  }, [previewFetcher.submit]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    const typedSlug = (form.elements.namedItem("slug") as HTMLInputElement | null)?.value ?? "";
    const headline = (form.elements.namedItem("headline") as HTMLInputElement | null)?.value ?? "";
    setSuggestedSlug(slugify(typedSlug) || slugify(headline));
    clearTimeout(timer.current);
    timer.current = setTimeout(requestPreview, PREVIEW_DELAY_MS);
  };

  // With JavaScript the Preview button updates the panel in place instead of reloading the page.
  const onPreviewClick = (event: MouseEvent<HTMLButtonElement>) => {
    event.preventDefault();
    clearTimeout(timer.current);
    requestPreview();
  };

  const livePreview = previewFetcher.data?.kind === "preview" ? previewFetcher.data.preview : null;
  const shownPreview = livePreview ?? preview;
  const selected = new Set(values.categoryIds);

  return (
    <div className="editor-layout">
      <Form method="post" ref={formRef} onChange={onChange} className="editor-form" noValidate data-live-preview={live ? "on" : undefined}>
        <FormError message={errors.form ?? (Object.keys(errors).length ? "Some fields need attention: see the notes beside them." : undefined)} />
        <TextField
          id="headline"
          name="headline"
          label="Headline"
          required
          maxLength={HEADLINE_MAX}
          defaultValue={values.headline}
          error={errors.headline}
        />
        <TextAreaField
          id="summary"
          name="summary"
          label="Summary"
          hint="One or two sentences, shown on the front page, in feeds, in search results and when the story is shared."
          rows={3}
          maxLength={SUMMARY_MAX}
          defaultValue={values.summary}
          error={errors.summary}
        />
        <TextAreaField
          id="body"
          name="body"
          label="Body"
          hint="Markdown: **bold**, _italic_, [a link](https://example.com), ## a subheading, > a quotation, - a list."
          rows={18}
          className="editor-form__body"
          defaultValue={values.body}
          error={errors.body}
        />
        <fieldset className="editor-form__categories">
          <legend>Categories</legend>
          {categories.length ? (
            <ul className="checkbox-list">
              {categories.map((category) => (
                <li key={category.id}>
                  <label>
                    <input
                      type="checkbox"
                      name="categories"
                      value={String(category.id)}
                      defaultChecked={selected.has(String(category.id))}
                    />
                    {category.name}
                  </label>
                </li>
              ))}
            </ul>
          ) : null}
          <TextField
            id="newCategory"
            name="newCategory"
            label="Add a new category"
            hint="Optional: made when you save, and the story is filed under it."
            maxLength={CATEGORY_NAME_MAX}
            defaultValue={values.newCategory}
            error={errors.newCategory}
          />
        </fieldset>
        <TextField
          id="slug"
          name="slug"
          label="Slug"
          hint={
            <>
              The story’s address: /articles/<strong>{suggestedSlug || "…"}</strong>. Leave it blank to make it from the
              headline.{status === "published" ? " If you change it, the old address keeps working." : ""}
            </>
          }
          maxLength={80}
          autoComplete="off"
          spellCheck={false}
          defaultValue={values.slug}
          error={errors.slug}
        />
        <CheckboxField
          id="commentsOpen"
          name="commentsOpen"
          label="Comments open"
          hint={
            commentsCloseAfterDays > 0
              ? `Residents may comment until you close comments, or ${commentsCloseAfterDays} days after publication (the site’s setting). Closing keeps the discussion visible.`
              : "Closing comments keeps the discussion visible; nobody can add to it."
          }
          defaultChecked={values.commentsOpen}
        />
        <TextField
          id="commentsReason"
          name="commentsReason"
          label="Reason for closing or reopening comments (optional)"
          hint="Kept in the moderation log with the change, for the moderators and the newsroom."
          maxLength={MODERATION_NOTE_MAX}
          defaultValue={values.commentsReason}
          error={errors.commentsReason}
        />

        <div className="form-actions editor-form__actions">
          {status === null || status === "draft" ? (
            <button type="submit" name="intent" value="draft" className="button--secondary" disabled={busy}>
              Save draft
            </button>
          ) : (
            <button type="submit" name="intent" value="save" className="button--secondary" disabled={busy}>
              Save changes
            </button>
          )}
          <button type="submit" name="intent" value="preview" className="button--secondary" onClick={onPreviewClick}>
            Preview
          </button>
          {status !== "published" ? (
            <button type="submit" name="intent" value="publish" disabled={busy}>
              {status === "scheduled" ? "Publish now" : "Publish"}
            </button>
          ) : null}
          {status === "published" || status === "scheduled" ? (
            <button type="submit" name="intent" value="unpublish" className="button--danger" disabled={busy}>
              {status === "published" ? "Unpublish" : "Back to draft"}
            </button>
          ) : null}
        </div>

        {status !== "published" ? (
          <fieldset className="editor-form__schedule">
            <legend>Schedule</legend>
            <p className="field-hint">
              The story appears on its own at this time (UK time). A time already past publishes it now.
            </p>
            <div className="editor-form__schedule-row">
              <TextField
                id="scheduleDate"
                name="scheduleDate"
                type="date"
                label="Date"
                defaultValue={values.scheduleDate}
                error={errors.scheduleDate}
              />
              <TextField
                id="scheduleTime"
                name="scheduleTime"
                type="time"
                label="Time (UK)"
                defaultValue={values.scheduleTime}
                error={errors.scheduleTime}
              />
              <div className="editor-form__schedule-button">
                <button type="submit" name="intent" value="schedule" disabled={busy}>
                  Schedule
                </button>
              </div>
            </div>
          </fieldset>
        ) : null}
      </Form>
      <StoryPreview preview={shownPreview} live={live} />
    </div>
  );
}
