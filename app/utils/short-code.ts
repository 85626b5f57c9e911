import { isId } from "./http";

/**
 * Short links: /s/<code>, where the code is the story's id in base 36 (id 1234 -> "ya"). The encoding
 * is a bijection: every id has exactly one code, and a code with a leading zero or upper-case letters
 * names no story, so each story has one short address.
 */
export function shortCodeForId(id: number): string {
  if (!Number.isSafeInteger(id) || id < 1) throw new RangeError(`Not a story id: ${id}`);
  return id.toString(36);
}

export function idFromShortCode(code: string): number | null {
  if (!/^[1-9a-z][0-9a-z]{0,9}$/.test(code)) return null;
  const id = Number.parseInt(code, 36);
  return isId(id) && id.toString(36) === code ? id : null;
}
