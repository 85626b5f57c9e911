import { Marked, Tokenizer, type Tokens } from "marked";
import sanitize, { type IOptions } from "sanitize-html";

/**
 * Markdown -> HTML for Parley.
 *
 * Two profiles share one pipeline: a dedicated `Marked` instance turns Markdown into HTML, and
 * `sanitizeHtml` (sanitize-html with a per-profile allow-list) is the one gate every HTML string
 * passes before it is stored or shown. The Marked renderers only shape the output; they are not
 * trusted to make it safe.
 *
 * - comment: what residents write. A small subset; raw HTML is shown as text, links get
 *   rel="nofollow ugc noopener", no headings, images, tables or rules.
 * - article: what editors write. Full Markdown plus raw HTML, both cut down to the allow-list.
 *
 * Instances and options are built once at module load: a seeded 1,500-comment thread is rendered
 * in one go, so nothing per call should allocate more than it must.
 */

export type SanitizeProfile = "article" | "comment";

export { COMMENT_MAX_LENGTH } from "./comment-rules";

const COMMENT_LINK_REL = "nofollow ugc noopener";
const ARTICLE_EXTERNAL_LINK_REL = "noopener";

const LINK_SCHEMES = ["http", "https", "mailto"];
const IMAGE_SCHEMES = ["http", "https"];
const URL_ATTRIBUTES = ["href", "src", "cite", "action", "formaction", "xlink:href", "poster", "background"];

// Characters a browser (or some older parser) may skip or fold while reading a URL's scheme:
// whitespace of any script, C0/C1 controls, zero-width and other format characters.
const URL_NOISE = /[\s\p{Cc}\p{Cf}\u180e]+/gu;
const HTML_COMMENT = /<!--[\s\S]*?-->/g;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const EXTERNAL_HTTP = /^(?:https?:)?[/\\]{2}/i;

/**
 * sanitize-html already refuses unknown schemes, but it only strips ASCII control characters
 * before looking for one. A value that spells a scheme once any Unicode noise is removed
 * (e.g. "\u2028javascript:") is dropped here as well, so the check does not depend on how a
 * browser treats exotic whitespace.
 */
function isAllowedUrl(value: string, schemes: readonly string[]): boolean {
  const compact = value.replace(URL_NOISE, "").replace(HTML_COMMENT, "").replace(URL_NOISE, "");
  const scheme = SCHEME.exec(compact)?.[1];
  return scheme === undefined || schemes.includes(scheme.toLowerCase());
}

function dropUnsafeUrls(tagName: string, attribs: sanitize.Attributes): sanitize.Attributes {
  const schemes = tagName === "img" ? IMAGE_SCHEMES : LINK_SCHEMES;
  const kept: sanitize.Attributes = {};
  for (const [name, value] of Object.entries(attribs)) {
    if (URL_ATTRIBUTES.includes(name.toLowerCase()) && !isAllowedUrl(value, schemes)) continue;
    kept[name] = value;
  }
  return kept;
}

function transformComment(tagName: string, attribs: sanitize.Attributes): sanitize.Tag {
  const safe = dropUnsafeUrls(tagName, attribs);
  if (tagName === "a") {
    // Whatever rel came in is replaced: residents' links never pass on ranking and never get
    // a handle on this window.
    safe.rel = COMMENT_LINK_REL;
  }
  return { tagName, attribs: safe };
}

function transformArticle(tagName: string, attribs: sanitize.Attributes): sanitize.Tag {
  const safe = dropUnsafeUrls(tagName, attribs);
  let name = tagName;
  // The page title is the article's only h1; deeper levels than h4 read as noise in a story.
  if (name === "h1") name = "h2";
  else if (name === "h5" || name === "h6") name = "h4";
  if (name === "a") {
    delete safe.rel;
    const href = safe.href?.replace(URL_NOISE, "");
    if (href !== undefined && EXTERNAL_HTTP.test(href)) safe.rel = ARTICLE_EXTERNAL_LINK_REL;
  }
  if (name === "img" && safe.alt === undefined) safe.alt = "";
  return { tagName: name, attribs: safe };
}

// Elements whose content is dropped along with the element, not kept as text: their content
// is code, markup for another namespace, or only meaningful inside a widget we never allow.
const NON_TEXT_TAGS = [
  "script", "style", "textarea", "option", "noscript", "title", "xmp", "iframe", "noembed",
  "noframes", "template", "svg", "math", "object", "head",
];

/**
 * A link whose address was refused reads as plain text rather than as a dead <a>; an image
 * without a usable source is left out entirely (its alt text would be an unlabelled fragment).
 */
function dropHollowElements(frame: sanitize.IFrame): boolean | "excludeTag" {
  if (frame.tag === "a" && !frame.attribs.href) return "excludeTag";
  if (frame.tag === "img" && !frame.attribs.src) return true;
  return false;
}

const SHARED_OPTIONS = {
  disallowedTagsMode: "discard",
  nonTextTags: NON_TEXT_TAGS,
  allowedSchemes: LINK_SCHEMES,
  allowedSchemesByTag: { img: IMAGE_SCHEMES },
  allowedSchemesAppliedToAttributes: URL_ATTRIBUTES,
  allowProtocolRelative: true,
  allowedStyles: {},
  parseStyleAttributes: false,
  allowVulnerableTags: false,
  enforceHtmlBoundary: false,
  exclusiveFilter: dropHollowElements,
} satisfies IOptions;

const COMMENT_TAGS = [
  "p", "br", "strong", "em", "del", "blockquote", "ul", "ol", "li", "code", "pre", "a",
];

const ARTICLE_TAGS = [
  ...COMMENT_TAGS,
  "h2", "h3", "h4", "b", "i", "s", "sup", "sub", "hr", "img", "figure", "figcaption",
  "table", "thead", "tbody", "tr", "th", "td",
];

const TABLE_ALIGN = { name: "align", multiple: false, values: ["left", "center", "right"] };

const SANITIZE_OPTIONS: Record<SanitizeProfile, IOptions> = {
  comment: {
    ...SHARED_OPTIONS,
    allowedTags: COMMENT_TAGS,
    allowedAttributes: {
      a: ["href", "title", "rel"],
      ol: ["start"],
      code: ["class"],
    },
    allowedClasses: { code: ["language-*"] },
    transformTags: { "*": transformComment },
  },
  article: {
    ...SHARED_OPTIONS,
    allowedTags: ARTICLE_TAGS,
    allowedAttributes: {
      a: ["href", "title", "rel"],
      img: ["src", "alt", "title", "width", "height"],
      ol: ["start"],
      code: ["class"],
      th: [TABLE_ALIGN],
      td: [TABLE_ALIGN],
    },
    allowedClasses: { code: ["language-*"] },
    transformTags: { "*": transformArticle },
  },
};

/** The one gate: every HTML string Parley stores or shows passes through here. */
export function sanitizeHtml(html: string, profile: SanitizeProfile): string {
  return sanitize(html, SANITIZE_OPTIONS[profile]);
}

function escapeText(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

// A task-list checkbox would be an <input>; show what was typed instead.
function checkboxAsText({ checked }: Tokens.Checkbox): string {
  return checked ? "[x] " : "[ ] ";
}

/**
 * marked's emphasis and strikethrough scanner looks ahead from each `*`, `_` or `~` for a closer, up to
 * the end of the paragraph; when none comes (`a_*a_*a_*...`) every delimiter rescans the rest, and the
 * time grows with the square of the paragraph (5,000 characters took 0.7 s, 20,000 took 6 s). Each try
 * is charged what it scanned: the emphasis it found, or the rest of the paragraph when it found none.
 * Once a render has spent its budget, the remaining delimiters are read as plain text. Ordinary emphasis
 * closes soon after it opens and is charged only its own length, so it never comes near the budget.
 * Rendering is synchronous, so one counter serves whichever render is running.
 */
export const EMPHASIS_SCAN_BUDGET = 400_000;
/** A longer text may scan a little more: a story set entirely in bold is charged about twice its length. */
const EMPHASIS_SCAN_PER_CHARACTER = 4;
let emphasisScanLeft = Number.POSITIVE_INFINITY;
let emphasisBudgetSpent = false;
const WORD_CHARACTER = /[\p{L}\p{N}]/u;
const UNDERSCORE_RUN_THEN_WORD = /^_+[^\s\p{P}\p{S}]/u;

function scanWithinBudget<T extends { raw: string }>(src: string, scan: () => T | undefined): T | undefined {
  if (emphasisScanLeft < src.length) {
    emphasisBudgetSpent = true;
    return undefined; // "not emphasis": the delimiter stays as text
  }
  const token = scan();
  emphasisScanLeft -= token ? token.raw.length : src.length;
  return token;
}

/**
 * marked reads plain text one piece at a time, and at the start of each piece looks ahead over the rest
 * of the word for an `@` (to spot an e-mail address) and over runs of spaces for a line break. In a long
 * word broken into many pieces (`a!a!a!...`, `*a*a*a...`) every piece rescans the word, so the time grew
 * with its square. Each piece is read from a window of this many characters; a piece that reaches the
 * window's end simply continues in the next one. Only an e-mail address longer than the window would be
 * missed as a link, and addresses are at most 254 characters.
 */
const TEXT_WINDOW = 320;

// The bare-address autolink looks for an `@` over the same word at every piece, the same way; a link
// that starts with a scheme or www. is read whole.
const LINK_START = /^(?:https?:\/\/|ftp:\/\/|www\.|mailto:|xmpp:)/i;

const scanLimits = {
  inlineText(this: Tokenizer, src: string) {
    return src.length > TEXT_WINDOW ? Tokenizer.prototype.inlineText.call(this, src.slice(0, TEXT_WINDOW)) : false;
  },
  url(this: Tokenizer, src: string) {
    if (src.length <= TEXT_WINDOW || LINK_START.test(src)) return false;
    return Tokenizer.prototype.url.call(this, src.slice(0, TEXT_WINDOW));
  },
  emStrong(this: Tokenizer, src: string, maskedSrc: string, prevChar = "") {
    const first = src.charCodeAt(0);
    if (first !== 42 && first !== 95) return undefined;
    // An underscore inside a word (snake_case) is never emphasis; marked turns it down without scanning.
    if (first === 95 && WORD_CHARACTER.test(prevChar) && UNDERSCORE_RUN_THEN_WORD.test(src)) return undefined;
    return scanWithinBudget(src, () => Tokenizer.prototype.emStrong.call(this, src, maskedSrc, prevChar));
  },
  del(this: Tokenizer, src: string, maskedSrc: string, prevChar = "") {
    if (src.charCodeAt(0) !== 126) return undefined;
    return scanWithinBudget(src, () => Tokenizer.prototype.del.call(this, src, maskedSrc, prevChar));
  },
};

const commentMarked = new Marked({
  async: false,
  gfm: true,
  breaks: true,
  tokenizer: {
    ...scanLimits,
    // Returning undefined means "not this construct", so the source falls through to plain
    // text: raw HTML is shown escaped, "# Title", "---" and pipes read as typed.
    html: () => undefined,
    tag: () => undefined,
    heading: () => undefined,
    lheading: () => undefined,
    hr: () => undefined,
    table: () => undefined,
  },
  renderer: {
    checkbox: checkboxAsText,
    // Residents cannot embed images; the picture becomes a link to it, labelled with its alt text.
    image({ href, text }: Tokens.Image): string {
      const label = escapeText(text || href);
      return `<a href="${escapeText(href)}">${label}</a>`;
    },
  },
});

const articleMarked = new Marked({
  async: false,
  gfm: true,
  breaks: false,
  tokenizer: scanLimits,
  renderer: {
    checkbox: checkboxAsText,
  },
});

/** Quotes and lists nest at most this deep; deeper markers on a line are read as text. */
export const MAX_MARKDOWN_NESTING = 16;
const MAX_LEADING_SPACE = 64;
const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))+/;
const CONTAINER_MARKER = /[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))/g;

/**
 * marked parses nested quotes and lists by recursion: a few thousand `>` or `- ` on a line exhaust the
 * stack (and every level costs time). No reader needs more than sixteen levels, so each line keeps at
 * most sixteen container markers and 64 columns of indentation; the rest of the line is unchanged.
 */
export function limitNesting(source: string): string {
  return source.replace(/^.*$/gm, (line) => {
    let out = line;
    const prefix = CONTAINER_PREFIX.exec(out)?.[0];
    if (prefix) {
      const markers = prefix.match(CONTAINER_MARKER) ?? [];
      if (markers.length > MAX_MARKDOWN_NESTING) out = markers.slice(0, MAX_MARKDOWN_NESTING).join("") + " " + out.slice(prefix.length).trimStart();
    }
    const indent = /^[ \t]*/.exec(out)![0];
    return indent.length > MAX_LEADING_SPACE ? out.slice(indent.length - MAX_LEADING_SPACE) : out;
  });
}

export interface RenderedMarkdown {
  html: string;
  /** True when the emphasis budget ran out and some `*`, `_` or `~` were shown as typed. */
  overBudget: boolean;
}

function parseWithinBudget(marked: Marked, source: string): { html: string; overBudget: boolean } {
  emphasisScanLeft = EMPHASIS_SCAN_BUDGET + EMPHASIS_SCAN_PER_CHARACTER * source.length;
  emphasisBudgetSpent = false;
  try {
    const html = marked.parse(limitNesting(source), { async: false });
    return { html, overBudget: emphasisBudgetSpent };
  } finally {
    emphasisScanLeft = Number.POSITIVE_INFINITY;
  }
}

export function renderMarkdown(source: string, profile: SanitizeProfile): RenderedMarkdown {
  const { html, overBudget } = parseWithinBudget(profile === "comment" ? commentMarked : articleMarked, source);
  return { html: sanitizeHtml(html, profile), overBudget };
}

/** What a writer is told when a text spends the emphasis budget (the text is kept in the form). */
export const EMPHASIS_BUDGET_MESSAGE =
  "This text has too many *, _ or ~ marks packed together for the formatting to be worked out. Put spaces between them, or write \\* to show a mark as typed.";

export function renderCommentMarkdown(source: string): string {
  return renderMarkdown(source, "comment").html;
}

export function renderArticleMarkdown(source: string): string {
  return renderMarkdown(source, "article").html;
}
