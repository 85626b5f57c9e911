import { diffWords } from "diff";
import { isId } from "../../utils/http";
import type { ArticleForEditing } from "./newsroom.server";
import type { ArticleVersionView } from "./version.server";

/**
 * Two states of a story's text side by side, with the words one has and the other has not. The word
 * diff is jsdiff's (`diffWords`, docs/decisions/0022-comparing-versions.md); what comes out is plain
 * text in parts, which the page renders as text, so nothing typed into a story is ever read as HTML.
 */

/** The story as it is now, beside its earlier versions; every other choice is an `article_version` id. */
export const CURRENT_VERSION = "current";

export type VersionChoice = typeof CURRENT_VERSION | number;

export interface DiffPart {
  /** "same" on both sides; "removed" only on the older side; "added" only on the newer side. */
  change: "same" | "removed" | "added";
  text: string;
}

export interface ComparedField {
  field: "headline" | "summary" | "body";
  label: string;
  /** The older side's text in parts: what both have and what the newer one removed. */
  before: DiffPart[];
  /** The newer side's text in parts: what both have and what it added. */
  after: DiffPart[];
  changed: boolean;
}

export interface VersionOption {
  value: string;
  savedByName: string;
  savedAt: string;
  current: boolean;
}

export type VersionComparison =
  | { ok: true; from: VersionOption; to: VersionOption; fields: ComparedField[] }
  | { ok: false; message: string };

export interface VersionComparisonPage {
  options: VersionOption[];
  /** Null when the story has no earlier version to compare with. */
  comparison: VersionComparison | null;
}

/** Reads a `from`/`to` query value: "current", a version id, or null for anything else. */
export function parseVersionChoice(raw: string): VersionChoice | null {
  if (raw === CURRENT_VERSION) return CURRENT_VERSION;
  if (!/^\d{1,10}$/.test(raw)) return null;
  const id = Number.parseInt(raw, 10);
  return isId(id) ? id : null;
}

/** Words the newer text has and the older has not, and the other way round, as two lists of parts. */
export function compareTexts(older: string, newer: string): { before: DiffPart[]; after: DiffPart[]; changed: boolean } {
  const before: DiffPart[] = [];
  const after: DiffPart[] = [];
  let changed = false;
  for (const change of diffWords(older, newer)) {
    if (change.added) {
      changed = true;
      after.push({ change: "added", text: change.value });
    } else if (change.removed) {
      changed = true;
      before.push({ change: "removed", text: change.value });
    } else {
      before.push({ change: "same", text: change.value });
      after.push({ change: "same", text: change.value });
    }
  }
  return { before, after, changed };
}

interface ComparableText {
  option: VersionOption;
  headline: string;
  summary: string;
  bodySource: string;
}

function currentText(article: ArticleForEditing): ComparableText {
  return {
    option: { value: CURRENT_VERSION, savedByName: article.updatedByName ?? "an editor", savedAt: article.updatedAt, current: true },
    headline: article.headline,
    summary: article.summary,
    bodySource: article.bodySource,
  };
}

function versionText(version: ArticleVersionView): ComparableText {
  return {
    option: { value: String(version.id), savedByName: version.savedByName, savedAt: version.createdAt, current: false },
    headline: version.headline,
    summary: version.summary,
    bodySource: version.bodySource,
  };
}

/**
 * The choices for a story's comparison (its current text and `listArticleVersions`, newest first) and,
 * when it has earlier versions, the comparison itself:
 * by default the newest earlier version against the current text. `from` and `to` are the raw query
 * values (null when absent); a value that names no version of this story gives a message, not an error.
 */
export function compareArticleVersions(
  article: ArticleForEditing,
  versions: ArticleVersionView[],
  query: { from: string | null; to: string | null },
): VersionComparisonPage {
  const texts = [currentText(article), ...versions.map(versionText)];
  const options = texts.map((t) => t.option);
  if (versions.length === 0) return { options, comparison: null };

  const pick = (raw: string | null, fallback: ComparableText): ComparableText | undefined => {
    if (raw === null || raw === "") return fallback;
    const choice = parseVersionChoice(raw);
    if (choice === null) return undefined;
    return texts.find((t) => t.option.value === String(choice));
  };
  const from = pick(query.from, texts[1]!);
  const to = pick(query.to, texts[0]!);
  if (!from || !to) {
    return {
      options,
      comparison: {
        ok: false,
        message: "That version is not one of this story’s versions. Choose two versions from the lists.",
      },
    };
  }
  const fields: ComparedField[] = [
    { field: "headline", label: "Headline", ...compareTexts(from.headline, to.headline) },
    { field: "summary", label: "Summary", ...compareTexts(from.summary, to.summary) },
    { field: "body", label: "Body", ...compareTexts(from.bodySource, to.bodySource) },
  ];
  return { options, comparison: { ok: true, from: from.option, to: to.option, fields } };
}
