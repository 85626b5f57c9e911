/**
 * npx tsx bench/markdown.ts: how long the one Markdown module takes on the shapes that used to grow
 * faster than their length (issue 13). Prints the best of five renders per shape, for a full comment
 * and for a 200,000-character story; "!" marks a render that spent the emphasis budget.
 */
import { COMMENT_MAX_LENGTH, renderMarkdown, type SanitizeProfile } from "../app/utils/markdown.server";

const STORY_LENGTH = 200_000;
const SHAPES = ["a_*", "_*a", "a_**", "a_~", "*a", "_a", "a__", "a!", "a[", "`a``", "<", "[a][", "~a", "*a\n", "a  \n"];

const fill = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

function bestOfFive(source: string, profile: SanitizeProfile) {
  let best = Number.POSITIVE_INFINITY;
  let overBudget = false;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    overBudget = renderMarkdown(source, profile).overBudget;
    best = Math.min(best, performance.now() - started);
  }
  return `${best.toFixed(1)} ms${overBudget ? "!" : " "}`;
}

console.log(`${"shape".padEnd(10)}${"comment (5,000)".padStart(18)}${"story (200,000)".padStart(18)}`);
for (const shape of SHAPES) {
  const comment = bestOfFive(fill(shape, COMMENT_MAX_LENGTH), "comment");
  const story = bestOfFive(fill(shape, STORY_LENGTH), "article");
  console.log(`${JSON.stringify(shape).padEnd(10)}${comment.padStart(18)}${story.padStart(18)}`);
}
