// The limit Parley is measured against: node:http answering every request with one fixed page, gzipped
// once at start for clients that ask for gzip (as Parley's page cache sends its pages to browsers).
// Run as its own process, like Parley's server, so both are measured the same way.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { gzipSync } from "node:zlib";

const [file, port] = process.argv.slice(2);
const page = readFileSync(file);
const gzipped = gzipSync(page, { level: 6 });
createServer((req, res) => {
  const gzip = /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
  const body = gzip ? gzipped : page;
  res.writeHead(200, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": body.length,
    ...(gzip ? { "Content-Encoding": "gzip" } : {}),
  });
  res.end(body);
}).listen(Number(port), "127.0.0.1", () => process.stdout.write("listening\n"));
