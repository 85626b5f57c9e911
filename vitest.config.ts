import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const alias = { "~": fileURLToPath(new URL("./app", import.meta.url)) };

// Tests that need only a database: they run against a database of their own (of the test dialect,
// tests/support/test-db.ts) and never touch build/, so `npm run test:unit` is the fast inner loop. These live in tests/integration/
// because they exercise real databases, but none of them starts the HTTP server. admin-cli.test.ts
// needs no build either, but it spawns the CLI through tsx (about 25 s), so it runs with the slow set.
// db-copy.test.ts spawns its CLI too, but only four times, in parallel where it can (about 15 s), and
// is skipped without a PostgreSQL server (PARLEY_TEST_POSTGRES_URL).
const databaseOnly = [
  "tests/integration/migrations.test.ts",
  "tests/integration/newsroom-migration.test.ts",
  "tests/integration/name-skeleton-migration.test.ts",
  "tests/integration/page-cache-bound.test.ts",
  "tests/integration/db-copy.test.ts",
];

// The unit project's tests that open a database. `npm test` runs them on SQLite and again on PostgreSQL
// (PARLEY_TEST_DATABASE=postgres, as the HTTP project); the rest of tests/unit touch no database, so
// the PostgreSQL pass leaves them out rather than run them twice (a new unit test that opens one
// through tests/support/test-db.ts belongs in this list). db-copy.test.ts reads SQLite and
// writes PostgreSQL whatever the test dialect, so it too runs once.
const unitOnDatabase = [
  "tests/unit/accounts-throttle.test.ts",
  "tests/unit/prepared-query.test.ts",
  "tests/unit/session.test.ts",
  ...databaseOnly.filter((file) => file !== "tests/integration/db-copy.test.ts"),
];
const unitInclude = process.env.PARLEY_TEST_DATABASE === "postgres" ? unitOnDatabase : ["tests/unit/**/*.test.ts", ...databaseOnly];

const shared = {
  environment: "node" as const,
  pool: "forks" as const,
  testTimeout: 30_000,
  hookTimeout: 60_000,
  // Any console.error during a test fails it, so swallowed errors surface (as the Epic Stack does).
  setupFiles: ["tests/setup/fail-on-console-error.ts"],
};

// Kept apart from vite.config.ts: Remix's Vite plugin is for the app build, not for tests.
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { ...shared, name: "unit", include: unitInclude },
      },
      {
        // Real HTTP against the production build (tests/support/test-server.ts imports build/server/index.js),
        // and the admin CLI run as a child process.
        resolve: { alias },
        test: {
          ...shared,
          name: "http",
          include: ["tests/integration/**/*.test.ts"],
          exclude: databaseOnly,
        },
      },
    ],
  },
});
