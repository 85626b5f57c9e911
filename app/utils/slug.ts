/** Slugs: the readable part of a story's address, /articles/<slug>. */
export const SLUG_MAX_LENGTH = 80;

/**
 * Lower-case, accents folded ("Càrn Mòr" -> "carn-mor"), anything that is not a letter or digit becomes
 * one hyphen, no hyphen at either end, at most `max` characters (cut at a hyphen where possible).
 */
export function slugify(text: string, max: number = SLUG_MAX_LENGTH): string {
  const folded = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/ß/g, "ss")
    .replace(/[æÆ]/g, "ae")
    .replace(/[øØ]/g, "o")
    .replace(/[œŒ]/g, "oe")
    .replace(/[łŁ]/g, "l")
    .replace(/[đĐ]/g, "d")
    .replace(/[þÞ]/g, "th")
    .toLowerCase()
    .replace(/['’]/g, "") // "council's" -> "councils", not "council-s"
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (folded.length <= max) return folded;
  const cut = folded.slice(0, max);
  const lastHyphen = cut.lastIndexOf("-");
  return (lastHyphen > max / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, "");
}

/** A slug with "-2", "-3" ... added, still within the maximum length. */
export function numberedSlug(base: string, n: number, max: number = SLUG_MAX_LENGTH): string {
  if (n <= 1) return base;
  const suffix = `-${n}`;
  return `${base.slice(0, max - suffix.length).replace(/-+$/, "")}${suffix}`;
}

export function isValidSlug(slug: string): boolean {
  return slug.length > 0 && slug.length <= SLUG_MAX_LENGTH && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug);
}
