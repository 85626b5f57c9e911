import { existsSync, readFileSync } from "node:fs";
import { serverLogFaults, serverLogPath } from "./support";

/**
 * After the last test: anything the server logged as an error that no test's own check saw (between
 * tests, or after the last one) fails the run too.
 */
export default function checkServerLog() {
  const path = serverLogPath();
  if (!existsSync(path)) throw new Error(`The server's log ${path} is missing: playwright.config.ts's webServer writes it.`);
  const faults = serverLogFaults(readFileSync(path, "utf8"));
  if (faults.length > 0) throw new Error(`The server logged errors during the browser tests (${path}):\n${faults.join("\n")}`);
}
