import type { Kysely, LogEvent } from "kysely";
import { createDatabase } from "../db/database";
import type { Database } from "../db/schema";

/**
 * The one Kysely instance of the running app, opened from DATABASE_URL on first import.
 * Kept on globalThis so that Vite's dev reloads do not open a new connection each time.
 */
type QueryObserver = (event: LogEvent) => void;

interface ParleyGlobals {
  db?: Kysely<Database>;
  queryObservers?: Set<QueryObserver>;
}

const globals = globalThis as typeof globalThis & { __parley?: ParleyGlobals };
const state: ParleyGlobals = (globals.__parley ??= {});
const observers: Set<QueryObserver> = (state.queryObservers ??= new Set());

export const db: Kysely<Database> = (state.db ??= createDatabase(process.env.DATABASE_URL, {
  onQuery: (event) => {
    for (const observe of observers) observe(event);
  },
}));

/**
 * Lets tests and the benchmark count the queries a request makes. Returns a function that stops observing.
 * Reachable from outside the server bundle through globalThis.__parley.queryObservers.
 */
export function observeQueries(observer: QueryObserver): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}
