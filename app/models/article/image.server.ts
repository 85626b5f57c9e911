import type { Kysely } from "kysely";
import sharp from "sharp";
import type { Database } from "../../../db/schema";
import { nowIso } from "../../utils/time";

/**
 * Images for stories (migration 0022, docs/decisions/0023-story-images.md). An editor uploads one with
 * its alt text; it is checked, turned upright, shrunk to at most MAX_IMAGE_WIDTH pixels wide by sharp
 * and kept in the database, so every app server can serve it. A stored image never changes: a new
 * upload is a new row with a new address.
 */

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_IMAGE_WIDTH = 1200;
export const ALT_MAX_LENGTH = 300;
/** A larger picture than this (in pixels, before resizing) is refused before it is decoded. */
const MAX_INPUT_PIXELS = 50_000_000;

const FORMATS = { jpeg: "image/jpeg", png: "image/png", webp: "image/webp" } as const;
type Format = keyof typeof FORMATS;

export const IMAGE_ACCEPT = Object.values(FORMATS).join(",");

/** Where readers' browsers fetch a stored image (app/routes/media.images.$id.tsx). */
export function articleImagePath(id: number): string {
  return `/media/images/${id}`;
}

/** The Markdown that shows the image in a story's body, its alt text escaped so it cannot end early. */
export function articleImageMarkdown(image: { id: number; alt: string }): string {
  const alt = image.alt.replace(/[\\[\]]/g, (c) => `\\${c}`).replace(/\s+/g, " ");
  return `![${alt}](${articleImagePath(image.id)})`;
}

export interface ArticleImageView {
  id: number;
  alt: string;
  width: number;
  height: number;
  src: string;
  markdown: string;
  createdAt: string;
}

export type ImageErrors = Partial<Record<"image" | "alt", string>>;

function isFormat(format: string | undefined): format is Format {
  return format !== undefined && Object.hasOwn(FORMATS, format);
}

/** The upload, decoded and resized; or what is wrong with it, in words for the editor. */
async function resizeImage(bytes: Uint8Array): Promise<{ ok: true; data: Buffer; format: Format; width: number; height: number } | { ok: false; error: string }> {
  const notAnImage = { ok: false as const, error: "That file is not a JPEG, PNG or WebP image. Choose one of those." };
  try {
    const input = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" });
    const { format } = await input.metadata();
    if (!isFormat(format)) return notAnImage;
    // rotate() applies the camera's orientation before the metadata (and so the location) is dropped
    const { data, info } = await input
      .rotate()
      .resize({ width: MAX_IMAGE_WIDTH, withoutEnlargement: true })
      .toFormat(format)
      .toBuffer({ resolveWithObject: true });
    return { ok: true, data, format, width: info.width, height: info.height };
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) {
      return { ok: false, error: "That image has too many pixels to handle. Save a smaller copy and upload that." };
    }
    return notAnImage;
  }
}

function toView(row: { id: number; alt: string; width: number; height: number; created_at: string }): ArticleImageView {
  return {
    id: row.id,
    alt: row.alt,
    width: row.width,
    height: row.height,
    src: articleImagePath(row.id),
    markdown: articleImageMarkdown(row),
    createdAt: row.created_at,
  };
}

/**
 * Checks, resizes and stores an image for a story. `file` is null when none was chosen. Every problem
 * comes back as a message for its field, never as an error.
 */
export async function storeArticleImage(
  db: Kysely<Database>,
  input: { articleId: number; file: { bytes: Uint8Array } | null; alt: string; by: number },
): Promise<{ ok: true; image: ArticleImageView } | { ok: false; errors: ImageErrors }> {
  const errors: ImageErrors = {};
  // the upload's body keeps its NULs (server/request-guard.ts), and PostgreSQL text cannot hold one
  const alt = input.alt.replace(/\0/g, "").trim();
  if (alt === "") errors.alt = "Describe the image for people who cannot see it.";
  else if (alt.length > ALT_MAX_LENGTH) errors.alt = `Keep the description to ${ALT_MAX_LENGTH} characters or fewer.`;
  const bytes = input.file?.bytes;
  if (!bytes || bytes.byteLength === 0) errors.image = "Choose an image to upload.";
  else if (bytes.byteLength > MAX_IMAGE_BYTES) errors.image = `That image is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB. Choose a smaller one.`;
  if (errors.image || !bytes) return { ok: false, errors };
  const resized = await resizeImage(bytes);
  if (!resized.ok) errors.image = resized.error;
  if (!resized.ok || errors.alt) return { ok: false, errors };
  const row = await db
    .insertInto("article_image")
    .values({
      article_id: input.articleId,
      content_type: FORMATS[resized.format],
      width: resized.width,
      height: resized.height,
      alt,
      data: resized.data,
      uploaded_by: input.by,
      created_at: nowIso(),
    })
    .returning(["id", "alt", "width", "height", "created_at"])
    .executeTakeFirstOrThrow();
  return { ok: true, image: toView(row) };
}

/** A story's images, newest first (without their bytes). */
export async function listArticleImages(db: Kysely<Database>, articleId: number): Promise<ArticleImageView[]> {
  const rows = await db
    .selectFrom("article_image")
    .select(["id", "alt", "width", "height", "created_at"])
    .where("article_id", "=", articleId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map(toView);
}

/** One stored image's bytes and type, for the media route. */
export async function getArticleImageFile(db: Kysely<Database>, id: number): Promise<{ contentType: string; data: Buffer } | undefined> {
  const row = await db.selectFrom("article_image").select(["content_type", "data"]).where("id", "=", id).executeTakeFirst();
  return row ? { contentType: row.content_type, data: Buffer.from(row.data) } : undefined;
}
