/**
 * What a benchmark run found, and how it is printed: one table for one database, or the same cases side
 * by side when both ran. Each database's figures are also written to bench-results/ as JSON.
 */
import { cpus, totalmem } from "node:os";
import type { Dialect } from "../db/database";
import { DIALECT_NAMES } from "./databases";
import type { LiveResult } from "./live";

export interface CaseResult {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  bytesPerPage: number;
  non2xx: number;
  ok2xx: number;
  errors: number;
  ratioToBare?: number;
  /** A delivery-time row (the live-updates case): p50/p99 are from a post's answer to each stream. */
  delivery?: boolean;
}

export interface DatabaseReport {
  when: string;
  database: { dialect: Dialect; description: string; pageCache: boolean };
  machine: Machine;
  seconds: number;
  connections: number;
  results: CaseResult[];
  /** Absent in a run of --only live. */
  posting?: {
    sequentialAccepted: number;
    concurrentAccepted: number;
    concurrentRefused: number;
    commentsStored: number;
    nothingLost: boolean;
  };
  pageWeight?: { storyComments: number; story300HtmlBytes: number; storyJsGzipBytes: number };
  live?: LiveResult;
  serverPeakRssMb: number;
}

export interface Machine {
  cores: number;
  cpu: string;
  memoryGb: number;
  node: string;
}

export function describeMachine(): Machine {
  return { cores: cpus().length, cpu: cpus()[0]?.model.trim() ?? "", memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version };
}

const NAME_WIDTH = 62;
const number = (n: number) => n.toLocaleString("en-GB", { maximumFractionDigits: 2 });
const percent = (r: CaseResult) => (r.ratioToBare !== undefined ? `${Math.round(r.ratioToBare * 100)}%` : "");

export function printReports(reports: DatabaseReport[]) {
  const first = reports[0]!;
  const { machine } = first;
  console.log(
    `\nParley benchmark on ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB memory, Node ${machine.node}; ` +
      `${first.seconds}s a case, ${first.connections} connections`,
  );
  for (const report of reports) {
    console.log(`  ${report.database.description}; anonymous page cache ${report.database.pageCache ? "on" : "off"}`);
  }
  console.log("");
  const columns = (r: CaseResult | undefined, withRatio: boolean) =>
    r
      ? [(r.delivery ? "-" : number(r.requestsPerSecond)).padStart(8), number(r.p50Ms).padStart(7), number(r.p99Ms).padStart(7), ...(withRatio ? [percent(r).padStart(8)] : [])]
      : ["".padStart(8), "".padStart(7), "".padStart(7), ...(withRatio ? ["".padStart(8)] : [])];
  const single = reports.length === 1;
  const heading = ["req/s".padStart(8), "p50 ms".padStart(7), "p99 ms".padStart(7), ...(single ? ["vs bare".padStart(8)] : [])].join(" ");
  if (!single) console.log(["".padEnd(NAME_WIDTH), ...reports.map((r) => DIALECT_NAMES[r.database.dialect].padStart(heading.length))].join(" "));
  console.log(["case".padEnd(NAME_WIDTH), ...reports.map(() => heading), "bytes".padStart(9)].join(" "));
  for (const [i, r] of first.results.entries()) {
    console.log(
      [
        r.name.padEnd(NAME_WIDTH),
        ...reports.flatMap((report) => columns(report.results[i], single)),
        (r.bytesPerPage ? String(r.bytesPerPage) : "").padStart(9),
      ].join(" "),
    );
  }
  console.log("");
  for (const report of reports) {
    const { posting, live } = report;
    if (live) {
      console.log(
        `${DIALECT_NAMES[report.database.dialect]}: live updates, ${live.streams} streams open (${live.refused} refused), ${live.posts} posts: ` +
          `delivery p50 ${number(live.p50Ms)} ms, p99 ${number(live.p99Ms)} ms, slowest ${number(live.maxMs)} ms (target p99 under 1,000 ms); ` +
          `${live.missed} deliveries missed; server memory ${live.rssBeforeMb} MB before the streams, ${live.rssWithStreamsMb} MB with them open, ` +
          `${live.rssPeakMb} MB at most while posting${live.meanwhile ? ` beside ${live.meanwhile}` : ""} (target under 250 MB).`,
      );
    }
    if (!posting) continue;
    console.log(
      `${DIALECT_NAMES[report.database.dialect]}: ${posting.commentsStored} comments stored for ${posting.sequentialAccepted} + ` +
        `${posting.concurrentAccepted} accepted posts (${posting.concurrentRefused} refused; nothing lost: ${posting.nothingLost}); ` +
        `server peak memory ${report.serverPeakRssMb} MB.`,
    );
  }
  if (!first.pageWeight) return;
  console.log(
    `Story page (${first.pageWeight.storyComments} comments): ${first.pageWeight.story300HtmlBytes} bytes of HTML; ` +
      `story page JavaScript ${first.pageWeight.storyJsGzipBytes} bytes gzipped.`,
  );
}
