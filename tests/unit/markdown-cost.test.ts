import { describe, expect, it } from "vitest";
import { COMMENT_MAX_LENGTH, renderMarkdown } from "~/utils/markdown.server";

/** `unit` repeated to exactly `length` characters. */
const fill = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
/** The text a reader sees: tags dropped, the entities marked writes turned back into characters. */
const textOf = (html: string) => html.replace(/<[^>]*>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");

describe("emphasis marks that marked cannot pair cheaply", () => {
  // Each shape packs `*`, `_` or `~` that never close into one paragraph; unlimited, marked rescans the
  // rest of the paragraph from every one of them (0.7 s for 5,000 characters of `a_*`, 6 s for 20,000).
  const hostile = ["a_*", "_*a", "*a_", "a_**", "a__*", "a_~", "a*~", "_a*"];

  for (const unit of hostile) {
    it(`spends the budget on ${JSON.stringify(unit)} repeated to a full comment, and shows the rest as typed`, () => {
      const source = fill(unit, COMMENT_MAX_LENGTH);
      const { html, overBudget } = renderMarkdown(source, "comment");
      expect(overBudget).toBe(true);
      // The first marks may still pair up into emphasis; past the budget every mark reads as typed,
      // and no letter is lost.
      const text = textOf(html).trim();
      expect(text.endsWith(source.slice(-2_000))).toBe(true);
      expect(text.replace(/[^a]/g, "")).toBe(source.replace(/[^a]/g, ""));
    });
  }

  it("applies the same budget to a story, scaled to its length", () => {
    const story = fill("a_*", 60_000);
    expect(renderMarkdown(story, "article").overBudget).toBe(true);
  });

  it("resets the budget for every render", () => {
    expect(renderMarkdown(fill("a_*", COMMENT_MAX_LENGTH), "comment").overBudget).toBe(true);
    const next = renderMarkdown("Then *this* is fine.", "comment");
    expect(next).toEqual({ html: "<p>Then <em>this</em> is fine.</p>\n", overBudget: false });
  });
});

describe("long words broken into many pieces", () => {
  // No budget is spent here: marked used to look ahead over the whole word from every piece (`a!a!...`
  // took 0.5 s at 20,000 characters); it now reads each piece from a bounded window, and the output is
  // exactly what it was.
  const shapes: Array<[string, string]> = [
    ["a!", "a!"],
    ["_a", "_a"],
    ["a__", "a__"],
    ["a[", "a["],
    ["a@", "a@"],
  ];
  for (const [unit, shown] of shapes) {
    it(`renders ${JSON.stringify(unit)} repeated to a full comment as the same text`, () => {
      const source = fill(unit, COMMENT_MAX_LENGTH);
      const { html, overBudget } = renderMarkdown(source, "comment");
      expect(overBudget).toBe(false);
      expect(textOf(html).trim()).toBe(fill(shown, COMMENT_MAX_LENGTH));
    });
  }

  it("keeps a run of spaces inside a line as typed", () => {
    const source = `a${" ".repeat(4000)}b`;
    expect(renderMarkdown(source, "comment").html).toBe(`<p>${source}</p>\n`);
  });

  it("still links an address and a long URL that come after a long word", () => {
    const word = "x".repeat(1000);
    const url = `https://example.org/${"p".repeat(900)}`;
    const { html } = renderMarkdown(`${word} write to desk@example.org or see ${url} today`, "comment");
    expect(html).toContain('<a href="mailto:desk@example.org" rel="nofollow ugc noopener">desk@example.org</a>');
    expect(html).toContain(`<a href="${url}" rel="nofollow ugc noopener">${url}</a>`);
  });
});

describe("ordinary Markdown under the limits", () => {
  it("renders emphasis, strong, strikethrough, links, code, lists and quotes as before", () => {
    const source = [
      "Some *emphasis*, some __strong__, a ~~mistake~~, snake_case_name and a [link](https://example.org).",
      "",
      "Inline `code_with *stars*` and:",
      "",
      "```",
      "a_*a_*a_*",
      "```",
      "",
      "- one *item*",
      "- two _items_",
      "",
      "> quoted **text**",
    ].join("\n");
    const { html, overBudget } = renderMarkdown(source, "comment");
    expect(overBudget).toBe(false);
    expect(html).toBe(
      "<p>Some <em>emphasis</em>, some <strong>strong</strong>, a <del>mistake</del>, snake_case_name and a " +
        '<a href="https://example.org" rel="nofollow ugc noopener">link</a>.</p>\n' +
        "<p>Inline <code>code_with *stars*</code> and:</p>\n" +
        "<pre><code>a_*a_*a_*\n</code></pre>\n" +
        "<ul>\n<li>one <em>item</em></li>\n<li>two <em>items</em></li>\n</ul>\n" +
        "<blockquote>\n<p>quoted <strong>text</strong></p>\n</blockquote>\n",
    );
  });

  it("lets a full comment of ordinary emphasis and underscored names through", () => {
    const source = fill("The *council* met on **Tuesday** about file_name_here and ~~old~~ plans. ", COMMENT_MAX_LENGTH);
    expect(renderMarkdown(source, "comment").overBudget).toBe(false);
  });

  it("lets a long story set in bold and italics through", () => {
    const paragraph = fill("***Every word of this paragraph is set in bold italics*** and _so is this_. ", 1_900);
    const story = Array.from({ length: 100 }, () => paragraph).join("\n\n");
    expect(renderMarkdown(story, "article").overBudget).toBe(false);
  });
});
