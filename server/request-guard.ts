import { databaseUnavailableCount, isConnectionError } from "../db/database";
import { STORY_PAGE_HEADER } from "../app/utils/http";

/** Which story a page shows, for the caches: said by the routes, never sent out. */
const INTERNAL_STORY_HEADER = STORY_PAGE_HEADER.toLowerCase();
import { createRequestHandler, writeReadableStreamToWritable, type ServerBuild } from "@remix-run/node";
import type express from "express";
import type { IncomingMessage } from "node:http";

/**
 * What reaches Remix has been read and checked here first: a request whose address or Host cannot be
 * parsed is answered 400, a body of a type no form sends 415, a body over the limit 413 (read no
 * further), and a form body that does not parse 400. So no action ever meets a body it cannot read,
 * and a hostile body costs at most FORM_BODY_LIMIT bytes of memory and one parse.
 */
export const FORM_BODY_LIMIT = 64 * 1024;
/** How long the rest of a body may take to arrive before the request is given up (bytes stop coming). */
export const BODY_IDLE_TIMEOUT_MS = 10_000;

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/**
 * The one upload: a story's image (app/routes/editor.$id_.images.tsx, at most 5 MB) in a multipart form
 * to that address alone may be this large. Every other body keeps FORM_BODY_LIMIT.
 */
export const IMAGE_UPLOAD_BODY_LIMIT = 6 * 1024 * 1024;
// the page's address, and its single-fetch data address (…/images.data) that a form posts to with JavaScript
const IMAGE_UPLOAD_PATH = /^\/editor\/\d{1,12}\/images(?:\.data)?$/;

function bodyLimit(path: string, type: string): number {
  return type === "multipart/form-data" && IMAGE_UPLOAD_PATH.test(path) ? IMAGE_UPLOAD_BODY_LIMIT : FORM_BODY_LIMIT;
}

declare module "express-serve-static-core" {
  interface Request {
    /** The whole body of a form post, read and checked by readFormBody. */
    formBody?: Buffer;
  }
}

function page(res: express.Response, status: number, title: string, message: string, back?: string) {
  const link = back
    ? `<p><a href="${escapeHtml(back)}">Go back to the page you were on</a> (your browser's Back button keeps what you typed).</p>`
    : `<p><a href="/">Go to the front page</a></p>`;
  res
    .status(status)
    .set({ "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" })
    .send(
      `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>` +
        `<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${link}</main></body></html>`,
    );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** The page's own address, as the site knows it, or null when the Host or the path cannot be parsed. */
export function requestUrl(req: express.Request): URL | null {
  const host = req.get("host");
  if (!host || !PLAIN_HOST.test(host)) return null;
  try {
    const url = new URL(req.originalUrl, `${req.protocol}://${host}`);
    // Remix builds its own URL from req.hostname, which honours X-Forwarded-Host from a trusted proxy.
    new URL(`${req.protocol}://${req.hostname}`);
    return url;
  } catch {
    return null;
  }
}

/** A same-site page to send the reader back to, from the Referer; anything unparseable is ignored. */
function samePageBack(req: express.Request, url: URL): string | undefined {
  const referer = req.get("referer");
  if (!referer) return undefined;
  try {
    const from = new URL(referer);
    return from.origin === url.origin ? `${from.pathname}${from.search}` : undefined;
  } catch {
    return undefined;
  }
}

/** Whether every segment of the path is valid percent-encoding (Express and Remix both decode it). */
function pathDecodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** Addresses the answers in front of Express take: plain paths, and queries without a NUL. */
const PLAIN_ADDRESS = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*(?:\?[^#\s]*)?$/;
/** The Host header as requestUrl accepts it. */
const PLAIN_HOST = /^[a-z0-9_.-]+(?::\d{1,5})?$|^\[[0-9a-f:.]+\](?::\d{1,5})?$/i;

/** Express's trust-proxy function (app.get("trust proxy fn")). */
export type TrustProxy = (address: string | undefined, hop: number) => boolean;

/**
 * A GET or HEAD request that refuseMalformedRequests would pass untouched, read the way Express reads
 * it (path, address, host, scheme), for the answers given before Express (server/app.ts, createServer).
 * Null for anything that needs Express's closer look: another method, an address or Host out of the
 * plain, `%00`, X-Forwarded-Host.
 */
export function plainRequest(req: IncomingMessage, trustProxy: TrustProxy): { path: string; url: string; host: string; protocol: string } | null {
  const { method, url, headers } = req;
  const host = headers.host;
  if ((method !== "GET" && method !== "HEAD") || !url || !PLAIN_ADDRESS.test(url) || /%00/i.test(url)) return null;
  if (!host || !PLAIN_HOST.test(host) || headers["x-forwarded-host"] !== undefined) return null;
  const queryAt = url.indexOf("?");
  return { path: queryAt === -1 ? url : url.slice(0, queryAt), url, host, protocol: requestProtocol(req, trustProxy) };
}

/** The request's scheme as Express's req.protocol gives it (X-Forwarded-Proto from a trusted proxy). */
function requestProtocol(req: IncomingMessage, trustProxy: TrustProxy): string {
  const own = (req.socket as { encrypted?: boolean }).encrypted ? "https" : "http";
  const header = req.headers["x-forwarded-proto"];
  if (typeof header !== "string" || !trustProxy(req.socket.remoteAddress, 0)) return own;
  const comma = header.indexOf(",");
  return (comma === -1 ? header : header.slice(0, comma)).trim();
}

/** First in line: requests whose address or Host header cannot be parsed get a 400, not a fault. */
export const refuseMalformedRequests: express.RequestHandler = (req, res, next) => {
  // A NUL character (%00) names no page, and PostgreSQL cannot even compare text with one: refused in
  // the path, dropped from the query (a search for "ferry%00" is a search for "ferry").
  if (/%00/i.test(req.originalUrl) && !/%00/i.test(req.path)) {
    req.url = req.url.replace(/%00/gi, "");
    req.originalUrl = req.originalUrl.replace(/%00/gi, "");
  }
  if (requestUrl(req) && pathDecodes(req.path) && !/%00/i.test(req.originalUrl)) return next();
  res.status(400).type("text/plain").send("The address of this request could not be understood.");
};

/**
 * Reads the body of every request that may carry one, up to FORM_BODY_LIMIT, and checks that it is a
 * form that parses. The body is kept on req.formBody for the Remix handler below.
 */
export const readFormBody: express.RequestHandler = (req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const url = requestUrl(req)!;
  const back = samePageBack(req, url);
  const declared = req.get("content-length");
  const chunked = req.get("transfer-encoding") !== undefined;
  if (!chunked && (declared === undefined || declared === "0")) {
    req.formBody = Buffer.alloc(0);
    return next();
  }
  const type = (req.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) {
    res.set("Connection", "close");
    return page(res, 415, "That could not be sent", "The site only accepts what its own forms send.", back);
  }
  const limit = bodyLimit(url.pathname, type);
  const tooLarge = () => {
    res.set("Connection", "close");
    page(
      res,
      413,
      "That was too long to send",
      limit === FORM_BODY_LIMIT
        ? `A form may send at most ${FORM_BODY_LIMIT / 1024} KB. Shorten what you wrote and send it again.`
        : `An image may be at most 5 MB. Choose a smaller one and send it again.`,
      back,
    );
  };
  if (declared !== undefined && !(Number(declared) <= limit)) return tooLarge();

  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  const finish = (outcome: "ok" | "large" | "slow" | "broken") => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    req.removeListener("data", onData);
    // An image's bytes are full of NULs: its route takes them out of the text it keeps (the alt text).
    const body = Buffer.concat(chunks);
    if (outcome === "ok") return void checkForm(req, res, next, limit === FORM_BODY_LIMIT ? withoutNul(body, type) : body, back);
    req.resume(); // let the rest drain; the answer closes the connection
    if (outcome === "large") return tooLarge();
    if (outcome === "slow") {
      res.set("Connection", "close");
      return page(res, 408, "That took too long to arrive", "The form did not arrive in time. Send it again.", back);
    }
    if (!res.headersSent) page(res, 400, "That could not be read", "The form arrived incomplete. Send it again.", back);
  };
  let timer = setTimeout(() => finish("slow"), BODY_IDLE_TIMEOUT_MS);
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) return finish("large");
    chunks.push(chunk);
    timer.refresh();
  };
  req.on("data", onData);
  req.once("end", () => finish("ok"));
  req.once("aborted", () => finish("broken"));
  req.once("error", () => finish("broken"));
};

/**
 * NUL characters out of a form: no field has a use for them, and PostgreSQL cannot store them in text.
 * Encoded (%00) in a urlencoded body, raw bytes in a multipart one (whose boundaries never hold NUL).
 */
function withoutNul(body: Buffer, type: string): Buffer {
  if (type === "application/x-www-form-urlencoded") {
    const text = body.toString("latin1");
    return /%00|\0/i.test(text) ? Buffer.from(text.replace(/%00|\0/gi, ""), "latin1") : body;
  }
  return body.includes(0) ? Buffer.from(body.filter((byte) => byte !== 0)) : body;
}

function checkForm(req: express.Request, res: express.Response, next: express.NextFunction, body: Buffer, back?: string) {
  // The same parser the actions use (the Fetch API's), so what passes here parses there.
  new Request("http://parley.invalid/", { method: "POST", headers: { "content-type": req.get("content-type")! }, body: new Uint8Array(body) })
    .formData()
    .then(
      () => {
        req.formBody = body;
        next();
      },
      () => page(res, 400, "That could not be read", "The form arrived in a shape the site could not read. Send it again.", back),
    );
}

/**
 * Remix's Express adapter, with the body already read: the request Remix sees carries req.formBody.
 * (The adapter's own handler would read the stream readFormBody has already drained.)
 */
export function remixHandler(
  build: ServerBuild | (() => Promise<ServerBuild>),
  options: { afterWrite?: () => Promise<void> } = {},
): express.RequestHandler {
  const handle = createRequestHandler(build as ServerBuild, process.env.NODE_ENV);
  return async (req, res, next) => {
    const failuresBefore = databaseUnavailableCount();
    try {
      // As the adapter does: req.hostname honours X-Forwarded-Host from a trusted proxy; the port comes along.
      const port = /:(\d+)$/.exec(req.get("x-forwarded-host") ?? "")?.[1] ?? /:(\d+)$/.exec(req.get("host") ?? "")?.[1];
      const host = req.hostname.includes(":") && !req.hostname.startsWith("[") ? `[${req.hostname}]` : req.hostname;
      const url = new URL(req.originalUrl, `${req.protocol}://${host}${port ? `:${port}` : ""}`);
      const controller = new AbortController();
      const init: RequestInit = { method: req.method, headers: remixHeaders(req.headers), signal: controller.signal };
      if (req.method !== "GET" && req.method !== "HEAD") init.body = new Uint8Array(req.formBody ?? Buffer.alloc(0));
      let finished = false;
      res.on("finish", () => (finished = true));
      res.on("close", () => {
        if (!finished) controller.abort();
      });
      const response = await handle(new Request(url.href, init), { cspNonce: res.locals.cspNonce });
      // The database could not be reached while this request ran: say so, and when to try again.
      if (response.status >= 500 && databaseUnavailableCount() !== failuresBefore) {
        await response.body?.cancel();
        return unavailable(res);
      }
      // After a write, this server learns of the content versions it bumped before the reader's next page.
      if (req.method !== "GET" && req.method !== "HEAD" && options.afterWrite) await options.afterWrite().catch(() => {});
      res.statusMessage = response.statusText;
      res.status(response.status);
      // A route's own header replaces the site-wide one of that name (a stricter Referrer-Policy, say).
      for (const [name, value] of response.headers.entries()) {
        if (name === "set-cookie") res.append(name, value);
        else if (name !== INTERNAL_STORY_HEADER) res.setHeader(name, value);
      }
      if (response.body) await writeReadableStreamToWritable(response.body, res);
      else res.end();
    } catch (error) {
      next(error);
    }
  };
}

function remixHeaders(incoming: express.Request["headers"]): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value) headers.set(name, value);
  }
  return headers;
}

/** 503 with a retry hint: the database is down or unreachable; the site recovers by itself when it is back. */
export function unavailable(res: express.Response) {
  if (res.headersSent) return void res.end();
  res.setHeader("Retry-After", "5");
  page(res, 503, "The site is busy for a moment", "The site cannot reach its database just now. Nothing you sent was lost if it was saved before; please try again in a few seconds.");
}

/** The last word on a fault: a plain page, never a stack trace; the fault itself goes to the log. */
export const answerFaults: express.ErrorRequestHandler = (error, req, res, _next) => {
  if (isConnectionError(error)) {
    console.warn(`${req.method} ${req.originalUrl}: the database is not available (${error instanceof Error ? error.message : String(error)})`);
    return unavailable(res);
  }
  console.error(`${req.method} ${req.originalUrl}:`, error);
  if (res.headersSent) return void res.end();
  page(res, 500, "Something went wrong on our side", "The page could not be shown because of a fault in the site. Please try again in a minute.");
};
