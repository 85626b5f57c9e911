import { Presets, SingleBar } from "cli-progress";
import { CopyRefusedError, copySqliteToPostgres, type CopyResult } from "./copy";
import { DatabaseUrlError, DEFAULT_DATABASE_URL } from "./database";
import { MigrationError } from "./migrate";

const USAGE = `Usage: npm run db:copy -- --to postgres://user:password@host:5432/name [--from FILE]
Copies the SQLite database (FILE, else DATABASE_URL, else ${DEFAULT_DATABASE_URL}) into an empty PostgreSQL
database: every table with its ids, then the search index is rebuilt. Stop the site first: what it
writes during the copy is not copied. A target that has any rows is refused and left as it was.`;

// Arguments come in pairs: --to URL, --from FILE.
const args = process.argv.slice(2);
const given = new Map<string, string>();
for (let i = 0; i < args.length; i += 2) {
  const [name, value] = [args[i]!, args[i + 1]];
  if ((name !== "--to" && name !== "--from") || !value || value.startsWith("--")) {
    console.error(`${name === "--to" || name === "--from" ? `${name} needs a value.` : `Unknown argument: ${name}`}\n${USAGE}`);
    process.exit(2);
  }
  given.set(name, value);
}
const to = given.get("--to");
if (!to) {
  console.error(USAGE);
  process.exit(2);
}
const from = given.get("--from") ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;

// A bar on a terminal; on a pipe (CI, tests) the bar would only be noise.
const bar = process.stderr.isTTY ? new SingleBar({ format: "{bar} {percentage}% | {value}/{total} rows | {step}" }, Presets.shades_classic) : null;
let barStarted = false;
const started = Date.now();
try {
  const result = await copySqliteToPostgres(from, to, {
    onProgress: bar
      ? ({ step, done, total }) => {
          if (!barStarted) bar.start(total, 0, { step });
          barStarted = true;
          bar.update(done, { step });
        }
      : undefined,
  });
  bar?.stop();
  console.log(formatResult(result, Date.now() - started));
} catch (error) {
  bar?.stop();
  if (error instanceof CopyRefusedError || error instanceof DatabaseUrlError || error instanceof MigrationError) {
    console.error(error.message);
  } else {
    console.error(`The copy stopped: ${error instanceof Error ? error.message : String(error)}. The target was left empty (the copy is one transaction).`);
  }
  process.exitCode = 1;
}

function formatResult(result: CopyResult, ms: number): string {
  const total = result.tables.reduce((sum, { rows }) => sum + rows, 0);
  const width = Math.max(...result.tables.map(({ table }) => table.length), "total".length);
  const count = (n: number) => n.toLocaleString("en-GB").padStart(9);
  return [
    `Copied ${result.source} into ${result.target} in ${(ms / 1000).toFixed(1)} s:`,
    ...result.tables
      .toSorted((a, b) => a.table.localeCompare(b.table))
      .map(({ table, rows }) => `  ${table.padEnd(width)} ${count(rows)}`),
    `  ${"total".padEnd(width)} ${count(total)} rows in ${result.tables.length} tables`,
    `Ids kept and identity counters moved past them; search rebuilt for ${result.articlesIndexed.toLocaleString("en-GB")} stories.`,
    ...(result.leftOut.length ? [`Not copied, because the target has no place for them: ${result.leftOut.join(", ")}.`] : []),
  ].join("\n");
}
