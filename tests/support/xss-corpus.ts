import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The public XSS payloads the tests push through every way people's text reaches a page. The corpus in
 * tests/fixtures/xss-corpus/ is always there; a team machine may add more from ../shared/xss-corpus/
 * (or PARLEY_XSS_CORPUS), which no test needs.
 */
export interface XssPayload {
  /** Where the payload came from, for test names: "line 12", "json 3", "extra line 5". */
  name: string;
  payload: string;
}

const BUNDLED_DIR = fileURLToPath(new URL("../fixtures/xss-corpus/", import.meta.url));
const EXTRA_DIR = process.env.PARLEY_XSS_CORPUS ?? fileURLToPath(new URL("../../../shared/xss-corpus/", import.meta.url));

function readCorpus(dir: string, prefix: string): XssPayload[] {
  const text = readFileSync(`${dir.replace(/\/$/, "")}/vectors.txt`, "utf8").split("\n");
  if (text.at(-1) === "") text.pop();
  const parsed: unknown = JSON.parse(readFileSync(`${dir.replace(/\/$/, "")}/vectors.json`, "utf8"));
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === "string")) {
    throw new Error(`${dir}vectors.json must be a JSON array of strings`);
  }
  return [
    ...text.map((payload, index) => ({ name: `${prefix}line ${index + 1}`, payload })),
    ...(parsed as string[]).map((payload, index) => ({ name: `${prefix}json ${index}`, payload })),
  ];
}

export function loadXssPayloads(): XssPayload[] {
  const payloads = readCorpus(BUNDLED_DIR, "");
  if (existsSync(`${EXTRA_DIR.replace(/\/$/, "")}/vectors.txt`)) {
    const seen = new Set(payloads.map((p) => p.payload));
    for (const extra of readCorpus(EXTRA_DIR, "extra ")) {
      if (!seen.has(extra.payload)) {
        seen.add(extra.payload);
        payloads.push(extra);
      }
    }
  }
  return payloads;
}
