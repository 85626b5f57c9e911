/**
 * Matching the suspect and banned word lists against a comment. Whole words and phrases only, so that
 * "Scunthorpe" or "class" never trip a list that holds a word inside them; case, accents and the usual
 * letter swaps (0 for o, 1 for i, 3 for e, 4 or @ for a, 5 or $ for s, 7 for t) do not matter.
 */
const SWAPS: Record<string, string> = {
  "0": "o",
  "1": "i",
  l: "i", // "1" may stand for l or i: fold both sides the same way
  "3": "e",
  "4": "a",
  "@": "a",
  "5": "s",
  $: "s",
  "7": "t",
  "8": "b",
  "9": "g",
};

/** Text folded for matching: lower case, no accents, swaps undone, words separated by single spaces. */
export function foldForMatching(text: string): string {
  const folded = text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  let out = "";
  for (const char of folded) out += SWAPS[char] ?? char;
  return out.replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

/** How long a suspect or banned word list may be, and each word or phrase in it. */
export const WORD_LIST_ENTRIES_MAX = 2000;
export const WORD_LIST_ENTRY_MAX = 200;
/** The longest list as typed: every entry at its longest, one to a line. */
export const WORD_LIST_TEXT_MAX = WORD_LIST_ENTRIES_MAX * (WORD_LIST_ENTRY_MAX + 1);

/** A list as the admin typed it: one word or phrase per line (or comma-separated), blanks dropped. */
export function parseWordList(raw: string): string[] {
  return [...new Set(raw.split(/[\n,]/).map((w) => w.trim()).filter(Boolean))];
}

/** The first entry of the list that the text contains as a whole word or phrase, or null. */
export function findListedPhrase(text: string, list: readonly string[]): string | null {
  if (list.length === 0) return null;
  const haystack = foldedText(text);
  const needles = foldedList(list);
  for (let i = 0; i < list.length; i++) {
    if (needles[i] && haystack.includes(needles[i]!)) return list[i]!;
  }
  return null;
}

// Each post is checked against the same lists (the moderation rules are parsed once per change, and
// frozen) and against two lists in turn, so folded forms are kept rather than folded for every check.
// Only a frozen list is known not to change under its kept folded form.
const foldedLists = new WeakMap<readonly string[], readonly string[]>();

function foldedList(list: readonly string[]): readonly string[] {
  const kept = foldedLists.get(list);
  if (kept) return kept;
  const needles = list.map((entry) => {
    const needle = foldForMatching(entry);
    return needle ? ` ${needle} ` : "";
  });
  if (Object.isFrozen(list)) foldedLists.set(list, needles);
  return needles;
}

let lastText: { text: string; folded: string } | undefined;

function foldedText(text: string): string {
  if (lastText?.text !== text) lastText = { text, folded: ` ${foldForMatching(text)} ` };
  return lastText.folded;
}
