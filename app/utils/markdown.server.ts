import { Marked, type Tokens } from "marked";
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

const commentMarked = new Marked({
  async: false,
  gfm: true,
  breaks: true,
  tokenizer: {
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

export function renderCommentMarkdown(source: string): string {
  return sanitizeHtml(commentMarked.parse(limitNesting(source), { async: false }), "comment");
}

export function renderArticleMarkdown(source: string): string {
  return sanitizeHtml(articleMarked.parse(limitNesting(source), { async: false }), "article");
}
