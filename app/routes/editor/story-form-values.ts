import type { StoryFormValues } from "~/components/editor-story-form";

/** The story form's values from what was posted (kept when the form comes back with notes or a preview). */
export function storyFormValues(posted: Record<string, string>, categoryIds: string[]): StoryFormValues {
  return {
    headline: posted.headline ?? "",
    summary: posted.summary ?? "",
    body: posted.body ?? "",
    slug: posted.slug ?? "",
    categoryIds,
    newCategory: posted.newCategory ?? "",
    commentsOpen: posted.commentsOpen !== undefined,
    commentsReason: posted.commentsReason ?? "",
    scheduleDate: posted.scheduleDate ?? "",
    scheduleTime: posted.scheduleTime ?? "",
  };
}
