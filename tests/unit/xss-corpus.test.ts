import { describe, it, expect } from "vitest";
import { parseDocument } from "htmlparser2";
import { isTag, type ChildNode, type Element } from "domhandler";
import {
  renderArticleMarkdown,
  renderCommentMarkdown,
  sanitizeHtml,
} from "~/utils/markdown.server";
import { loadXssPayloads } from "../support/xss-corpus";

/**
 * Every public XSS payload in the corpus (tests/fixtures/xss-corpus/), pushed through every way user or editor text
 * reaches the page, must come out inert. The output is parsed (not pattern-matched) so the
 * assertions see elements and attributes the way an HTML parser does.
 */

function shortName(prefix: string, payload: string): string {
  return `${prefix}: ${JSON.stringify(payload.slice(0, 40))}`;
}

const payloads = loadXssPayloads().map(({ name, payload }) => ({ name: shortName(name, payload), payload }));

const FORBIDDEN_ELEMENTS = new Set([
  "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math",
  "form", "input", "button", "select", "option", "textarea", "base", "meta", "link", "template",
  "noscript", "video", "audio", "source", "image", "xml",
]);

const URL_ATTRIBUTES = new Set([
  "href", "src", "action", "formaction", "xlink:href", "poster", "background", "cite", "srcset",
  "data", "srcdoc",
]);

// What a browser might skip while reading a URL scheme: whitespace, controls, format characters.
const URL_NOISE = /[\s\p{Cc}\p{Cf}\u180e]+/gu;
const BLOCKED_SCHEME = /^(?:javascript|vbscript|livescript|data):/i;

function elementsIn(nodes: ChildNode[]): Element[] {
  const found: Element[] = [];
  for (const node of nodes) {
    if (isTag(node)) {
      found.push(node, ...elementsIn(node.children));
    }
  }
  return found;
}

/** Lists everything wrong with an output; an empty list means it is inert. */
function problemsIn(html: string, profile: "comment" | "article"): string[] {
  const problems: string[] = [];
  const document = parseDocument(html, { decodeEntities: true, lowerCaseTags: true });

  for (const element of elementsIn(document.children)) {
    const tag = element.name;
    if (FORBIDDEN_ELEMENTS.has(tag)) problems.push(`<${tag}> element`);
    if (profile === "comment" && tag === "img") problems.push("<img> in a comment");

    for (const [name, value] of Object.entries(element.attribs)) {
      const attribute = name.toLowerCase();
      if (attribute.startsWith("on")) problems.push(`${attribute} on <${tag}>`);
      if (attribute === "style") problems.push(`style on <${tag}>`);
      if (attribute === "id" || attribute === "name") problems.push(`${attribute} on <${tag}>`);
      if (attribute === "class" && !(tag === "code" && /^language-\S+$/.test(value))) {
        problems.push(`class="${value}" on <${tag}>`);
      }
      if (URL_ATTRIBUTES.has(attribute) && BLOCKED_SCHEME.test(value.replace(URL_NOISE, ""))) {
        problems.push(`${attribute}="${value}" on <${tag}>`);
      }
    }

    if (profile === "comment" && tag === "a") {
      const rel = (element.attribs.rel ?? "").split(/\s+/);
      for (const token of ["nofollow", "ugc", "noopener"]) {
        if (!rel.includes(token)) problems.push(`<a> without rel ${token}`);
      }
    }
  }
  return problems;
}

type Shape = [label: string, render: (payload: string) => string];

const COMMENT_SHAPES: Shape[] = [
  ["as the comment", (p) => renderCommentMarkdown(p)],
  ["as a link URL", (p) => renderCommentMarkdown(`[click](${p})`)],
  ["as link text", (p) => renderCommentMarkdown(`[${p}](https://example.com/)`)],
  ["as an image source", (p) => renderCommentMarkdown(`![x](${p})`)],
  ["as HTML given to the gate", (p) => sanitizeHtml(p, "comment")],
];

const ARTICLE_SHAPES: Shape[] = [
  ["as the story body", (p) => renderArticleMarkdown(p)],
  ["as a link URL", (p) => renderArticleMarkdown(`[click](${p})`)],
  ["as link text", (p) => renderArticleMarkdown(`[${p}](https://example.com/)`)],
  ["as an image source", (p) => renderArticleMarkdown(`![x](${p})`)],
  ["as HTML given to the gate", (p) => sanitizeHtml(p, "article")],
];

function expectInert(payload: string, profile: "comment" | "article", shapes: Shape[]): void {
  for (const [label, render] of shapes) {
    const html = render(payload);
    expect(problemsIn(html, profile), `${label}, output: ${html}`).toEqual([]);
  }
}

describe("the shared XSS corpus", () => {
  it("holds all 207 one-line payloads and 19 multi-line payloads", () => {
    expect(payloads.filter((p) => p.name.startsWith("line ")).length).toBe(207);
    expect(payloads.filter((p) => p.name.startsWith("json ")).length).toBe(19);
  });
});

describe("a resident's comment is inert whatever payload it carries", () => {
  for (const { name, payload } of payloads) {
    it(name, () => expectInert(payload, "comment", COMMENT_SHAPES));
  }
});

describe("an editor's story body is inert whatever payload it carries", () => {
  for (const { name, payload } of payloads) {
    it(name, () => expectInert(payload, "article", ARTICLE_SHAPES));
  }
});
