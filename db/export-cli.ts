import { createWriteStream } from "node:fs";
import { exportWordPress } from "../app/models/import/wordpress-export.server";
import { createDatabase } from "./database";
import { migrateToLatest } from "./migrate";

// npm run export -- wordpress FILE.xml: the whole site as a WordPress export (WXR 1.2).
const [kind, file] = process.argv.slice(2);
if (kind !== "wordpress" || !file) {
  console.error("Usage: npm run export -- wordpress FILE.xml   (PARLEY_ORIGIN sets the site address written in it)");
  process.exit(2);
}
const db = createDatabase();
const out = createWriteStream(file);
const write = (chunk: string) => (out.write(chunk) ? undefined : new Promise<void>((ok) => out.once("drain", () => ok())));
try {
  await migrateToLatest(db);
  const origin = (process.env.PARLEY_ORIGIN ?? "http://localhost:3000").replace(/\/+$/, "");
  const counts = await exportWordPress(db, { origin, siteName: "Parley", write });
  await new Promise<void>((ok, fail) => out.end((error?: Error | null) => (error ? fail(error) : ok())));
  console.log(`Exported ${counts.stories} stories and ${counts.comments} comments to ${file}.`);
} catch (error) {
  console.error(`The export failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
