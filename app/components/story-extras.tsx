import type { MetaDescriptor } from "@remix-run/node";
import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { TextAreaField, TextField, FormError } from "~/components/form-field";
import type { ArticleExtrasData } from "~/models/article/extras.server";
import { REPORT_BODY_MAX } from "~/utils/newsroom-limits";
import { formatDate } from "~/utils/time";

/**
 * The newsroom's part of the story page: correction notes at the foot of the story, the short link
 * for sharing, and "Report an error" (a correction or tip for the newsroom).
 */

export type ReportErrorResult =
  | { ok: true }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> };

interface StoryForMeta {
  headline: string;
  summary: string;
  publishedAt: string;
  updatedAt?: string;
  categories?: { name: string }[];
}

/**
 * Canonical link, Open Graph and Twitter card tags for a story. The route's meta keeps its own title
 * and description and adds these.
 */
export function storyMetaTags(article: StoryForMeta, extras: Pick<ArticleExtrasData, "canonicalUrl" | "origin">, siteName: string): MetaDescriptor[] {
  const tags: MetaDescriptor[] = [
    { tagName: "link", rel: "canonical", href: extras.canonicalUrl },
    { tagName: "link", rel: "alternate", type: "application/rss+xml", title: `${siteName}: latest stories`, href: `${extras.origin}/feed.xml` },
    { property: "og:type", content: "article" },
    { property: "og:site_name", content: siteName },
    { property: "og:title", content: article.headline },
    { property: "og:description", content: article.summary },
    { property: "og:url", content: extras.canonicalUrl },
    { property: "og:locale", content: "en_GB" },
    { property: "article:published_time", content: article.publishedAt },
    { name: "twitter:card", content: "summary" },
    { name: "twitter:title", content: article.headline },
    { name: "twitter:description", content: article.summary },
  ];
  if (article.updatedAt && article.updatedAt > article.publishedAt) {
    tags.push({ property: "article:modified_time", content: article.updatedAt });
  }
  for (const category of article.categories ?? []) tags.push({ property: "article:section", content: category.name });
  return tags;
}

export function CorrectionNotes({ corrections }: { corrections: ArticleExtrasData["corrections"] }) {
  if (corrections.length === 0) return null;
  return (
    <div className="story-corrections">
      {corrections.map((note) => (
        <p key={note.id} className="story-correction" id={`correction-${note.id}`}>
          <strong>
            Correction, <time dateTime={note.createdAt}>{formatDate(note.createdAt)}</time>:
          </strong>{" "}
          {note.body}
        </p>
      ))}
    </div>
  );
}

/** The report form's fields, shared by the inline form on the story page and its own page. */
export function ReportErrorFields({
  startedAt,
  errors = {},
  values = {},
}: {
  /** When its own page served the form; the story's page, the same for every reader, carries none (ADR 18). */
  startedAt?: number;
  errors?: Record<string, string>;
  values?: Record<string, string>;
}) {
  return (
    <>
      <FormError message={errors.form} />
      <TextAreaField
        id="report-error-body"
        name="body"
        label="What is wrong?"
        hint="Tell us what the story gets wrong, or send a tip. This goes to the newsroom, not the moderators."
        required
        maxLength={REPORT_BODY_MAX}
        rows={4}
        defaultValue={values.body ?? ""}
        error={errors.body}
      />
      <TextField
        id="report-error-email"
        name="email"
        type="email"
        autoComplete="email"
        label="Your email (optional)"
        hint="Only if you would like the newsroom to reply."
        defaultValue={values.email ?? ""}
        error={errors.email}
      />
      {/* A trap for form-filling robots: hidden by the stylesheet, so people never see it. */}
      <div className="report-error__trap">
        <label htmlFor="report-error-leave-empty">Leave this empty</label>
        <input id="report-error-leave-empty" name="leave_empty" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      {startedAt !== undefined || values.startedAt ? (
        <input type="hidden" name="startedAt" value={values.startedAt ?? String(startedAt)} />
      ) : null}
    </>
  );
}

export const REPORT_THANKS = "Thanks — the newsroom will look at it.";

/**
 * The inline form on the story's page. The page is the same for everyone, so it cannot say when this
 * reader was served it; with JavaScript the form says how long the reader spent on it (filledMs, measured
 * in the browser, so no clock needs to agree), and a reply within seconds is a robot's.
 */
function ReportErrorForm({ slug }: { slug: string }) {
  const fetcher = useFetcher<ReportErrorResult>({ key: `report-error-${slug}` });
  const shownAt = useRef(0);
  const filled = useRef<HTMLInputElement>(null);
  useEffect(() => {
    shownAt.current = performance.now();
  }, []);
  const result = fetcher.data;
  if (result?.ok) {
    return (
      <p className="notice notice--success" role="status">
        {REPORT_THANKS}
      </p>
    );
  }
  const failed = result && !result.ok ? result : undefined;
  return (
    <fetcher.Form
      method="post"
      action={`/articles/${slug}/report-error`}
      className="report-error__form"
      onSubmit={() => {
        if (filled.current) filled.current.value = String(Math.round(performance.now() - shownAt.current));
      }}
    >
      <ReportErrorFields errors={failed?.errors} values={failed?.values} />
      <input ref={filled} type="hidden" name="filledMs" defaultValue="" />
      <div className="form-actions">
        <button type="submit" className="button button--secondary" disabled={fetcher.state !== "idle"}>
          {fetcher.state === "idle" ? "Send to the newsroom" : "Sending…"}
        </button>
      </div>
    </fetcher.Form>
  );
}

export function StoryExtras({ slug, extras }: { slug: string; extras: ArticleExtrasData }) {
  return (
    <div className="story-extras">
      <CorrectionNotes corrections={extras.corrections} />
      <p className="story-share">
        Short link: <a href={extras.shortUrl}>{extras.shortUrl}</a>
      </p>
      <details className="report-error" id="report-error">
        <summary>Report an error</summary>
        <ReportErrorForm slug={slug} />
      </details>
    </div>
  );
}
