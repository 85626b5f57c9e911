/**
 * Page cases driven by wrk (Debian's `wrk`, written in C): a client that is not itself the bottleneck,
 * so a bare node:http server can show what the machine serves (issue 27, part 7). autocannon, in Node
 * on the same two cores, tops out near the server's own speed. Each case is a Lua script wrk runs:
 * the paths of one page view in turn (a story page and its reader's layer), each view with the next
 * reader's cookie, asking for gzip as browsers do.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CaseResult } from "./report";

export function wrkAvailable(): boolean {
  try {
    execFileSync("wrk", ["--version"], { stdio: "ignore" });
    return true;
  } catch (error) {
    // wrk prints its version and exits 1; only a missing program throws ENOENT.
    return (error as NodeJS.ErrnoException).code !== "ENOENT";
  }
}

export interface WrkCase {
  /** http://host:port */
  origin: string;
  /** The requests of one page view, in order (the page, then its layer). */
  paths: string[];
  /** One cookie a view, in turn; none for a visitor. */
  cookies?: string[];
  seconds: number;
  connections: number;
}

const lua = (value: string) => JSON.stringify(value); // a JSON string is a valid Lua string for these values

function script(c: WrkCase): string {
  return `
local paths = { ${c.paths.map(lua).join(", ")} }
local cookies = { ${(c.cookies ?? []).map(lua).join(", ")} }
local n = 0
request = function()
  local view = math.floor(n / #paths)
  local path = paths[(n % #paths) + 1]
  n = n + 1
  local headers = { ["Accept-Encoding"] = "gzip" }
  if #cookies > 0 then headers["Cookie"] = cookies[(view % #cookies) + 1] end
  return wrk.format("GET", path, headers)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK-RESULT %d %d %d %.1f %.1f %d %d\\n", summary.requests, summary.bytes, summary.duration,
    latency:percentile(50), latency:percentile(99), e.status, e.connect + e.read + e.write + e.timeout))
end
`;
}

/** Runs one case; requests a second are divided by the requests of a view, so the figure is page views. */
export async function runWrk(name: string, c: WrkCase): Promise<CaseResult> {
  const dir = mkdtempSync(join(tmpdir(), "parley-wrk-"));
  try {
    const file = join(dir, "case.lua");
    writeFileSync(file, script(c));
    const args = ["-t", "2", "-c", String(c.connections), "-d", `${c.seconds}s`, "--timeout", "5s", "-s", file, `${c.origin}${c.paths[0]}`];
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn("wrk", args, { stdio: ["ignore", "pipe", "inherit"] });
      let out = "";
      child.stdout.on("data", (chunk) => (out += chunk));
      child.on("error", reject);
      child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`wrk exited ${code}: ${out}`))));
    });
    const line = /WRK-RESULT (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+) (\d+) (\d+)/.exec(output);
    if (!line) throw new Error(`wrk said nothing usable for "${name}": ${output}`);
    const [requests, bytes, durationUs, p50Us, p99Us, non2xx, errors] = line.slice(1).map(Number) as number[];
    const perView = c.paths.length;
    return {
      name,
      requestsPerSecond: Math.round(requests! / (durationUs! / 1e6) / perView),
      p50Ms: Math.round(p50Us! / 100) / 10,
      p99Ms: Math.round(p99Us! / 100) / 10,
      bytesPerPage: requests ? Math.round((bytes! / requests!) * perView) : 0,
      non2xx: non2xx!,
      ok2xx: requests! - non2xx!,
      errors: errors!,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
