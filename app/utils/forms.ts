import type { z } from "zod";

/**
 * The one way a form is validated: a zod schema per action. On failure the action returns the field
 * messages and what was typed, so the form shows each message beside its field and keeps the input.
 */
export type FieldErrors = Record<string, string>;

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

/**
 * The most characters each field of a form may come back with, by field name: the limit its check
 * enforces, named by the same constant. A numbered row's fields ("title-3") are listed under the name
 * without the number ("title-").
 */
export type FieldLimits = Readonly<Record<string, number>>;

/**
 * The most characters a field with no listed limit comes back with: ids, choices, dates, and the
 * same-site paths hidden fields carry all fit.
 */
export const UNLISTED_FIELD_MAX = 2_000;

function limitOf(name: string, limits: FieldLimits): number {
  const numbered = /^(.*\D)\d+$/.exec(name)?.[1];
  const listed = Object.hasOwn(limits, name) ? limits[name] : numbered && Object.hasOwn(limits, numbered) ? limits[numbered] : undefined;
  return listed ?? UNLISTED_FIELD_MAX;
}

/** The first `max` characters (code points, so no emoji is split in half). */
function cut(value: string, max: number): string {
  // A string's UTF-16 length is never less than its count of code points.
  return value.length <= max ? value : [...value].slice(0, max).join("");
}

/**
 * What was typed, as strings, to put back in the form, each value cut to its field's limit: what fits
 * comes back unchanged, and 60,000 characters sent in a 40-character field are never sent back (the
 * message beside the field says it was too long). Never echo passwords: list them in `omit`.
 */
export function formValues(formData: FormData, limits: FieldLimits, omit: readonly string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !omit.includes(key)) values[key] = cut(value, limitOf(key, limits));
  }
  return values;
}

/** One field as typed ("" when it was not sent), cut to its limit as formValues cuts it: an intent an answer names. */
export function formValue(formData: FormData, name: string, limits: FieldLimits = {}): string {
  const value = formData.get(name);
  return typeof value === "string" ? cut(value, limitOf(name, limits)) : "";
}

export function parseForm<S extends z.ZodType>(
  schema: S,
  formData: FormData,
  options: { limits?: FieldLimits; omitFromValues?: readonly string[] } = {},
): FormResult<z.infer<S>> {
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    raw[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return { ok: false, errors, values: formValues(formData, options.limits ?? {}, options.omitFromValues) };
}
