import TurndownService from "turndown";

/**
 * WordPress's HTML (and Disqus's) to Parley's Markdown. Turndown does the conversion; this module only
 * prepares what WordPress stores that is not HTML yet: paragraphs made of blank lines (wpautop),
 * shortcodes and block comments. What comes out still goes through the one sanitiser when it is
 * rendered (renderArticleMarkdown / renderCommentMarkdown): nothing here is trusted to make it safe.
 */

const turndown = new TurndownService({
  headingStyle: "atx",
  codeBlockStyle: "fenced",
  bulletListMarker: "-",
  emDelimiter: "*",
  hr: "---",
});

// Code and foreign content go entirely: neither their markup nor their text is news.
turndown.remove(["script", "style", "noscript", "template", "head", "title", "form", "button", "select", "textarea", "input"]);

// An embedded player or map becomes a link to what it showed, so the story keeps a way to it.
turndown.addRule("embeds", {
  filter: ["iframe", "embed", "object", "video", "audio"],
  replacement: (_content, node) => {
    const element = node as HTMLElement;
    const src = element.getAttribute("src") ?? element.getAttribute("data") ?? element.querySelector?.("source")?.getAttribute("src");
    if (!src || !/^https?:\/\//i.test(src)) return "";
    return `\n\n[Embedded content: ${escapeLinkText(hostOf(src))}](${src})\n\n`;
  },
});

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "link";
  }
}

function escapeLinkText(text: string): string {
  return text.replace(/[[\]\\]/g, "\\$&");
}

const BLOCK_TAGS =
  "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary|iframe|script";
const BLOCK_OPEN_OR_CLOSE = new RegExp(`(<(?:${BLOCK_TAGS})[\\s/>])|(</(?:${BLOCK_TAGS})>)`, "i");

/**
 * A simplified wpautop: WordPress stores paragraphs as text separated by blank lines and adds the <p>
 * tags when it shows a post. Chunks that are already block HTML are left alone.
 */
export function autop(text: string): string {
  const normalised = text.replace(/\r\n?/g, "\n").trim();
  if (!normalised) return "";
  return normalised
    .split(/\n\s*\n/)
    .map((chunk) => {
      const trimmed = chunk.trim();
      if (BLOCK_OPEN_OR_CLOSE.test(trimmed.slice(0, 40)) && /^</.test(trimmed)) return trimmed;
      return `<p>${trimmed.replace(/\n/g, "<br>\n")}</p>`;
    })
    .join("\n");
}

/** WordPress shortcodes: [embed]URL[/embed] and [caption]...[/caption] keep their content; others go. */
export function expandShortcodes(text: string): string {
  return text
    .replace(/\[embed[^\]]*\]\s*(https?:\/\/[^\s[]+)\s*\[\/embed\]/gi, (_m, url: string) => `<p><a href="${url}">${url}</a></p>`)
    .replace(/\[caption[^\]]*\]([\s\S]*?)\[\/caption\]/gi, "$1")
    .replace(/\[\/?(?:gallery|audio|video|playlist|embed|caption|wp_caption)[^\]]*\]/gi, "");
}

/** A line that is only an address is an oEmbed in WordPress (a video, a post): it becomes a link. */
function linkBareUrlLines(text: string): string {
  return text.replace(/^[ \t]*(https?:\/\/[^\s<>"]+)[ \t]*$/gm, '<a href="$1">$1</a>');
}

/** A story body or a comment as WordPress stores it, as Markdown. */
export function wordpressHtmlToMarkdown(html: string): string {
  const prepared = autop(linkBareUrlLines(expandShortcodes(html.replace(/<!--[\s\S]*?-->/g, ""))));
  if (!prepared) return "";
  return turndown.turndown(prepared).trim();
}

/** Disqus stores a post's message as HTML already. */
export function htmlToMarkdown(html: string): string {
  if (!html.trim()) return "";
  return turndown.turndown(html).trim();
}
