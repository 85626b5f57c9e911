import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/guards.server";
import { EditorVersionComparison } from "~/components/editor-version-comparison";
import { FormError } from "~/components/form-field";
import { Time } from "~/components/time";
import { db } from "~/db.server";
import { storyForEditingOr404 } from "~/routes/editor/story-or-404.server";
import { listArticleVersions } from "~/models/article/version.server";
import { compareArticleVersions } from "~/models/article/version-comparison.server";
import { restoreArticleVersion } from "~/models/article/saving.server";
import { parseForm } from "~/utils/forms";
import { MAX_ID } from "~/utils/http";
import { formatDateTime } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Versions of “${data.article.headline}” · Newsroom` : "Story not found · Newsroom" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "write:article");
  const article = await storyForEditingOr404(params.id);
  const url = new URL(request.url);
  const versions = await listArticleVersions(db, article.id);
  const { options, comparison } = compareArticleVersions(article, versions, {
    from: url.searchParams.get("from"),
    to: url.searchParams.get("to"),
  });
  const body = {
    article: {
      id: article.id,
      headline: article.headline,
      slug: article.slug,
      updatedAt: article.updatedAt,
      updatedByName: article.updatedByName,
    },
    versions,
    options,
    comparison,
  };
  // a version id that is not this story's is the asker's mistake: say so on the page, with a 400
  return comparison && !comparison.ok ? data(body, { status: 400 }) : body;
}

const RestoreSchema = z.object({
  versionId: z.coerce.number({ message: "Choose a version to restore." }).int().positive("Choose a version to restore.").max(MAX_ID, "Choose a version to restore."),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:article");
  const article = await storyForEditingOr404(params.id);
  const parsed = parseForm(RestoreSchema, await request.formData());
  if (!parsed.ok) return data({ error: parsed.errors.versionId ?? "Choose a version to restore." }, { status: 400 });
  const result = await restoreArticleVersion(db, { articleId: article.id, versionId: parsed.data.versionId, by: user.id });
  if (!result.ok) return data({ error: Object.values(result.errors)[0] ?? "That version could not be restored." }, { status: 400 });
  return redirect(`/editor/${article.id}?saved=restored`, { status: 303 });
}

export default function VersionsPage() {
  const { article, versions, options, comparison } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <div className="editor-page versions-page">
      <h1>Versions of “{article.headline}”</h1>
      <p>
        <Link to={`/editor/${article.id}`}>Back to the story</Link>
      </p>
      <FormError message={result?.error} />
      <p>
        Current version: saved by {article.updatedByName ?? "an editor"}, <Time iso={article.updatedAt} />.
      </p>
      {comparison ? <EditorVersionComparison options={options} comparison={comparison} /> : null}
      {versions.length === 0 ? (
        <p>No earlier versions yet: every save that changes the text keeps the one it replaces here.</p>
      ) : (
        <>
          <h2>Earlier versions</h2>
          <ol className="version-list" reversed>
            {versions.map((version) => (
              <li key={version.id} className="version">
                <div className="version__header">
                  <p className="version__when">
                    Saved by {version.savedByName}, <Time iso={version.createdAt} />
                  </p>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="versionId" value={version.id} />
                    <button type="submit" className="button--secondary" disabled={navigation.state !== "idle"}>
                      Restore<span className="visually-hidden"> the version of {formatDateTime(version.createdAt)}</span>
                    </button>
                  </Form>
                </div>
                <details>
                  <summary>{version.headline}</summary>
                  <dl className="version__fields">
                    <dt>Summary</dt>
                    <dd>{version.summary || "(none)"}</dd>
                    <dt>Slug</dt>
                    <dd>{version.slug}</dd>
                    <dt>Categories</dt>
                    <dd>{version.categories.map((c) => c.name).join(", ") || "(none)"}</dd>
                    <dt>Body</dt>
                    <dd>
                      <pre className="version__body">{version.bodySource}</pre>
                    </dd>
                  </dl>
                </details>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
