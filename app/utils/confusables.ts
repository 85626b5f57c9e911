import { CONFUSABLE_PROTOTYPES } from "./confusables-data";

/**
 * Look-alike text, after Unicode Technical Standard #39 (Unicode Security Mechanisms): the skeleton
 * that makes "Sam Okоnedo" (a Cyrillic о) and "Sam Okonedo" the same string, and the script rule that
 * tells an ordinary mix of alphabets ("田中 Taro") from a disguise ("Αdmin", a Greek Α).
 * The mapping is Unicode's confusables.txt (confusables-data.ts, made by scripts/generate-confusables.ts);
 * normalisation and the script properties come from the JavaScript engine.
 */

let prototypes: Map<number, string> | undefined;

function prototypeTable(): Map<number, string> {
  if (prototypes) return prototypes;
  prototypes = new Map();
  for (const line of CONFUSABLE_PROTOTYPES) {
    for (const entry of line.split(";")) {
      const [from, to] = entry.split(":") as [string, string];
      prototypes.set(parseInt(from, 16), String.fromCodePoint(...to.split(" ").map((hex) => parseInt(hex, 16))));
    }
  }
  return prototypes;
}

const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/** Whether text holds characters that show as nothing (zero-width spaces and joiners, fillers, variation selectors). */
export function hasInvisibleCharacters(text: string): boolean {
  return new RegExp(DEFAULT_IGNORABLE.source, "u").test(text);
}

/**
 * UTS #39 skeleton(X): NFD, drop default-ignorable code points, replace each character by its
 * prototype, NFD again. Two strings are confusable when their skeletons are equal. Case is kept,
 * as the standard keeps it: use nameSkeleton to compare names.
 */
export function skeleton(text: string): string {
  const table = prototypeTable();
  let out = "";
  for (const ch of text.normalize("NFD").replace(DEFAULT_IGNORABLE, "")) {
    out += table.get(ch.codePointAt(0)!) ?? ch;
  }
  return out.normalize("NFD");
}

/** Full case folding, near enough: upper then lower turns "ß" into "ss" and a final "ς" into "σ". */
function foldCase(text: string): string {
  return text.toUpperCase().toLowerCase();
}

/**
 * A name as it looks: the skeleton, case folded, and the skeleton of that (folding can make a new
 * look-alike: a Greek capital Ε is an E, whose small letter is an e), with runs of white space as one
 * space, so its words can still be told apart (rules.server.ts looks for staff titles among them). The
 * skeleton comes first because capitals have look-alikes their small letters lack (Ε and E, but ε and e
 * differ); the price is that "Iris" is kept apart from "iris" (I looks like l), which display_name_key,
 * blind to case, already catches.
 */
export function lookAlikeText(name: string): string {
  return skeleton(foldCase(skeleton(name)))
    .replace(/\s+/gu, " ")
    .trim();
}

/**
 * The key two display names are compared by: lookAlikeText with everything that is not a letter, a
 * mark or a digit left out, so names that differ only in separators and punctuation are one name
 * ("Sam Okonedo", "SamOkonedo", "Sam_Okonedo", "Sam-Okonedo", "Sam Okonedo.", "Sam O'konedo"). Zero-width
 * characters are already gone (default-ignorable). Equal keys mean the names can pass for each other;
 * the price is that "Ann Avery" and "Anna Very" cannot both be had.
 */
export function nameSkeleton(name: string): string {
  return lookAlikeText(name).replace(/[^\p{L}\p{M}\p{N}]+/gu, "");
}

// ---------------------------------------------------------------------------------------------------
// Scripts

/**
 * Unicode's scripts by their property value names, as the engine's `\p{Script_Extensions=...}` knows
 * them (tests/unit/confusables.test.ts checks that every letter, mark and digit falls in one).
 */
const SCRIPT_NAMES = `Adlam Ahom Anatolian_Hieroglyphs Arabic Armenian Avestan Balinese Bamum Bassa_Vah Batak Bengali
  Beria_Erfe Bhaiksuki Bopomofo Brahmi Braille Buginese Buhid Canadian_Aboriginal Carian Caucasian_Albanian
  Chakma Cham Cherokee Chorasmian Coptic Cuneiform Cypriot Cypro_Minoan Cyrillic Deseret Devanagari
  Dives_Akuru Dogra Duployan Egyptian_Hieroglyphs Elbasan Elymaic Ethiopic Garay Georgian Glagolitic Gothic
  Grantha Greek Gujarati Gunjala_Gondi Gurmukhi Gurung_Khema Han Hangul Hanifi_Rohingya Hanunoo Hatran Hebrew
  Hiragana Imperial_Aramaic Inscriptional_Pahlavi Inscriptional_Parthian Javanese Kaithi Kannada Katakana
  Kawi Kayah_Li Kharoshthi Khitan_Small_Script Khmer Khojki Khudawadi Kirat_Rai Lao Latin Lepcha Limbu
  Linear_A Linear_B Lisu Lycian Lydian Mahajani Makasar Malayalam Mandaic Manichaean Marchen Masaram_Gondi
  Medefaidrin Meetei_Mayek Mende_Kikakui Meroitic_Cursive Meroitic_Hieroglyphs Miao Modi Mongolian Mro
  Multani Myanmar Nabataean Nag_Mundari Nandinagari New_Tai_Lue Newa Nko Nushu Nyiakeng_Puachue_Hmong Ogham
  Ol_Chiki Ol_Onal Old_Hungarian Old_Italic Old_North_Arabian Old_Permic Old_Persian Old_Sogdian
  Old_South_Arabian Old_Turkic Old_Uyghur Oriya Osage Osmanya Pahawh_Hmong Palmyrene Pau_Cin_Hau Phags_Pa
  Phoenician Psalter_Pahlavi Rejang Runic Samaritan Saurashtra Sharada Shavian Siddham Sidetic SignWriting
  Sinhala Sogdian Sora_Sompeng Soyombo Sundanese Sunuwar Syloti_Nagri Syriac Tagalog Tagbanwa Tai_Le
  Tai_Tham Tai_Viet Tai_Yo Takri Tamil Tangsa Tangut Telugu Thaana Thai Tibetan Tifinagh Tirhuta Todhri
  Tolong_Siki Toto Tulu_Tigalari Ugaritic Vai Vithkuqi Wancho Warang_Citi Yezidi Yi Zanabazar_Square`.split(/\s+/);

let scriptTests: [string, RegExp][] | undefined;

function scriptRegexps(): [string, RegExp][] {
  scriptTests ??= SCRIPT_NAMES.map((name) => [name, new RegExp(`\\p{Script_Extensions=${name}}`, "u")]);
  return scriptTests;
}

/** Characters every script uses: digits, punctuation, spaces (Common) and most combining marks (Inherited). */
const ANY_SCRIPT = /[\p{Script_Extensions=Common}\p{Script_Extensions=Inherited}]/u;

/** The scripts a character is written in (its Script_Extensions); null for a character of every script. */
export function scriptsOf(ch: string): Set<string> | null {
  if (ANY_SCRIPT.test(ch)) return null;
  return new Set(scriptRegexps().flatMap(([name, test]) => (test.test(ch) ? [name] : [])));
}

/**
 * The mixes of scripts that people write every day, as UTS #39's "highly restrictive" level allows:
 * Japanese, Chinese with Bopomofo and Korean, each with Latin.
 */
const ORDINARY_MIXES: ReadonlySet<string>[] = [
  new Set(["Latin", "Han", "Hiragana", "Katakana"]),
  new Set(["Latin", "Han", "Bopomofo"]),
  new Set(["Latin", "Han", "Hangul"]),
];

/**
 * Whether text keeps to one script (besides digits, punctuation and combining marks), or to one of the
 * ordinary mixes above. "Jоhn" with a Cyrillic о does not; "田中 Taro" and "Άννα" do.
 */
export function isOrdinaryScriptMix(text: string): boolean {
  const used: Set<string>[] = [];
  for (const ch of text.normalize("NFD")) {
    const scripts = scriptsOf(ch);
    if (scripts) used.push(scripts);
  }
  if (used.length === 0) return true;
  const shared = [...used[0]!].filter((script) => used.every((scripts) => scripts.has(script)));
  if (shared.length > 0) return true;
  return ORDINARY_MIXES.some((mix) => used.every((scripts) => [...scripts].some((script) => mix.has(script))));
}
