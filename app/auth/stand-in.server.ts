import { AsyncLocalStorage } from "node:async_hooks";
import type { SessionUser } from "./session.server";

/**
 * A stand-in reader: who a page is rendered for when the server renders it once to share among many
 * signed-in readers (server/reader-page-cache.ts). The stand-in carries marker values in place of a
 * person's name, id and unread count, which the cache replaces with each reader's own.
 *
 * Only server code can enter a stand-in (there is no header or cookie for it), and only for the length
 * of one render. The storage sits on globalThis because the server and the app's build are separate
 * bundles that must share it.
 */
export interface StandIn {
  user: SessionUser;
  unread: number;
}

const KEY = Symbol.for("parley.stand-in");
const holder = globalThis as { [KEY]?: AsyncLocalStorage<StandIn> };
const storage = (holder[KEY] ??= new AsyncLocalStorage<StandIn>());

export function currentStandIn(): StandIn | undefined {
  return storage.getStore();
}

export function renderForStandIn<T>(standIn: StandIn, render: () => T): T {
  return storage.run(standIn, render);
}
