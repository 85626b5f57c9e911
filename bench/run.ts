/**
 * npm run bench: Parley's speed, measured against the limit of this machine.
 *
 * Starts the production build on a fresh demo database, and in the same run a bare node:http server
 * that answers with the 300-comment story's HTML as a fixed string (what a static file server would
 * do). Then it loads each case with autocannon and prints requests/s, latency, bytes per page and the
 * ratio to the bare server, and writes the figures to bench-results/ so runs can be compared.
 *
 * --db sqlite (the default), --db postgres or --db both (one after the other, printed side by side)
 * chooses the database. PostgreSQL runs on a new database created on BENCH_POSTGRES_URL's server (else
 * PARLEY_TEST_POSTGRES_URL's, else the throwaway cluster of scripts/test-postgres.sh) and dropped at the
 * end, also after a failure or Ctrl-C; DATABASE_POOL_SIZE sets the server's pool as in production.
 *
 * BENCH_SECONDS (default 10) sets the length of each case; BENCH_CONNECTIONS (default 16) the load.
 * The live-updates case (bench/live.ts) opens BENCH_LIVE_STREAMS (default 1,000) event streams on one
 * story and posts BENCH_LIVE_POSTS (default 20) comments to it; --only live runs that case alone.
 * --only posting measures the two posting cases alone (no page cases, no bare server): a quicker run
 * for comparing the databases' writes back to back.
 */
import autocannon from "autocannon";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { createDatabase, type Dialect } from "../db/database";
import { createSession, hashToken, SESSION_COOKIE } from "../app/auth/session.server";
import { toggleLike } from "../app/models/comment/posting.server";
import { reportComment } from "../app/models/comment/report.server";
import { makeComment, makeUser } from "../tests/factories";
import { createBenchDatabase, DIALECT_NAMES, DIALECTS, type BenchDatabase } from "./databases";
import { measureLive, type LiveResult } from "./live";
import { describeMachine, printReports, type CaseResult, type DatabaseReport } from "./report";
import { runWrk, wrkAvailable } from "./wrk";
import { postInBackground } from "./under-writes";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const PORT = Number(process.env.BENCH_PORT ?? 3290);
const LIVE_STREAMS = Number(process.env.BENCH_LIVE_STREAMS ?? 1_000);
const LIVE_POSTS = Number(process.env.BENCH_LIVE_POSTS ?? 20);
/** --only live: just the live-updates case (no accounts for the other cases, no bare server). */
const ONLY_LIVE = process.argv.includes("--only") && process.argv[process.argv.indexOf("--only") + 1] === "live";
/** --only posting: just the two posting cases (no page cases, no bare server), to compare the databases' writes. */
const ONLY_POSTING = process.argv.includes("--only") && process.argv[process.argv.indexOf("--only") + 1] === "posting";
const BARE_PORT = PORT + 1;
const base = `http://127.0.0.1:${PORT}`;
const outDir = resolve("bench-results");
const dataDir = join(outDir, `data-${process.pid}`);

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

async function waitForServer(url: string, child: ChildProcess) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`The server exited early (code ${child.exitCode}).`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("The server did not start within 150 seconds.");
}

/**
 * The node arguments of "npm run serve" (its heap limits and the compiled server), read from
 * package.json so that the bench measures the server exactly as it runs in production. Started without
 * npm in between, so that the memory sampled is the server's own.
 */
function serveArguments(): string[] {
  const serve: string = JSON.parse(readFileSync("package.json", "utf8")).scripts.serve;
  const command = /\bnode((?: --[\w-]+(?:=\S+)?)*) (\S+\.js)$/.exec(serve);
  if (!command) throw new Error(`bench/run.ts could not read the node command in package.json's "serve": ${serve}`);
  return [...command[1]!.trim().split(" ").filter(Boolean), command[2]!];
}

/** Resident memory of the server and its children, in MB. */
function rssMb(pid: number): number {
  try {
    const out = execFileSync("ps", ["-o", "rss=", "--pid", String(pid), "--ppid", String(pid)], { encoding: "utf8" });
    return out.split("\n").filter(Boolean).reduce((sum, kb) => sum + Number(kb.trim()), 0) / 1024;
  } catch {
    return 0;
  }
}

const useWrk = process.env.BENCH_CLIENT !== "autocannon" && wrkAvailable();

/** autocannon's form of a page case: the paths of a view in turn, each view with the next cookie. */
function autocannonCase(origin: string, paths: string[], cookies?: string[]): autocannon.Options & { requestsPerView: number } {
  let n = 0;
  return {
    url: `${origin}${paths[0]}`,
    requestsPerView: paths.length,
    requests: paths.map((path) => ({
      method: "GET" as const,
      path,
      setupRequest: (request: autocannon.Request) => {
        const view = Math.floor(n++ / paths.length);
        const headers: Record<string, string> = { ...(request.headers as Record<string, string>), "accept-encoding": "gzip" };
        if (cookies?.length) headers.cookie = cookies[view % cookies.length]!;
        return { ...request, headers };
      },
    })),
  };
}

/**
 * Loads one case. A case whose page view is more than one request (a story page and its personal layer,
 * ADR 18) reports page views a second: the requests divided by requestsPerView.
 */
async function load(name: string, options: autocannon.Options & { requestsPerView?: number }): Promise<CaseResult> {
  log(`  ${name} ...`);
  const { requestsPerView = 1, ...rest } = options;
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...rest });
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average / requestsPerView),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    bytesPerPage: result.requests.total ? Math.round(result.throughput.total / result.requests.total) : 0,
    non2xx: result.non2xx,
    ok2xx: result["2xx"],
    errors: result.errors,
  };
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Seeds the database, starts Parley on it, and runs every case; stops what it started, whatever happens. */
async function measure(database: BenchDatabase): Promise<DatabaseReport> {
  const name = DIALECT_NAMES[database.dialect];
  const databaseUrl = database.url;
  log(`${name}: seeding a fresh demo database (${database.description})...`);
  // Seeded by its own process, as "npm run db:seed" would, so the server's memory is its own.
  execFileSync(process.execPath, ["--import", "tsx", "db/seed-cli.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "ignore", "inherit"],
  });
  log(`${name}: starting Parley...`);
  const server = spawn(process.execPath, serveArguments(), {
    env: { ...process.env, NODE_ENV: "production", PORT: String(PORT), DATABASE_URL: databaseUrl, OUTBOX_DIR: join(dataDir, "outbox") },
    stdio: ["ignore", "ignore", "inherit"],
  });
  running.add(server);
  let bare: ChildProcess | undefined;
  let peakRss = 0;
  const memory = setInterval(() => (peakRss = Math.max(peakRss, rssMb(server.pid!))), 250);
  const db = createDatabase(databaseUrl);
  try {
    await waitForServer(`${base}/`, server);
    const stories = await db
      .selectFrom("article")
      .select(["id", "slug", "comment_count"])
      .where("status", "=", "published")
      .orderBy("comment_count", "desc")
      .orderBy("id")
      .execute();
    const biggest = stories[0]!;
    const around300 = stories.find((s) => s.comment_count >= 250 && s.comment_count <= 400) ?? stories[1]!;

    // Readers with sessions, and writers: trusted, verified, enough of them to stay under the posting limits.
    log("Creating bench accounts and sessions...");
    const readerCookies: string[] = [];
    const writerCookies: string[] = [];
    // Reader kinds beside them (ADR 18): residents who wrote, who reported, and moderators.
    const kindCookies = { written: [] as string[], reported: [] as string[], moderator: [] as string[] };
    const kindIds = { written: [] as number[], reported: [] as number[] };
    const stamp = Date.now().toString(36);
    const readerCount = ONLY_LIVE ? 0 : 40;
    const kindCount = ONLY_LIVE || ONLY_POSTING ? 0 : 100;
    for (let i = 0; i < (ONLY_LIVE ? LIVE_POSTS : 2040) + kindCount; i++) {
      const kind = i < 2040 ? null : i < 2080 ? "written" : i < 2120 ? "reported" : "moderator";
      const user = await makeUser(db, {
        email: `bench-${stamp}-${i}@bench.example`,
        displayName: `Bench ${stamp} ${i}`,
        createdAt: new Date(Date.now() - 90 * 86_400_000).toISOString(),
        role: kind === "moderator" ? "moderator" : "resident",
      });
      await db.updateTable("user").set({ trusted: 1 }).where("id", "=", user.id).execute();
      const { token } = await createSession(db, user.id, { userAgent: "bench" });
      const cookie = `${SESSION_COOKIE}=${token}`;
      if (kind) {
        kindCookies[kind].push(cookie);
        if (kind !== "moderator") kindIds[kind].push(user.id);
      } else (i < readerCount ? readerCookies : writerCookies).push(cookie);
    }
    const live = async (meanwhile?: { name: string; run: () => Promise<unknown> }): Promise<{ row: CaseResult; live: LiveResult }> => {
      const result = await measureLive({
        base,
        article: around300,
        writerCookies,
        streams: LIVE_STREAMS,
        posts: LIVE_POSTS,
        serverRssMb: () => rssMb(server.pid!),
        log,
        meanwhile,
      });
      const row: CaseResult = {
        name: `live updates, ${result.streams.toLocaleString("en-GB")} streams${meanwhile ? `, while ${meanwhile.name}` : ""}: from a post's answer to each`,
        requestsPerSecond: 0,
        p50Ms: result.p50Ms,
        p99Ms: result.p99Ms,
        bytesPerPage: 0,
        non2xx: result.refused,
        ok2xx: result.deliveries,
        errors: result.missed,
        delivery: true,
      };
      return { row, live: result };
    };
    if (ONLY_LIVE) {
      log(`${name}: measuring the live-updates case alone:`);
      const { row, live: liveResult } = await live();
      return writeReport({ ...reportHead(database), results: [row], live: liveResult, serverPeakRssMb: Math.round(peakRss) });
    }

    const story300 = `/articles/${around300.slug}`;
    const story1500 = `/articles/${biggest.slug}`;
    log(`${name}: measuring (${SECONDS}s a case, ${CONNECTIONS} connections):`);
    const results: CaseResult[] = [];
    let writer = 0;
    const nextWriter = () => writerCookies[writer++ % writerCookies.length]!;
    /** The reader load that runs beside the live streams (issue 27, part 7): set with the page cases. */
    let readersBesideLive: (() => Promise<CaseResult>) | undefined;
    if (!ONLY_POSTING) {
      const staticFile = join(dataDir, "story.html");
      writeFileSync(staticFile, await (await fetch(`${base}${story300}`)).text());
      bare = spawn(process.execPath, [resolve("bench/bare-server.mjs"), staticFile, String(BARE_PORT)], { stdio: ["ignore", "pipe", "inherit"] });
      running.add(bare);
      await waitForServer(`http://127.0.0.1:${BARE_PORT}/`, bare);

      // HTML cases: wrk where it is installed (a client that is not the bottleneck), else autocannon.
      // A page view is the page and, for every reader kind, its layer (ADR 18): as a browser loads it.
      const client = useWrk ? "wrk" : "autocannon";
      log(`  page cases with ${client}${useWrk ? "" : " (install Debian's wrk for figures the client does not limit)"}`);
      const pageCase = (caseName: string, paths: string[], cookies?: string[], origin = base) =>
        useWrk
          ? runWrk(caseName, { origin, paths, cookies, seconds: SECONDS, connections: CONNECTIONS })
          : load(caseName, autocannonCase(origin, paths, cookies));
      const view = (path: string) => [path, `${path}/reader`];
      const bareResult = await pageCase("bare node:http, 300-comment story as a fixed string (gzip)", ["/"], undefined, `http://127.0.0.1:${BARE_PORT}`);
      results.push(bareResult);
      results.push(await pageCase("front page, anonymous (HTML)", ["/"]));
      results.push(await pageCase(`story with ${around300.comment_count} comments, anonymous (HTML)`, [story300]));
      results.push(await pageCase(`story with ${biggest.comment_count} comments (page 1), anonymous (HTML)`, [story1500]));

      // The reader kinds' stakes: a like, a comment, a report in the 320-comment story's discussion.
      const firstComment = await db.selectFrom("comment").select("id").where("article_id", "=", around300.id).where("status", "=", "visible").orderBy("id").executeTakeFirstOrThrow();
      const readerIds = await db.selectFrom("session").select("user_id").where("id", "in", readerCookies.map((c) => hashToken(c.split("=")[1]!))).execute();
      for (const { user_id } of readerIds) await toggleLike(db, { commentId: firstComment.id, userId: user_id, articleId: around300.id });
      // Replies, one under each of the first threads: new threads would push the story past 100 of them
      // and into pages, and the page measured would no longer be the same page.
      const threads = await db.selectFrom("comment").select("id").where("article_id", "=", around300.id).where("parent_id", "is", null).where("status", "=", "visible").orderBy("id").limit(kindIds.written.length).execute();
      for (const [index, userId] of kindIds.written.entries()) {
        await makeComment(db, { articleId: around300.id, authorId: userId, parentId: threads[index % threads.length]!.id, bodySource: `Bench reader ${index} has a view on the ferry.` });
      }
      // One report each on a comment of its own, so that no comment reaches the number that hides it.
      const reportable = await db.selectFrom("comment").select("id").where("article_id", "=", around300.id).where("status", "=", "visible").orderBy("id").limit(kindIds.reported.length + 1).offset(1).execute();
      for (const [index, userId] of kindIds.reported.entries()) {
        await reportComment(db, { commentId: reportable[index]!.id, reporterId: userId, articleId: around300.id, reason: "other", note: "" });
      }
      const kinds: [string, string[] | undefined][] = [
        ["visitor", undefined],
        ["resident without a stake", writerCookies.slice(-40)],
        ["resident who liked a comment", readerCookies],
        ["resident who wrote a comment", kindCookies.written],
        ["resident who reported a comment", kindCookies.reported],
        ["moderator", kindCookies.moderator],
      ];
      for (const [kind, cookies] of kinds) {
        results.push(await pageCase(`story with ${around300.comment_count} comments, ${kind} (page + layer)`, view(story300), cookies));
      }
      for (const [kind, cookies] of kinds) {
        results.push(await pageCase(`story with ${biggest.comment_count} comments (page 1), ${kind} (page + layer)`, view(story1500), cookies));
      }

      // A breaking story: the same readers while residents reply on it (2 a second) and comment on other
      // stories (1 a second), through the real form action; each reply is followed until an anonymous
      // reader's page shows it.
      const otherStories = stories.filter((s) => s.id !== around300.id && s.id !== biggest.id).slice(0, 4).map((s) => `/articles/${s.slug}`);
      const threadOn300 = await db
        .selectFrom("comment")
        .select("id")
        .where("article_id", "=", around300.id)
        .where("parent_id", "is", null)
        .where("status", "=", "visible")
        .orderBy("id")
        .executeTakeFirstOrThrow();
      const visibleAfterMs: number[] = [];
      let neverSeen = 0;
      const underWrites = async (caseName: string, paths: string[], cookies?: string[]) => {
        const onStory = postInBackground({ base, paths: [story300], perSecond: 2, nextCookie: nextWriter, watchPath: story300, parentOn: { [story300]: threadOn300.id }, label: "Bench reply" });
        const elsewhere = postInBackground({ base, paths: otherStories, perSecond: 1, nextCookie: nextWriter, label: "Bench comment elsewhere" });
        const result = await pageCase(`${caseName}, while 3 comments a second are posted`, paths, cookies);
        const [here] = await Promise.all([onStory.stop(), elsewhere.stop()]);
        visibleAfterMs.push(...here.visibleAfterMs);
        neverSeen += here.neverSeen;
        return result;
      };
      results.push(await underWrites(`story with ${around300.comment_count} comments, anonymous (HTML)`, [story300]));
      // Readers who have not taken part: the last writers' sessions, which post nothing before the posting cases.
      results.push(await underWrites(`story with ${around300.comment_count} comments, resident without a stake (page + layer)`, view(story300), writerCookies.slice(-40)));
      results.push(await underWrites(`story with ${around300.comment_count} comments, resident who liked a comment (page + layer)`, view(story300), readerCookies));
      results.push(await underWrites(`story with ${around300.comment_count} comments, resident who wrote a comment (page + layer)`, view(story300), kindCookies.written));
      readersBesideLive = async () => {
        const result = await pageCase(
          `story with ${around300.comment_count} comments, resident who liked a comment (page + layer), while ${LIVE_STREAMS.toLocaleString("en-GB")} live streams are open and comments land`,
          view(story300),
          readerCookies,
        );
        result.ratioToBare = Math.round((result.requestsPerSecond / bareResult.requestsPerSecond) * 1000) / 1000;
        return result;
      };
      for (const result of results) result.ratioToBare = Math.round((result.requestsPerSecond / bareResult.requestsPerSecond) * 1000) / 1000;
      visibleAfterMs.sort((a, b) => a - b);
      results.push({
        name: `a reply seen by anonymous readers, ms after its post's answer (${neverSeen} not within 5 s)`,
        requestsPerSecond: 0,
        p50Ms: Math.round(percentile(visibleAfterMs, 50)),
        p99Ms: Math.round(percentile(visibleAfterMs, 99)),
        bytesPerPage: 0,
        non2xx: neverSeen,
        ok2xx: visibleAfterMs.length,
        errors: 0,
      });
    }

    // Posting: what a browser with JavaScript sends (a single-fetch action request), answered with data.
    const postPath = `${story300}.data`;
    let sequence = 0;
    const postBody = () =>
      new URLSearchParams({ intent: "comment", js: "1", body: `Bench comment ${stamp} number ${++sequence}: the ferry timetable again.` }).toString();
    const countBefore = await db.selectFrom("comment").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();

    log("  posting, one writer at a time ...");
    const latencies: number[] = [];
    let sequentialOk = 0;
    const until = Date.now() + SECONDS * 1000;
    while (Date.now() < until) {
      const started = performance.now();
      const response = await fetch(`${base}${postPath}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base, Cookie: writerCookies[writer++ % writerCookies.length]! },
        body: postBody(),
      });
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      if (response.ok) sequentialOk++;
    }
    latencies.sort((a, b) => a - b);
    const sequential: CaseResult = {
      name: "posting a comment, sequential",
      requestsPerSecond: Math.round(latencies.length / SECONDS),
      p50Ms: Math.round(percentile(latencies, 50) * 100) / 100,
      p99Ms: Math.round(percentile(latencies, 99) * 100) / 100,
      bytesPerPage: 0,
      non2xx: latencies.length - sequentialOk,
      ok2xx: sequentialOk,
      errors: 0,
    };
    results.push(sequential);

    const concurrent = await load("posting comments, 8 concurrent writers", {
      url: `${base}${postPath}`,
      connections: 8,
      requests: [
        {
          method: "POST",
          path: postPath,
          setupRequest: (request: autocannon.Request) => ({
            ...request,
            headers: {
              ...request.headers,
              "content-type": "application/x-www-form-urlencoded",
              origin: base,
              cookie: writerCookies[writer++ % writerCookies.length]!,
            },
            body: postBody(),
          }),
        },
      ],
    });
    results.push(concurrent);
    const countAfter = await db.selectFrom("comment").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const stored = Number(countAfter.n) - Number(countBefore.n);

    // Page weight and the JavaScript a story page loads.
    const storyHtml = await (await fetch(`${base}${story300}`)).text();
    // Every script the story page asks for (module preloads and the entry import), as the browser gets them.
    const files = new Set([...storyHtml.matchAll(/["'](\/assets\/[^"']+\.js)["']/g)].map((m) => m[1]!));
    const jsGzipBytes = [...files].reduce((sum, f) => sum + gzipSync(readFileSync(join("build/client", f))).length, 0);

    // Last: its posts would otherwise be in the posting figures, and its streams in the page cases.
    let besideLive: CaseResult | undefined;
    const liveCase = await live(
      readersBesideLive && {
        name: "signed-in readers load the story",
        run: async () => (besideLive = await readersBesideLive!()),
      },
    );
    if (besideLive) results.push(besideLive);
    results.push(liveCase.row);

    return writeReport({
      ...reportHead(database),
      results,
      live: liveCase.live,
      posting: {
        sequentialAccepted: sequentialOk,
        concurrentAccepted: concurrent.ok2xx,
        concurrentRefused: concurrent.non2xx,
        commentsStored: stored,
        // Requests still in flight when the load stops may be stored without their answer being counted.
        nothingLost: stored >= sequentialOk + concurrent.ok2xx,
      },
      pageWeight: { storyComments: around300.comment_count, story300HtmlBytes: Buffer.byteLength(storyHtml), storyJsGzipBytes: jsGzipBytes },
      serverPeakRssMb: Math.round(peakRss),
    });
  } finally {
    clearInterval(memory);
    await db.destroy();
    await Promise.all([stop(bare), stop(server)]);
  }
}

function reportHead(database: BenchDatabase) {
  return {
    when: new Date().toISOString(),
    database: { dialect: database.dialect, description: database.description, pageCache: process.env.PARLEY_PAGE_CACHE !== "off" },
    machine: describeMachine(),
    seconds: SECONDS,
    connections: CONNECTIONS,
  };
}

function writeReport(report: DatabaseReport): DatabaseReport {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `bench-${report.when.replace(/[:.]/g, "-")}-${report.database.dialect}${ONLY_LIVE ? "-live" : ""}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2));
  log(`${DIALECT_NAMES[report.database.dialect]}: figures written to ${file}`);
  return report;
}

/** The servers this run started, so that a failure or Ctrl-C stops them too. */
const running = new Set<ChildProcess>();
/** The PostgreSQL database in use, dropped at the end whatever happens. */
let current: BenchDatabase | undefined;

/** Stops a server and waits for it to go, so that the next one can listen on the same port. */
async function stop(child: ChildProcess | undefined) {
  if (!child) return;
  running.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((ok) => child.once("exit", ok));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

async function cleanUp() {
  await Promise.all([...running].map(stop));
  const database = current;
  current = undefined;
  // The server may still hold connections; the drop ends them.
  await database?.drop().catch((error) => log(`Could not drop the benchmark database: ${(error as Error).message}`));
  rmSync(dataDir, { recursive: true, force: true });
}

function chosenDialects(): readonly Dialect[] {
  const args = process.argv.slice(2);
  let choice: string | undefined = "sqlite";
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--db") choice = args[++i];
    else if (args[i] === "--only" && (args[i + 1] === "live" || args[i + 1] === "posting")) i++;
    else if (args[i] !== "--build") choice = undefined;
    if (choice === undefined) break;
  }
  if (choice === "both") return DIALECTS;
  if (choice === "sqlite" || choice === "postgres") return [choice];
  console.error(`Usage: npm run bench -- [--db sqlite|postgres|both] [--only live|posting] [--build] (given: ${args.join(" ")})`);
  process.exit(2);
}

async function main() {
  const dialects = chosenDialects();
  // A listener that stays: Ctrl-C reaches this process twice (from the terminal and relayed by tsx),
  // and with no listener left the second would end it before the database is dropped.
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      log(`\nStopped (${signal}); cleaning up...`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
  if (!existsSync("build/server/index.js") || !existsSync("build/server.js") || process.argv.includes("--build")) {
    log("Building the production bundle...");
    execFileSync("npm", ["run", "build"], { stdio: "ignore" });
  }
  const reports: DatabaseReport[] = [];
  try {
    for (const dialect of dialects) {
      rmSync(dataDir, { recursive: true, force: true });
      mkdirSync(dataDir, { recursive: true });
      current = await createBenchDatabase(dialect, dataDir);
      reports.push(await measure(current));
      await cleanUp();
    }
  } finally {
    await cleanUp();
  }
  printReports(reports);
}

await main();
