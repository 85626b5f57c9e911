import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/guards.server";
import { roleCan } from "~/auth/permissions";
import { Pagination } from "~/components/article-list";
import { StoryStatusLine } from "~/components/editor-status";
import { FormError, TextField } from "~/components/form-field";
import { db } from "~/db.server";
import { getCommentClosingSettings, setCommentClosingSettings } from "~/models/article/reading.server";
import { listCategories } from "~/models/category.server";
import { listNewsroomArticles, NEWSROOM_STATUSES, type NewsroomStatus } from "~/models/article/newsroom.server";
import { parseForm } from "~/utils/forms";
import { pageFromUrl } from "~/utils/http";

export const meta: MetaFunction = () => [{ title: "Stories · Newsroom" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "write:article");
  const url = new URL(request.url);
  const statusParam = url.searchParams.get("status") ?? "";
  const status = (NEWSROOM_STATUSES as readonly string[]).includes(statusParam) ? (statusParam as NewsroomStatus) : undefined;
  const categorySlug = url.searchParams.get("category") ?? "";
  const categories = await listCategories(db);
  const category = categories.find((c) => c.slug === categorySlug);
  const [listing, closing] = await Promise.all([
    listNewsroomArticles(db, { status, categoryId: category?.id, page: pageFromUrl(request) }),
    getCommentClosingSettings(db),
  ]);
  return {
    ...listing,
    filter: { status: status ?? "", category: category?.slug ?? "" },
    categories: categories.map(({ slug, name }) => ({ slug, name })),
    commentsCloseAfterDays: closing.commentsCloseAfterDays,
    canManageSettings: roleCan(user.role, "manage:settings"),
  };
}

const SettingsSchema = z.object({
  commentsCloseAfterDays: z
    .string()
    .trim()
    .regex(/^\d{0,6}$/, "Enter a whole number of days, or 0 to keep comments open.")
    .transform((v) => (v === "" ? 0 : Number(v)))
    .refine((days) => days <= 3650, "Enter at most 3,650 days (ten years)."),
});

export async function action({ request }: ActionFunctionArgs) {
  await requirePermission(request, "write:article");
  // The site-wide comment setting is the admins' to change.
  await requirePermission(request, "manage:settings");
  const parsed = parseForm(SettingsSchema, await request.formData());
  if (!parsed.ok) return data({ ok: false, errors: parsed.errors, values: parsed.values }, { status: 400 });
  await setCommentClosingSettings(db, { commentsCloseAfterDays: parsed.data.commentsCloseAfterDays });
  return { ok: true, errors: {} as Record<string, string>, values: {} as Record<string, string> };
}

function CommentSettingsForm({ days }: { days: number }) {
  const fetcher = useFetcher<typeof action>();
  // Without JavaScript the page itself was posted: its answer is the page's action data.
  const actionData = useActionData<typeof action>();
  const result = fetcher.data ?? actionData;
  return (
    <section className="newsroom-settings" aria-labelledby="newsroom-settings-title">
      <h2 id="newsroom-settings-title">Comment settings</h2>
      <fetcher.Form method="post" className="newsroom-settings__form">
        <FormError message={result?.errors.form} />
        <TextField
          id="commentsCloseAfterDays"
          name="commentsCloseAfterDays"
          type="number"
          inputMode="numeric"
          min={0}
          max={3650}
          label="Close comments automatically after this many days"
          hint="Counted from publication; 0 keeps comments open until an editor closes them. Closed threads stay visible."
          defaultValue={result && !result.ok ? result.values.commentsCloseAfterDays : String(days)}
          error={result?.errors.commentsCloseAfterDays}
        />
        <button type="submit" className="button--secondary" disabled={fetcher.state !== "idle"}>
          Save setting
        </button>
        {result?.ok && fetcher.state === "idle" ? (
          <p className="notice notice--success" role="status">
            Setting saved.
          </p>
        ) : null}
      </fetcher.Form>
    </section>
  );
}

function ListPages({ page, hasNextPage, filter }: { page: number; hasNextPage: boolean; filter: { status: string; category: string } }) {
  const href = (p: number) => {
    const query = new URLSearchParams();
    if (filter.status) query.set("status", filter.status);
    if (filter.category) query.set("category", filter.category);
    if (p > 1) query.set("page", String(p));
    const search = query.toString();
    return `/editor${search ? `?${search}` : ""}`;
  };
  return <Pagination page={page} hasNextPage={hasNextPage} hrefFor={href} />;
}

const STATUS_LABELS: Record<string, string> = { "": "All stories", draft: "Drafts", scheduled: "Scheduled", published: "Published" };

export default function NewsroomStories() {
  const { articles, page, hasNextPage, filter, categories, commentsCloseAfterDays, canManageSettings } =
    useLoaderData<typeof loader>();
  return (
    <div className="editor-page">
      <div className="editor-page__title">
        <h1>Stories</h1>
        <Link to="/editor/new" className="button">
          Write a story
        </Link>
      </div>
      <p>
        <Link to="/moderation/heat">How the discussions are going</Link>: each story’s comments an hour, commenters and
        reports over the last day.
      </p>
      <Form method="get" action="/editor" className="newsroom-filter" aria-label="Filter stories">
        <div className="field">
          <label htmlFor="filter-status">Status</label>
          <select id="filter-status" name="status" defaultValue={filter.status}>
            {Object.entries(STATUS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-category">Category</label>
          <select id="filter-category" name="category" defaultValue={filter.category}>
            <option value="">All categories</option>
            {categories.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button--secondary">
          Filter
        </button>
      </Form>
      {articles.length === 0 ? (
        <p>No stories match this filter.</p>
      ) : (
        <div className="table-scroll">
          <table className="newsroom-table">
            <caption className="visually-hidden">
              {STATUS_LABELS[filter.status]}
              {filter.category ? ` in ${categories.find((c) => c.slug === filter.category)?.name ?? filter.category}` : ""}, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">Story</th>
                <th scope="col">Status</th>
                <th scope="col">Categories</th>
                <th scope="col">Comments</th>
              </tr>
            </thead>
            <tbody>
              {articles.map((article) => (
                <tr key={article.id}>
                  <td>
                    <Link to={`/editor/${article.id}`} className="newsroom-table__headline">
                      {article.headline}
                    </Link>
                    <span className="newsroom-table__author">By {article.authorName}</span>
                  </td>
                  <td>
                    <StoryStatusLine status={article.status} publishedAt={article.publishedAt} />
                  </td>
                  <td>{article.categories.map((c) => c.name).join(", ") || "—"}</td>
                  <td>
                    {article.commentCount.toLocaleString("en-GB")}
                    <span className="newsroom-table__comments">
                      {article.commentsOpenNow
                        ? "open"
                        : !article.commentsOpen
                          ? "closed"
                          : article.status === "published"
                            ? "closed automatically"
                            : "open once published"}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListPages page={page} hasNextPage={hasNextPage} filter={filter} />
      {canManageSettings ? <CommentSettingsForm days={commentsCloseAfterDays} /> : null}
    </div>
  );
}
