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

export async function startServer(name: string, databaseUrl: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const output: string[] = [];
  const child = spawn(process.execPath, [resolve("build/server.js")], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: "5",
      PARLEY_SEED: "off",
      OUTBOX_DIR: mkdtempSync(join(tmpdir(), `parley-outbox-${name}-`)),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
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

