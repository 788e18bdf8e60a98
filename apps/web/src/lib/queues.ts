import { openQueues, type TQueues } from "@mlsec/jobs";

// One Redis connection per server process, opened on first use: the web app only enqueues, and
// opening a connection per request would exhaust Redis under load. Kept on globalThis so that
// `next dev` module reloads reuse it.
const holder = globalThis as unknown as { __mlsecQueues?: TQueues };

export function getQueues(): TQueues {
  holder.__mlsecQueues ??= openQueues();
  return holder.__mlsecQueues;
}
