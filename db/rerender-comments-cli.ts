import { rerenderAllComments } from "../app/models/comment/writing.server";
import { createDatabase, resolveDatabaseUrl } from "./database";
import { migrateToLatest } from "./migrate";

// npm run comments:rerender: rebuild every comment's stored HTML after the rendering rules change.
const db = createDatabase();
try {
  await migrateToLatest(db);
  const started = Date.now();
  const changed = await rerenderAllComments(db);
  console.log(`Re-rendered comments in ${resolveDatabaseUrl()}: ${changed} changed (${((Date.now() - started) / 1000).toFixed(1)}s).`);
} catch (error) {
  console.error(`Re-rendering failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
