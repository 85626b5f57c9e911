import { Form, useNavigation } from "@remix-run/react";
import { TextField } from "./form-field";

/** What the images route accepts; kept here so the form does not import server code. */
const ACCEPT = "image/jpeg,image/png,image/webp";

/**
 * The upload form for a story's image: the file and its alt text, each with its error beside it. It
 * posts to the story's images page (a multipart form, so it works without JavaScript); a refused upload
 * comes back with the typed alt text kept (a browser never refills a file input).
 */
export function EditorImageUpload({
  articleId,
  errors,
  alt,
}: {
  articleId: number;
  errors?: Partial<Record<"image" | "alt", string>>;
  alt?: string;
}) {
  const navigation = useNavigation();
  return (
    <Form method="post" action={`/editor/${articleId}/images`} encType="multipart/form-data" className="image-upload" aria-labelledby="image-upload-heading">
      <h2 id="image-upload-heading">Upload an image</h2>
      <TextField
        id="image-file"
        name="image"
        type="file"
        accept={ACCEPT}
        label="Image"
        hint="A JPEG, PNG or WebP image of up to 5 MB. Wider than 1200 pixels, it is made 1200 pixels wide."
        error={errors?.image}
        aria-required="true"
      />
      <TextField
        id="image-alt"
        name="alt"
        label="Alt text"
        hint="What the image shows, for people who cannot see it (up to 300 characters)."
        error={errors?.alt}
        defaultValue={alt}
        aria-required="true"
      />
      <button type="submit" disabled={navigation.state === "submitting"}>
        Upload image
      </button>
    </Form>
  );
}
