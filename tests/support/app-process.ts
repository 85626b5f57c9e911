import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** The production build (build/server.js) run as a process of its own, as an operator runs it. */
export interface RunningServer {
  name: string;
  baseUrl: string;
  child: ChildProcess;
  output: string[];
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => ok(port));
    });
  });
}

/** Spawns build/server.js on `port` with the environment an operator would give it, collecting its output. */
function spawnServer(name: string, port: number, databaseUrl: string, env: Record<string, string>): { child: ChildProcess; output: string[] } {
  const output: string[] = [];
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: "5",
    PARLEY_SEED: "off",
    OUTBOX_DIR: mkdtempSync(join(tmpdir(), `parley-outbox-${name}-`)),
    ...env,
  };
  const child = spawn(process.execPath, [resolve("build/server.js")], { env: base, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  return { child, output };
}

/**
 * Runs the server where it should refuse to start: resolves with its exit code and everything it
 * printed once it exits, or rejects (and stops it) if it is still running after `timeoutMs`.
 */
export async function runServerExpectingExit(
  name: string,
  databaseUrl: string,
  env: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<{ code: number | null; output: string }> {
  const { child, output } = spawnServer(name, await freePort(), databaseUrl, env);
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(new Error(`Server ${name} was still running after ${timeoutMs} ms: ${output.join("")}`));
    }, timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      // Let the last of its output arrive.
      setImmediate(() => ok({ code, output: output.join("") }));
    });
  });
}

export async function startServer(name: string, databaseUrl: string, env: Record<string, string> = {}, timeoutMs = 20_000): Promise<RunningServer> {
  const port = await freePort();
  const { child, output } = spawnServer(name, port, databaseUrl, env);
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < timeoutMs / 100; i++) {
    if (child.exitCode !== null) throw new Error(`Server ${name} exited: ${output.join("")}`);
    try {
      if ((await fetch(`${baseUrl}/about`)).status < 500) return { name, baseUrl, child, output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Server ${name} did not start: ${output.join("")}`);
}

export async function stopServer(server: RunningServer | undefined) {
  if (!server || server.child.exitCode !== null) return;
  const exited = new Promise((ok) => server.child.once("exit", ok));
  server.child.kill("SIGTERM");
  await exited;
}

export function request(server: RunningServer, path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (init.method && init.method !== "GET") headers.set("Origin", server.baseUrl);
  return fetch(new URL(path, server.baseUrl), { redirect: "manual", ...init, headers });
}

export function post(server: RunningServer, path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return request(server, path, { method: "POST", body: new URLSearchParams(fields), headers });
}

