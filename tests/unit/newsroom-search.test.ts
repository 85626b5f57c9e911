import { describe, expect, it } from "vitest";
import { areCommentsOpen, parseCommentsCloseAfterDays } from "../../app/models/article/reading.server";
import { effectiveStatus } from "../../app/models/article/newsroom.server";
import { toFtsQuery } from "../../app/models/search/sqlite.server";
import { MATCH_END, MATCH_START, searchTerms, snippetToHtml, textOfHtml } from "../../app/models/search/search.server";

describe("turning what a reader typed into search terms", () => {
  it("keeps words of letters and digits, in any script, and drops the rest", () => {
    expect(searchTerms('"ferry" (timetable) OR* 2026: Càrn')).toEqual(["ferry", "timetable", "2026", "Càrn"]);
    expect(searchTerms("Ὀδυσσεύς Пётр 東京")).toEqual(["Ὀδυσσεύς", "Пётр", "東京"]);
  });

  it("ignores search operators typed in capitals, but not the same words in lower case", () => {
    expect(searchTerms("AND OR NOT NEAR")).toEqual([]);
    expect(searchTerms("not or and")).toEqual(["not", "or", "and"]);
  });

  it("finds nothing to search in punctuation, emoji or nothing at all", () => {
    for (const q of ["", "   ", '"', "*", "(", ")", "🦀🎉", "'\\%_-^:"]) expect(searchTerms(q), q).toEqual([]);
  });

  it("reads at most 200 characters and 12 words", () => {
    expect(searchTerms("x".repeat(5000))).toEqual(["x".repeat(200)]);
    expect(searchTerms("word ".repeat(100))).toHaveLength(12);
  });

  it("quotes every term for FTS5 and lets the last one match as a prefix", () => {
    expect(toFtsQuery(["harbour", "ferr"])).toBe('"harbour" "ferr"*');
  });
});

describe("snippets", () => {
  it("escape everything from the stored text and mark only the matches", () => {
    const html = snippetToHtml(`a <b>bold</b> & ${MATCH_START}ferry${MATCH_END} "quoted" 'x'`);
    expect(html).toBe("a &lt;b&gt;bold&lt;/b&gt; &amp; <mark>ferry</mark> &quot;quoted&quot; &#39;x&#39;");
  });

  it("never leave a mark open or close one that was not opened", () => {
    expect(snippetToHtml(`${MATCH_END}a ${MATCH_START}b`)).toBe("a <mark>b</mark>");
    expect(snippetToHtml(`${MATCH_START}${MATCH_START}a${MATCH_END}${MATCH_END}`)).toBe("<mark>a</mark>");
  });

  it("are made from the story's text, not its markup", () => {
    expect(textOfHtml('<p>Fish &amp; chips &lt;3</p>\n<p>at <a href="/x">the pier</a>\uE000</p>')).toBe("Fish & chips <3 at the pier");
  });
});

describe("publication and comments over time", () => {
  const now = "2026-11-22T12:00:00.000Z";

  it("counts a scheduled story whose time has come as published", () => {
    expect(effectiveStatus({ status: "scheduled", published_at: "2026-11-22T11:59:59.000Z" }, now)).toBe("published");
    expect(effectiveStatus({ status: "scheduled", published_at: "2026-11-22T12:00:01.000Z" }, now)).toBe("scheduled");
    expect(effectiveStatus({ status: "draft", published_at: "2026-01-01T00:00:00.000Z" }, now)).toBe("draft");
  });

  it("closes comments N days after publication when the site says so", () => {
    const article = { commentsOpen: true, publishedAt: "2026-11-15T12:00:00.000Z" };
    expect(areCommentsOpen(article, { commentsCloseAfterDays: 0 }, now)).toBe(true);
    expect(areCommentsOpen(article, { commentsCloseAfterDays: 8 }, now)).toBe(true);
    expect(areCommentsOpen(article, { commentsCloseAfterDays: 7 }, now)).toBe(false);
    expect(areCommentsOpen({ ...article, commentsOpen: false }, { commentsCloseAfterDays: 0 }, now)).toBe(false);
    expect(areCommentsOpen({ commentsOpen: 1, publishedAt: null }, { commentsCloseAfterDays: 1 }, now)).toBe(true);
  });

  it("reads the stored setting leniently: anything odd means off", () => {
    expect(parseCommentsCloseAfterDays("14")).toBe(14);
    expect(parseCommentsCloseAfterDays('"7"')).toBe(7);
    for (const raw of [undefined, null, "", "0", "-3", "2.5", "{", '"soon"']) expect(parseCommentsCloseAfterDays(raw), String(raw)).toBe(0);
  });
});
