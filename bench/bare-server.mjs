// The limit Parley is measured against: node:http answering every request with one fixed page.
// Run as its own process, like Parley's server, so both are measured the same way.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const [file, port] = process.argv.slice(2);
const page = readFileSync(file);
createServer((_req, res) => {
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": page.length });
  res.end(page);
}).listen(Number(port), "127.0.0.1", () => process.stdout.write("listening\n"));
