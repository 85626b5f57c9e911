import { defineConfig } from "@playwright/test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * End-to-end tests drive Debian's Chromium (apt-get install -y chromium); Playwright never downloads a
 * browser here. CHROMIUM_PATH points at another build if needed.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromiumPath)) {
  throw new Error(`Chromium was not found at ${chromiumPath}. Install it with "apt-get install -y chromium" or set CHROMIUM_PATH.`);
}

const port = Number(process.env.E2E_PORT ?? 3199);
/**
 * Each port gets its own data folder (database, outbox), so two runs on different ports never collide.
 * It lives outside test-results/, which Playwright empties at the start of every run.
 */
export const e2eDataDir = `.cache/e2e-data-${port}`;
// Test files read this to find the server's database and mail outbox.
process.env.E2E_DATA_DIR = e2eDataDir;

/**
 * Every spec takes `test` from tests/e2e/support.ts, whose fixtures watch every page for errors and the
 * server's log for faults; a spec taking it straight from @playwright/test would run unwatched.
 */
const unwatched = readdirSync("tests/e2e").filter(
  (file) =>
    file.endsWith(".spec.ts") &&
    /import\s*\{[^}]*\b(test|expect)\b[^}]*\}\s*from\s*["']@playwright\/test["']/.test(readFileSync(join("tests/e2e", file), "utf8")),
);
if (unwatched.length > 0) {
  throw new Error(`Import test and expect from "./support", not from "@playwright/test", in: ${unwatched.join(", ")}.`);
}

export default defineConfig({
  testDir: "tests/e2e",
  // Fails the run if the server's log shows an error that no test's own check caught.
  globalTeardown: "./tests/e2e/global-teardown.ts",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: "chromium",
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
    trace: "off",
  },
  webServer: {
    // The production build (npm run build) on a fresh demo database, served as "npm run serve" serves it.
    // Its output also goes to server.log, which every test checks (tests/e2e/support.ts).
    command: `rm -rf ${e2eDataDir} && mkdir -p ${e2eDataDir} && NODE_ENV=production DATABASE_URL=${e2eDataDir}/parley.db OUTBOX_DIR=${e2eDataDir}/outbox PORT=${port} npm run serve 2>&1 | tee ${e2eDataDir}/server.log`,
    url: `http://127.0.0.1:${port}/`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
