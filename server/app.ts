import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { resolve } from "node:path";

export interface AppOptions {
  /** The Remix server build, or a function returning it (Vite's dev server reloads it per request). */
  build: ServerBuild | (() => Promise<ServerBuild>);
  /** Folder of the client build (hashed assets); omitted in development, where Vite serves them. */
  clientDir?: string;
  /** Extra middleware before the request handler (Vite's in development). */
  before?: express.RequestHandler[];
}

/** The HTTP application: static assets, then every other request through Remix. */
export function createApp(options: AppOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use(compression());
  for (const middleware of options.before ?? []) app.use(middleware);
  if (options.clientDir) {
    app.use(
      "/assets",
      express.static(resolve(options.clientDir, "assets"), { immutable: true, maxAge: "1y", index: false }),
    );
    app.use(express.static(options.clientDir, { maxAge: "1h", index: false }));
  }
  app.all("*", createRequestHandler({ build: options.build as ServerBuild, mode: process.env.NODE_ENV }));
  return app;
}
