import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import { db } from "../../db.server";
import { listCategories } from "../../models/category.server";
import { type NewsroomStatus } from "../../models/article/newsroom.server";
import { previewArticle, saveArticle, type PublicationChange } from "../../models/article/saving.server";
import { parseForm, formValues, type FieldErrors, type FieldLimits } from "../../utils/forms";
import { CATEGORY_NAME_MAX, HEADLINE_MAX, SLUG_FIELD_MAX, STORY_BODY_MAX, SUMMARY_MAX } from "../../utils/newsroom-limits";
import { slugify } from "../../utils/slug";
import { zonedLocalToUtcIso } from "../../utils/zoned-time";
import { MODERATION_NOTE_MAX } from "~/utils/moderation-limits";

/**
 * What the story form (/editor/new and /editor/:id) posts. One form, an `intent` per button:
 * preview (nothing saved), draft, save, publish, schedule, unpublish. Mistakes come back beside the
 * fields with what was typed; a save redirects to the story's editing page with a message.
 */
export interface StoryPreview {
  headline: string;
  summary: string;
  bodyHtml: string;
  categories: { slug: string; name: string }[];
}

export type StoryFormResult =
  | { kind: "preview"; preview: StoryPreview; values: Record<string, string>; categoryIds: string[] }
  | { kind: "invalid"; errors: FieldErrors; values: Record<string, string>; categoryIds: string[] };

const StorySchema = z.object({
  intent: z.enum(["draft", "save", "publish", "schedule", "unpublish"], { message: "Choose what to do with the story." }),
  headline: z
    .string()
    .trim()
    .min(1, "Give the story a headline.")
    .max(HEADLINE_MAX, `Keep the headline under ${HEADLINE_MAX} characters.`),
  summary: z.string().trim().max(SUMMARY_MAX, `Keep the summary under ${SUMMARY_MAX} characters.`).default(""),
  body: z.string().max(STORY_BODY_MAX, "The story is too long to save in one piece.").default(""),
  slug: z.string().trim().max(SLUG_FIELD_MAX, "Keep the slug under 80 characters.").default(""),
  categories: z.union([z.string(), z.array(z.string())]).optional(),
  newCategory: z
    .string()
    .trim()
    .max(CATEGORY_NAME_MAX, `Keep a category name under ${CATEGORY_NAME_MAX} characters.`)
    .refine((v) => v === "" || slugify(v) !== "", "Use letters or digits in the category name.")
    .default(""),
  commentsOpen: z.string().optional(),
  commentsReason: z.string().trim().max(MODERATION_NOTE_MAX, `Keep the reason under ${MODERATION_NOTE_MAX.toLocaleString("en-GB")} characters.`).default(""),
  scheduleDate: z.string().trim().default(""),
  scheduleTime: z.string().trim().default(""),
});

/** How much of each field comes back to the form with its notes or a preview. */
const limits: FieldLimits = {
  headline: HEADLINE_MAX,
  summary: SUMMARY_MAX,
  body: STORY_BODY_MAX,
  slug: SLUG_FIELD_MAX,
  newCategory: CATEGORY_NAME_MAX,
  commentsReason: MODERATION_NOTE_MAX,
};

function categoryIdsOf(formData: FormData): string[] {
  return formData.getAll("categories").filter((v): v is string => typeof v === "string" && /^\d{1,9}$/.test(v));
}

function invalid(formData: FormData, errors: FieldErrors) {
  return data<StoryFormResult>(
    { kind: "invalid", errors, values: formValues(formData, limits), categoryIds: categoryIdsOf(formData) },
    { status: 400 },
  );
}

async function preview(formData: FormData) {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : "";
  };
  const ids = new Set(categoryIdsOf(formData).map(Number));
  const all = await listCategories(db);
  const categories = all.filter((c) => ids.has(c.id)).map(({ slug, name }) => ({ slug, name }));
  const newCategory = text("newCategory").trim().slice(0, CATEGORY_NAME_MAX);
  if (newCategory && !categories.some((c) => c.name.toLowerCase() === newCategory.toLowerCase())) {
    categories.push({ slug: slugify(newCategory) || "new-category", name: newCategory });
  }
  const rendered = previewArticle({
    headline: text("headline").slice(0, HEADLINE_MAX),
    summary: text("summary").slice(0, SUMMARY_MAX),
    bodySource: text("body").slice(0, STORY_BODY_MAX),
  });
  return data<StoryFormResult>({
    kind: "preview",
    preview: { ...rendered, categories },
    values: formValues(formData, limits),
    categoryIds: categoryIdsOf(formData),
  });
}

/**
 * Handles the story form for a new story (`article` undefined) or an existing one. The caller has
 * already checked that the user may write stories.
 */
export async function handleStoryForm(
  formData: FormData,
  options: { userId: number; article?: { id: number; status: NewsroomStatus } },
) {
  if (formData.get("intent") === "preview") return preview(formData);

  const parsed = parseForm(StorySchema, formData);
  if (!parsed.ok) return invalid(formData, parsed.errors);
  const form = parsed.data;
  const errors: FieldErrors = {};

  // Readers see the summary on the front page, in feeds and search; a story goes out with one.
  const goingOut =
    form.intent === "publish" ||
    form.intent === "schedule" ||
    (form.intent === "save" && options.article !== undefined && options.article.status !== "draft");
  if (goingOut) {
    if (!form.summary) errors.summary = "Write a summary before publishing: readers see it on the front page, in feeds and in search.";
    if (!form.body.trim()) errors.body = "Write the story before publishing it.";
  }

  let change: PublicationChange;
  switch (form.intent) {
    case "draft":
      change = { kind: "draft" };
      break;
    case "save":
      change = { kind: "keep" };
      break;
    case "publish":
      change = { kind: "publish" };
      break;
    case "unpublish":
      change = { kind: "unpublish" };
      break;
    case "schedule": {
      if (!form.scheduleDate) errors.scheduleDate = "Choose the day the story should appear.";
      if (!form.scheduleTime) errors.scheduleTime = "Choose the time (UK time) the story should appear.";
      const at = form.scheduleDate && form.scheduleTime ? zonedLocalToUtcIso(form.scheduleDate, form.scheduleTime) : null;
      if (form.scheduleDate && form.scheduleTime && !at) errors.scheduleDate = "That is not a date and time on the calendar.";
      change = { kind: "schedule", at: at ?? "" };
      break;
    }
  }
  if (Object.keys(errors).length) return invalid(formData, errors);

  const result = await saveArticle(db, {
    id: options.article?.id,
    draft: {
      headline: form.headline,
      summary: form.summary,
      bodySource: form.body.replace(/\r\n/g, "\n"),
      slug: form.slug,
      categoryIds: categoryIdsOf(formData).map(Number),
      newCategory: form.newCategory,
      commentsOpen: form.commentsOpen !== undefined,
      commentsReason: form.commentsReason,
    },
    change,
    by: options.userId,
  });
  if (!result.ok) return invalid(formData, result.errors);
  return redirect(`/editor/${result.article.id}?saved=${result.outcome}`, { status: 303 });
}

/** The message a story's editing page shows after a save, from ?saved=. */
export const SAVED_MESSAGES: Record<string, string> = {
  draft: "Draft saved.",
  saved: "Changes saved.",
  published: "Published: the story is on the site.",
  scheduled: "Scheduled: the story will appear on its own at the time you chose.",
  "published-schedule-passed": "The time you chose had already passed, so the story was published now.",
  unpublished: "Unpublished: the story is a draft again and readers no longer see it.",
  restored: "Version restored. The text it replaced is kept in the versions list.",
};
