import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";

import { isConnectionError } from "../db/database";
import { NonceContext } from "./utils/nonce";

const ABORT_DELAY = 5_000;

/**
 * Faults go to the log as Remix's default does; a database that cannot be reached is one line (the
 * server answers 503 for it and recovers by itself), not a stack trace per request.
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (isConnectionError(error)) {
    console.warn(`${request.method} ${new URL(request.url).pathname}: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  console.error(error);
};

/**
 * Remix's default server entry with one change: the timer that gives up on a slow render is cleared
 * once the render is complete. Remix's own leaves it running, and the timer keeps the whole render (the
 * loader data, its serialised copy for the browser, React's state) in memory for five seconds after the
 * page has gone: at 30 signed-in story pages a second, 150 pages held at once.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The response's CSP nonce (server/security-headers.ts): on Remix's inline scripts and React's own.
  const nonce = loadContext.cspNonce;
  // Crawlers (and SPA mode) are sent the page once it is complete; browsers as soon as the shell is ready.
  const waitForAllContent = isbot(request.headers.get("user-agent")) || remixContext.isSpaMode;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    let abortTimer: NodeJS.Timeout | undefined;
    const send = () => {
      shellRendered = true;
      const body = new PassThrough();
      responseHeaders.set("Content-Type", "text/html");
      resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        onShellReady() {
          if (!waitForAllContent) send();
        },
        onAllReady() {
          clearTimeout(abortTimer);
          if (waitForAllContent) send();
        },
        onShellError(error: unknown) {
          clearTimeout(abortTimer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors in the shell reject and are logged by Remix; only those streamed after it are logged here.
          if (shellRendered) console.error(error);
        },
      },
    );
    abortTimer = setTimeout(abort, ABORT_DELAY);
  });
}
