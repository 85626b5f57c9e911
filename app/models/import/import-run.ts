import { closeSync, fstatSync, openSync, writeSync } from "node:fs";

/**
 * What one import run did: counts for the summary, and one line per record in the log file
 * (position in the export, what the record was, what became of it and why). Plain data, no database.
 */
export type RecordKind = "story" | "comment" | "account" | "category" | "record";
export type Outcome = "created" | "matched" | "skipped" | "bad";

export interface ImportSummary {
  source: string;
  counts: Record<RecordKind, Record<Outcome, number>>;
  /** Why records were skipped or refused, with how many each. */
  reasons: Record<string, number>;
  /** Bad records with their position, the first 20 (all of them are in the log). */
  problems: string[];
  seconds: number;
}

const KINDS: RecordKind[] = ["story", "comment", "account", "category", "record"];

export class ImportRun {
  source = "";
  private readonly counts = Object.fromEntries(
    KINDS.map((kind) => [kind, { created: 0, matched: 0, skipped: 0, bad: 0 }]),
  ) as Record<RecordKind, Record<Outcome, number>>;
  private readonly reasons: Record<string, number> = {};
  private readonly problems: string[] = [];
  private readonly started = Date.now();
  private readonly fd: number | null;

  /**
   * The log is appended to, never overwritten: each run writes its lines under a header with its
   * start time and the command that ran it, so an earlier run's reasons are still there after the next.
   */
  constructor(logPath?: string, command = "import") {
    this.fd = logPath ? openSync(logPath, "a") : null;
    if (this.fd !== null) {
      const separator = fstatSync(this.fd).size > 0 ? "\n" : "";
      writeSync(this.fd, `${separator}# ${new Date(this.started).toISOString()} ${command.replace(/\s+/g, " ")}\n`);
    }
  }

  /** One record's fate. `reason` is given for skipped and bad records (and notes on others). */
  record(input: { line: number; kind: RecordKind; id: string; outcome: Outcome; reason?: string }): void {
    this.counts[input.kind][input.outcome]++;
    if (input.reason && (input.outcome === "skipped" || input.outcome === "bad")) {
      const key = `${input.kind} ${input.outcome}: ${input.reason}`;
      this.reasons[key] = (this.reasons[key] ?? 0) + 1;
    }
    if (input.outcome === "bad" && this.problems.length < 20) {
      this.problems.push(`line ${input.line}: ${input.kind} ${input.id || "(no id)"}: ${input.reason ?? ""}`);
    }
    if (this.fd !== null) {
      writeSync(this.fd, `line ${input.line}\t${input.kind}\t${input.id || "-"}\t${input.outcome}\t${input.reason ?? ""}\n`);
    }
  }

  /** A remark on a record that was imported anyway ("its parent was not imported: kept as a top-level comment"). */
  note(input: { line: number; kind: RecordKind; id: string; note: string }): void {
    if (this.fd !== null) writeSync(this.fd, `line ${input.line}\t${input.kind}\t${input.id || "-"}\tnote\t${input.note}\n`);
  }

  count(kind: RecordKind, outcome: Outcome): number {
    return this.counts[kind][outcome];
  }

  finish(): ImportSummary {
    if (this.fd !== null) closeSync(this.fd);
    return {
      source: this.source,
      counts: structuredClone(this.counts),
      reasons: { ...this.reasons },
      problems: [...this.problems],
      seconds: (Date.now() - this.started) / 1000,
    };
  }
}

/** The summary as the command prints it. */
export function formatSummary(summary: ImportSummary): string {
  const c = summary.counts;
  const lines = [
    `Imported from ${summary.source || "(unknown site)"} in ${summary.seconds.toFixed(1)} s:`,
    `  stories:    ${c.story.created} created, ${c.story.matched} already here, ${c.story.skipped} skipped, ${c.story.bad} bad`,
    `  comments:   ${c.comment.created} created, ${c.comment.matched} already here, ${c.comment.skipped} skipped, ${c.comment.bad} bad`,
    `  accounts:   ${c.account.created} created, ${c.account.matched} matched`,
    `  categories: ${c.category.created} created, ${c.category.matched} matched`,
  ];
  if (c.record.skipped || c.record.bad) lines.push(`  other records: ${c.record.skipped} skipped, ${c.record.bad} bad`);
  const reasons = Object.entries(summary.reasons);
  if (reasons.length) {
    lines.push("Skipped or refused:");
    for (const [reason, n] of reasons.sort((a, b) => b[1] - a[1])) lines.push(`  ${n} × ${reason}`);
  }
  if (summary.problems.length) {
    lines.push("Bad records (see the log for all):");
    for (const problem of summary.problems) lines.push(`  ${problem}`);
  }
  const created = c.story.created + c.comment.created + c.account.created + c.category.created;
  const matched = c.story.matched + c.comment.matched;
  if (created === 0) {
    lines.push(
      matched > 0
        ? "Nothing new was imported: everything in the file that could be imported is already here."
        : "Nothing was imported: the file holds no story or comment that could be imported (the reasons are above and in the log).",
    );
  }
  return lines.join("\n");
}
