import type { z } from "zod";

/**
 * The one way a form is validated: a zod schema per action. On failure the action returns the field
 * messages and what was typed, so the form shows each message beside its field and keeps the input.
 */
export type FieldErrors = Record<string, string>;

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** What was typed, as strings, to put back in the form. Never echo passwords: list them in `omit`. */
export function formValues(formData: FormData, omit: readonly string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !omit.includes(key)) values[key] = value;
  }
  return values;
}

export function parseForm<S extends z.ZodType>(
  schema: S,
  formData: FormData,
  options: { omitFromValues?: readonly string[] } = {},
): FormResult<z.infer<S>> {
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    raw[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  const values = formValues(formData, options.omitFromValues);
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
    // A value over its field's limit goes back cut to the limit: the form keeps what fits, and a
    // megabyte sent in a 254-character field is never sent back.
    if (issue.code === "too_big" && issue.origin === "string" && typeof values[field] === "string") {
      values[field] = [...values[field]].slice(0, Number(issue.maximum)).join("");
    }
  }
  return { ok: false, errors, values };
}
