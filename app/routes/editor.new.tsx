import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { StoryForm, type StoryFormValues } from "~/components/editor-story-form";
import { db } from "~/db.server";
import { getCommentClosingSettings } from "~/models/article/reading.server";
import { listCategories } from "~/models/category.server";
import { handleStoryForm } from "~/routes/editor/editor-form.server";
import { storyFormValues } from "~/routes/editor/story-form-values";

export const meta: MetaFunction = () => [{ title: "Write a story · Newsroom" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "write:article");
  const [categories, closing] = await Promise.all([listCategories(db), getCommentClosingSettings(db)]);
  return {
    categories: categories.map(({ id, name }) => ({ id, name })),
    commentsCloseAfterDays: closing.commentsCloseAfterDays,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:article");
  return handleStoryForm(await request.formData(), { userId: user.id });
}

// A live preview asks the action for HTML only; nothing on the page needs reloading for it.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "preview" ? false : defaultShouldRevalidate;

const BLANK: StoryFormValues = {
  headline: "",
  summary: "",
  body: "",
  slug: "",
  categoryIds: [],
  newCategory: "",
  commentsOpen: true,
  commentsReason: "",
  scheduleDate: "",
  scheduleTime: "",
};

export default function NewStoryPage() {
  const { categories, commentsCloseAfterDays } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = result ? storyFormValues(result.values, result.categoryIds) : BLANK;
  return (
    <div className="editor-page">
      <h1>Write a story</h1>
      <StoryForm
        status={null}
        values={values}
        errors={result?.kind === "invalid" ? result.errors : {}}
        categories={categories}
        preview={result?.kind === "preview" ? result.preview : null}
        commentsCloseAfterDays={commentsCloseAfterDays}
      />
    </div>
  );
}
