import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { EditorImageUpload } from "~/components/editor-image-upload";
import { db } from "~/db.server";
import { storyForEditingOr404 } from "~/routes/editor/story-or-404.server";
import { ALT_MAX_LENGTH, listArticleImages, storeArticleImage } from "~/models/article/image.server";
import { formValue } from "~/utils/forms";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Images for “${data.article.headline}” · Newsroom` : "Story not found · Newsroom" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "write:article");
  const article = await storyForEditingOr404(params.id);
  return { article: { id: article.id, headline: article.headline }, images: await listArticleImages(db, article.id) };
}

// The one multipart form: server/request-guard.ts lets this address send up to IMAGE_UPLOAD_BODY_LIMIT.
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:article");
  const article = await storyForEditingOr404(params.id);
  const form = await request.formData();
  const alt = form.get("alt");
  const file = form.get("image");
  const chosen = file instanceof File && file.size > 0 ? { bytes: new Uint8Array(await file.arrayBuffer()) } : null;
  const altText = typeof alt === "string" ? alt : "";
  const result = await storeArticleImage(db, { articleId: article.id, file: chosen, alt: altText, by: user.id });
  // What was typed comes back cut to the field's limit, as every form's does (formValues).
  if (!result.ok) return data({ errors: result.errors, alt: formValue(form, "alt", { alt: ALT_MAX_LENGTH }) }, { status: 400 });
  return redirect(`/editor/${article.id}/images?uploaded=${result.image.id}`, { status: 303 });
}

export default function ImagesPage() {
  const { article, images } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const uploaded = images.find((image) => String(image.id) === searchParams.get("uploaded"));
  return (
    <div className="editor-page images-page">
      <h1>Images for “{article.headline}”</h1>
      <p>
        <Link to={`/editor/${article.id}`}>Back to the story</Link>
      </p>
      {uploaded ? (
        <p className="notice notice--success" role="status">
          Image uploaded. To show it in the story, put this line in the body: <code>{uploaded.markdown}</code>
        </p>
      ) : null}
      <EditorImageUpload articleId={article.id} errors={result?.errors} alt={result?.alt} />
      {images.length === 0 ? (
        <p>No images for this story yet.</p>
      ) : (
        <>
          <h2>This story’s images</h2>
          <ul className="image-list">
            {images.map((image) => (
              <li key={image.id} className="image-list__item">
                <img src={image.src} alt={image.alt} width={image.width} height={image.height} loading="lazy" />
                <p>
                  {image.width} × {image.height} pixels. Markdown for the body: <code>{image.markdown}</code>
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
