import { createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";
import { exportJson } from "../app/models/import/json-export.server";
import { exportWordPress } from "../app/models/import/wordpress-export.server";
import { createDatabase } from "./database";
import { migrateToLatest } from "./migrate";

// npm run export -- wordpress FILE.xml: the whole site as a WordPress export (WXR 1.2).
// npm run export -- json DIR: every table as JSON Lines plus manifest.json (docs/export-format.md).
const [kind, target] = process.argv.slice(2);
if ((kind !== "wordpress" && kind !== "json") || !target) {
  console.error(
    "Usage: npm run export -- wordpress FILE.xml   (PARLEY_ORIGIN sets the site address written in it)\n" +
      "       npm run export -- json DIR             (one JSON Lines file per table; see docs/export-format.md)",
  );
  process.exit(2);
}

function fileWriter(path: string) {
  const out = createWriteStream(path);
  return {
    write: (chunk: string) => (out.write(chunk) ? undefined : new Promise<void>((ok) => out.once("drain", () => ok()))),
    close: () => new Promise<void>((ok, fail) => out.end((error?: Error | null) => (error ? fail(error) : ok()))),
  };
}

const db = createDatabase();
try {
  await migrateToLatest(db);
  if (kind === "wordpress") {
    const out = fileWriter(target);
    const origin = (process.env.PARLEY_ORIGIN ?? "http://localhost:3000").replace(/\/+$/, "");
    const counts = await exportWordPress(db, { origin, siteName: "Parley", write: out.write });
    await out.close();
    console.log(`Exported ${counts.stories} stories and ${counts.comments} comments to ${target}.`);
  } else {
    mkdirSync(target, { recursive: true });
    const counts = await exportJson(db, { open: (name) => fileWriter(join(target, name)) });
    const rows = Object.values(counts).reduce((sum, n) => sum + n, 0);
    console.log(`Exported ${rows} rows from ${Object.keys(counts).length} tables to ${target} (manifest.json lists them).`);
  }
} catch (error) {
  console.error(`The export failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
