import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { openSqlite, parseDatabaseUrl, resolveDatabaseUrl } from "./database";

// npm run backup -- FILE: a consistent copy of the database, safe while the site is serving.
// SQLite: the online backup API copies pages in steps and restarts a step that a writer disturbed, so
// the copy is one moment's database; readers and writers of the live site carry on meanwhile (WAL).
// PostgreSQL: pg_dump in its custom format (one snapshot, restored with pg_restore).
const target = process.argv[2];
if (!target) {
  console.error("Usage: npm run backup -- FILE   (FILE must not exist yet)");
  process.exit(2);
}
const destination = resolve(target);
if (existsSync(destination)) {
  console.error(`${destination} exists already: choose a new file, so that no backup is overwritten by mistake.`);
  process.exit(2);
}
const database = parseDatabaseUrl();
if (database.dialect === "postgres") {
  const started = Date.now();
  const dump = spawnSync("pg_dump", ["--format=custom", "--no-owner", `--file=${destination}`, database.url], { stdio: ["ignore", "inherit", "pipe"], encoding: "utf8" });
  if (dump.error || dump.status !== 0) {
    const reason = dump.error ? `pg_dump could not be run (${dump.error.message}); install PostgreSQL's client tools` : dump.stderr.trim().split("\n")[0];
    console.error(`The backup failed: ${reason}`);
    process.exit(1);
  }
  console.log(`Backed up ${resolveDatabaseUrl()} to ${destination} with pg_dump: ${statSync(destination).size} bytes in ${((Date.now() - started) / 1000).toFixed(1)} s. Restore with: pg_restore --dbname=URL ${destination}`);
  process.exit(0);
}
const source = resolveDatabaseUrl();
if (source === ":memory:") {
  console.error("DATABASE_URL is :memory:, so there is nothing on disk to back up.");
  process.exit(2);
}
const sqlite = openSqlite(source);
try {
  const started = Date.now();
  const result = await sqlite.backup(destination);
  console.log(`Backed up ${source} to ${destination}: ${result.totalPages} pages in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
} catch (error) {
  console.error(`The backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  sqlite.close();
}
