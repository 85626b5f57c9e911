import { createDatabase, resolveDatabaseUrl } from "./database";
import { migrateToLatest, MigrationError } from "./migrate";
import { clearDatabase, DEMO_ACCOUNTS, DEMO_PASSWORD, isDatabaseEmpty, seedDemo } from "./seed";

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== "--reset");
if (unknown.length) {
  console.error(`Unknown argument: ${unknown.join(" ")}\nUsage: npm run db:seed [-- --reset]`);
  process.exit(2);
}
const reset = args.includes("--reset");

const db = createDatabase();
try {
  await migrateToLatest(db);
  if (!(await isDatabaseEmpty(db))) {
    if (!reset) {
      console.log(`${resolveDatabaseUrl()} already has content. Use "npm run db:seed -- --reset" to rebuild the demo.`);
      process.exit(0);
    }
    await clearDatabase(db);
  }
  const started = Date.now();
  const summary = await seedDemo(db);
  console.log(
    `Seeded ${summary.articles} stories, ${summary.users} people and ${summary.comments} comments ` +
      `(the biggest thread: ${summary.biggestArticle.comments} on /articles/${summary.biggestArticle.slug}) ` +
      `in ${((Date.now() - started) / 1000).toFixed(1)}s.`,
  );
  console.log(`Demo accounts (password "${DEMO_PASSWORD}"): ${Object.values(DEMO_ACCOUNTS).join(", ")}`);
} catch (error) {
  console.error(error instanceof MigrationError ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
