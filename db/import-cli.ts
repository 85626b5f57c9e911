import { SingleBar, Presets } from "cli-progress";
import { existsSync } from "node:fs";
import { importWordPress, type ImportOptions } from "../app/models/import/wordpress.server";
import { importDisqus } from "../app/models/import/disqus.server";
import { formatSummary, type ImportSummary } from "../app/models/import/import-run";
import { WrongFormatError } from "../app/models/import/xml-records";
import { usableEmail } from "../app/models/import/imported-account.server";
import { createDatabase, resolveDatabaseUrl } from "./database";
import { migrateToLatest } from "./migrate";

const USAGE = `Usage:
  npm run import -- wordpress FILE.xml [--log FILE] [--match-staff EMAIL...]   a WordPress export (Tools > Export, WXR 1.1 or 1.2)
  npm run import -- disqus FILE.xml [--log FILE]      a Disqus export
Runs again safely: what is already here is matched, only what is new is added. The log (FILE.xml.log
unless --log says otherwise) has a line for every record and what became of it; each run adds its
lines under a header with its date and command, after those of the runs before.
Comments by guests (any Disqus post, a WordPress comment with no user) never join an account here.
The WordPress site's own users are matched to accounts here by address, but never to a staff account
unless its address is named after --match-staff.`;

const [kind, file, ...rest] = process.argv.slice(2);
const logIndex = rest.indexOf("--log");
const logPath = logIndex >= 0 ? rest[logIndex + 1] : file ? `${file}.log` : undefined;
const matchStaffIndex = rest.indexOf("--match-staff");
const matchStaff: string[] = [];
if (matchStaffIndex >= 0) {
  for (const arg of rest.slice(matchStaffIndex + 1)) {
    if (arg.startsWith("--")) break;
    matchStaff.push(arg);
  }
}
const badStaffAddress = matchStaff.find((email) => !usableEmail(email));

if (
  (kind !== "wordpress" && kind !== "disqus") ||
  !file ||
  !existsSync(file) ||
  (logIndex >= 0 && !logPath) ||
  (matchStaffIndex >= 0 && (kind !== "wordpress" || matchStaff.length === 0 || badStaffAddress !== undefined))
) {
  const problem =
    file && !existsSync(file)
      ? `There is no file ${file}.\n\n`
      : badStaffAddress !== undefined
        ? `--match-staff takes email addresses; "${badStaffAddress}" is not one.\n\n`
        : matchStaffIndex >= 0 && kind === "disqus"
          ? "--match-staff is for WordPress imports: every Disqus commenter is a guest.\n\n"
          : "";
  console.error(`${problem}${USAGE}`);
  process.exit(2);
}

const db = createDatabase();
// A bar on a terminal; on a pipe (CI, tests) the bar would only be noise.
const bar = process.stderr.isTTY ? new SingleBar({ format: "{bar} {percentage}% | {value}/{total} MB | {eta_formatted} left" }, Presets.shades_classic) : null;
const options: ImportOptions = {
  logPath,
  matchStaff,
  command: ["npm run import --", ...process.argv.slice(2).map((arg) => (/[\s"']/.test(arg) ? JSON.stringify(arg) : arg))].join(" "),
  onProgress: bar
    ? ({ bytesRead, totalBytes }) => {
        const mb = (n: number) => Math.round(n / 1e5) / 10;
        if (!bar.getTotal() || bar.getTotal() === 100) bar.start(mb(totalBytes), 0);
        bar.update(mb(bytesRead));
      }
    : undefined,
};
try {
  await migrateToLatest(db);
  const summary: ImportSummary = kind === "wordpress" ? await importWordPress(db, file, options) : await importDisqus(db, file, options);
  bar?.stop();
  console.log(formatSummary(summary));
  console.log(`Into ${resolveDatabaseUrl()}; every record's outcome is in ${logPath}.`);
  console.log(`Peak memory: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB.`);
} catch (error) {
  bar?.stop();
  if (error instanceof WrongFormatError) {
    // Found before any record was read: the wrong file, or the wrong kind of import for it.
    console.error(`${file}: ${error.message}\nNothing was imported.`);
    process.exitCode = 2;
  } else {
    const summary = (error as { summary?: ImportSummary }).summary;
    if (summary) console.log(formatSummary(summary));
    console.error(`The import stopped: ${error instanceof Error ? error.message : String(error)}`);
    console.error("What was imported before that point is kept; running the import again after fixing the file adds the rest.");
    process.exitCode = 1;
  }
} finally {
  await db.destroy();
}
