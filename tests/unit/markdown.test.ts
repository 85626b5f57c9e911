import { describe, it, expect } from "vitest";
import {
  COMMENT_MAX_LENGTH,
  limitNesting,
  MAX_MARKDOWN_NESTING,
  renderArticleMarkdown,
  renderCommentMarkdown,
  sanitizeHtml,
} from "~/utils/markdown.server";

const COMMENT_REL = 'rel="nofollow ugc noopener"';

/** Every href/src value in an output, entity-decoded the way a browser would read it. */
function urlsIn(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((match) =>
    (match[1] ?? "")
      .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
      .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(parseInt(dec, 10)))
      .replace(/&amp;/g, "&"),
  );
}

function expectNoDangerousUrls(html: string): void {
  for (const url of urlsIn(html)) {
    expect(url.replace(/[\s\p{Cc}\p{Cf}]+/gu, "")).not.toMatch(/^(?:javascript|vbscript|data):/i);
  }
}

describe("renderCommentMarkdown", () => {
  it("renders paragraphs, emphasis and strong text", () => {
    const html = renderCommentMarkdown("First *point* and **second**.\n\nAnother paragraph.");
    expect(html).toContain("<p>First <em>point</em> and <strong>second</strong>.</p>");
    expect(html).toContain("<p>Another paragraph.</p>");
  });

  it("turns a single newline into a line break", () => {
    expect(renderCommentMarkdown("line one\nline two")).toBe("<p>line one<br />line two</p>\n");
  });

  it("keeps blockquotes and ordered and unordered lists", () => {
    const html = renderCommentMarkdown("> You said this\n\n1. first\n2. second\n\n- apples\n- pears");
    expect(html).toMatch(/<blockquote>\s*<p>You said this<\/p>\s*<\/blockquote>/);
    expect(html).toMatch(/<ol>\s*<li>first<\/li>\s*<li>second<\/li>\s*<\/ol>/);
    expect(html).toMatch(/<ul>\s*<li>apples<\/li>\s*<li>pears<\/li>\s*<\/ul>/);
  });

  it("keeps an ordered list's starting number", () => {
    expect(renderCommentMarkdown("3. third\n4. fourth")).toContain('<ol start="3">');
  });

  it("keeps inline code and code blocks, escaping what is inside them", () => {
    const html = renderCommentMarkdown("Use `a < b` here\n\n```js\nif (a < b) alert(1)\n```");
    expect(html).toContain("<code>a &lt; b</code>");
    expect(html).toContain('<pre><code class="language-js">if (a &lt; b) alert(1)');
  });

  it("links Markdown links with rel nofollow ugc noopener and no target", () => {
    const html = renderCommentMarkdown("[the council](https://council.example/minutes)");
    expect(html).toContain(`<a href="https://council.example/minutes" ${COMMENT_REL}>the council</a>`);
    expect(html).not.toContain("target=");
  });

  it("replaces any rel a link already had with nofollow ugc noopener", () => {
    expect(sanitizeHtml('<a href="https://x.example" rel="opener">x</a>', "comment")).toBe(
      `<a href="https://x.example" ${COMMENT_REL}>x</a>`,
    );
  });

  it("links bare http, https and www. addresses", () => {
    const html = renderCommentMarkdown("See https://bus.example/times or www.bins.example today");
    expect(html).toContain(`<a href="https://bus.example/times" ${COMMENT_REL}>https://bus.example/times</a>`);
    expect(html).toContain(`<a href="http://www.bins.example" ${COMMENT_REL}>www.bins.example</a>`);
  });

  it("keeps mailto, relative and fragment links", () => {
    const html = renderCommentMarkdown("[mail](mailto:ed@paper.example) [story](/articles/1) [up](#top)");
    expect(html).toContain(`<a href="mailto:ed@paper.example" ${COMMENT_REL}>mail</a>`);
    expect(html).toContain(`<a href="/articles/1" ${COMMENT_REL}>story</a>`);
    expect(html).toContain(`<a href="#top" ${COMMENT_REL}>up</a>`);
  });

  it("shows raw HTML typed by a resident as text", () => {
    const html = renderCommentMarkdown("I mean <b>hi</b> to you");
    expect(html).toBe("<p>I mean &lt;b&gt;hi&lt;/b&gt; to you</p>\n");
  });

  it("shows a raw HTML block as text instead of rendering or eating it", () => {
    const html = renderCommentMarkdown('<div onclick="alert(1)">\n<script>alert(1)</script>\n</div>');
    expect(html).toContain('&lt;div onclick="alert(1)"&gt;');
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<div");
  });

  it("does not render headings; the line stays plain paragraph text", () => {
    const html = renderCommentMarkdown("# Shouting\n\nUnderlined\n===");
    expect(html).not.toMatch(/<h\d/);
    expect(html).toContain("<p># Shouting</p>");
    expect(html).toContain("Underlined");
  });

  it("does not embed images; an image becomes a link labelled with its alt text", () => {
    const html = renderCommentMarkdown("![my cat](https://img.example/cat.jpg)");
    expect(html).not.toContain("<img");
    expect(html).toContain(`<a href="https://img.example/cat.jpg" ${COMMENT_REL}>my cat</a>`);
  });

  it("does not render tables or horizontal rules", () => {
    const html = renderCommentMarkdown("| a | b |\n|---|---|\n| 1 | 2 |\n\n---");
    expect(html).not.toContain("<table");
    expect(html).not.toContain("<hr");
    expect(html).toContain("| a | b |");
  });

  it("shows task list boxes as text, never as form inputs", () => {
    const html = renderCommentMarkdown("- [ ] mend the fence\n- [x] paint it");
    expect(html).not.toContain("<input");
    expect(html).toContain("[ ] mend the fence");
    expect(html).toContain("[x] paint it");
  });

  it("drops javascript:, vbscript: and data: links, leaving the link text", () => {
    const html = renderCommentMarkdown(
      "[a](javascript:alert(1)) [b](JavaScript:alert(1)) [c](vbscript:msgbox(1)) [d](data:text/html,<script>alert(1)</script>)",
    );
    expect(html).not.toContain("<a");
    expect(html).toContain("a b c");
    expectNoDangerousUrls(html);
  });

  it("drops a javascript: link spelled with character references", () => {
    const html = renderCommentMarkdown("[x](&#106;avascript:alert(1)) [y](&#x6A;avascript&#58;alert(1))");
    expect(html).not.toContain("<a");
    expect(html).toBe("<p>x y</p>\n");
  });

  it("does not link a javascript: address split by a tab or a NUL", () => {
    for (const source of ["[x](java\tscript:alert(1))", "[x](java\u0000script:alert(1))"]) {
      const html = renderCommentMarkdown(source);
      expect(html).not.toContain("<a");
      expectNoDangerousUrls(html);
    }
  });

  it("percent-encodes a tab inside an <angle-bracket> address, so it cannot spell a scheme", () => {
    // "java%09script:" is not a scheme to a browser (a scheme holds no "%"), so it reads as a
    // harmless relative path.
    const html = renderCommentMarkdown("[x](<java\tscript:alert(1)>)");
    expect(html).toBe(`<p><a href="java%09script:alert(1)" ${COMMENT_REL}>x</a></p>\n`);
    expectNoDangerousUrls(html);
  });

  it("shows an entity-obfuscated <a href> as text", () => {
    const html = renderCommentMarkdown('<a href="jav&#x09;ascript:alert(1)">x</a>');
    expect(html).not.toContain("<a");
    expect(html).toContain("&lt;a href=");
  });

  it("never shows a data: image, not even as a link", () => {
    const html = renderCommentMarkdown("![pic](data:image/svg+xml;base64,PHN2Zy8+)");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<a");
    expectNoDangerousUrls(html);
  });

  it("allows comments of up to 5,000 characters", () => {
    expect(COMMENT_MAX_LENGTH).toBe(5000);
  });
});

describe("renderArticleMarkdown", () => {
  it("renders h2 to h4 headings and demotes h1 to h2", () => {
    const html = renderArticleMarkdown("# Title\n\n## Section\n\n### Sub\n\n#### Minor\n\n###### Tiny");
    expect(html).not.toContain("<h1");
    expect(html).toContain("<h2>Title</h2>");
    expect(html).toContain("<h2>Section</h2>");
    expect(html).toContain("<h3>Sub</h3>");
    expect(html).toContain("<h4>Minor</h4>");
    expect(html).toContain("<h4>Tiny</h4>");
  });

  it("renders paragraphs, emphasis, quotes, lists, inline code and rules", () => {
    const html = renderArticleMarkdown("Some *news* and **more**.\n\n> quoted\n\n- one\n- two\n\n`x`\n\n---");
    expect(html).toContain("<p>Some <em>news</em> and <strong>more</strong>.</p>");
    expect(html).toMatch(/<blockquote>\s*<p>quoted<\/p>/);
    expect(html).toMatch(/<ul>\s*<li>one<\/li>/);
    expect(html).toContain("<code>x</code>");
    expect(html).toContain("<hr />");
  });

  it("renders images with http(s) or relative sources and keeps their alt text", () => {
    const html = renderArticleMarkdown(
      '![The new bridge](https://img.example/bridge.jpg "Opening day") ![Map](/uploads/map.png)',
    );
    expect(html).toContain('<img src="https://img.example/bridge.jpg" alt="The new bridge" title="Opening day" />');
    expect(html).toContain('<img src="/uploads/map.png" alt="Map" />');
  });

  it("gives an image from raw HTML an alt attribute even if the editor left it out", () => {
    expect(sanitizeHtml('<img src="/a.png">', "article")).toBe('<img src="/a.png" alt="" />');
  });

  it("renders tables, keeping column alignment", () => {
    const html = renderArticleMarkdown("| Ward | Votes |\n|:-----|------:|\n| North | 1,204 |");
    expect(html).toContain("<table>");
    expect(html).toContain('<th align="left">Ward</th>');
    expect(html).toContain('<td align="right">1,204</td>');
  });

  it("gives external links rel noopener and leaves internal and mailto links alone", () => {
    const html = renderArticleMarkdown(
      "[council](https://council.example) [archive](/articles/2) [editor](mailto:ed@paper.example)",
    );
    expect(html).toContain('<a href="https://council.example" rel="noopener">council</a>');
    expect(html).toContain('<a href="/articles/2">archive</a>');
    expect(html).toContain('<a href="mailto:ed@paper.example">editor</a>');
  });

  it("lets an editor's raw HTML through the allow-list", () => {
    const html = renderArticleMarkdown("<figure><img src=\"/p.jpg\" alt=\"Pier\"><figcaption>The pier</figcaption></figure>\n\nE = mc<sup>2</sup>");
    expect(html).toContain('<figure><img src="/p.jpg" alt="Pier" /><figcaption>The pier</figcaption></figure>');
    expect(html).toContain("mc<sup>2</sup>");
  });

  it("removes scripts, iframes, styles, forms, event handlers and style attributes from raw HTML", () => {
    const html = renderArticleMarkdown(
      [
        "<script>alert(1)</script>",
        '<iframe src="https://video.example"></iframe>',
        "<style>body{display:none}</style>",
        '<form action="/x"><input name="q"><button>Go</button></form>',
        '<p onclick="alert(1)" style="color:red">Kept text</p>',
        '<img src="/a.png" onerror="alert(1)">',
        "<svg><circle r=1 /></svg><math><mi>x</mi></math><object data=x></object><embed src=x>",
      ].join("\n\n"),
    );
    for (const fragment of ["<script", "<iframe", "<style", "<form", "<input", "<button", "<svg", "<math", "<object", "<embed", "onclick", "onerror", "style="]) {
      expect(html).not.toContain(fragment);
    }
    expect(html).not.toContain("alert(1)");
    expect(html).toContain("<p>Kept text</p>");
  });

  it("removes ids, names and classes from raw HTML but keeps a code block's language class", () => {
    const html = renderArticleMarkdown('<p id="main" class="big">x</p><a name="top">t</a>\n\n```ts\nconst a = 1;\n```');
    expect(html).not.toMatch(/\s(id|name)=/);
    expect(html).not.toContain('class="big"');
    expect(html).toContain('<code class="language-ts">');
  });

  it("drops javascript: links, however they are spelled", () => {
    const html = renderArticleMarkdown(
      [
        "[a](javascript:alert(1))",
        "[b](&#106;avascript:alert(1))",
        "[c](java\tscript:alert(1))",
        '<a href="jav&#x09;ascript:alert(1)">d</a>',
        '<a href="&#x2028;javascript:alert(1)">e</a>',
        '<a href=" &#14; javascript:alert(1)">f</a>',
      ].join(" "),
    );
    expect(html).not.toMatch(/<a\s/);
    expectNoDangerousUrls(html);
  });

  it("drops data: links and data: image sources", () => {
    const html = renderArticleMarkdown(
      "[pic](data:text/html;base64,PHNjcmlwdD4=) ![pic](data:image/png;base64,iVBORw0KGgo=)\n\n" +
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt="x">',
    );
    expect(html).not.toContain("<a");
    expect(html).not.toContain("<img");
    expectNoDangerousUrls(html);
  });

  it("shows task list boxes as text, never as form inputs", () => {
    const html = renderArticleMarkdown("- [x] done");
    expect(html).not.toContain("<input");
    expect(html).toContain("[x] done");
  });
});

describe("sanitizeHtml", () => {
  it("lets no HTML element outside the comment allow-list through", () => {
    expect(sanitizeHtml('<h2>Hi</h2><img src="https://x.example/a.png"><table><tr><td>1</td></tr></table>', "comment")).toBe("Hi1");
  });

  it("allows only http and https image sources in articles", () => {
    expect(sanitizeHtml('<img src="ftp://x.example/a.png"><img src="mailto:a@b">', "article")).toBe("");
    expect(sanitizeHtml('<img src="https://x.example/a.png">', "article")).toBe(
      '<img src="https://x.example/a.png" alt="" />',
    );
  });

  it("turns a link whose address it refused into plain text", () => {
    expect(sanitizeHtml('<a href="vbscript:msgbox(1)">hello</a>', "comment")).toBe("hello");
    expect(sanitizeHtml('<a href="vbscript:msgbox(1)">hello</a>', "article")).toBe("hello");
  });

  it("drops the contents of script, style, svg and math, not just the tags", () => {
    expect(sanitizeHtml("a<script>alert(1)</script><style>p{}</style><svg><text>s</text></svg><math><mi>m</mi></math>b", "article")).toBe("ab");
  });

  it("never passes on a target attribute", () => {
    expect(sanitizeHtml('<a href="https://x.example" target="_blank">x</a>', "article")).toBe(
      '<a href="https://x.example" rel="noopener">x</a>',
    );
  });
});

describe("deeply nested Markdown", () => {
  it("renders thousands of quote or list markers without running out of stack, nesting at most 16 deep", () => {
    for (const source of [">".repeat(1_900) + " deep", "> ".repeat(3_000) + "deep", "- ".repeat(1_500) + "deep", "1. ".repeat(1_500) + "deep", " ".repeat(4_000) + "- deep"]) {
      const started = performance.now();
      const html = renderCommentMarkdown(source);
      expect(performance.now() - started, source.slice(0, 12)).toBeLessThan(1_000);
      expect(html).toContain("deep");
      expect((html.match(/<blockquote>|<ul>|<ol>/g) ?? []).length).toBeLessThanOrEqual(MAX_MARKDOWN_NESTING);
    }
  });

  it("leaves ordinary quotes, lists and code alone", () => {
    const source = "> quoted\n>> twice\n\n- one\n  - two\n\n    code line\n\n3. third";
    expect(limitNesting(source)).toBe(source);
  });
});
