import { once } from "node:events";
import { PassThrough } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { loadDbEnv } from "@mlsec/config";
import type { TSentEntry } from "./feeds.ts";

export type TSentCopy = {
  /** Queues rows; resolves once the connection has taken them (backpressure: bounded memory). */
  write(rows: readonly TSentEntry[]): Promise<void>;
  /** Commits; resolves with the rows written. */
  end(): Promise<number>;
  /** Rolls back (the pull was cut short: the consumer did not get everything). */
  abort(): Promise<void>;
};

/** Sent-set values hold addresses, CIDRs and rule names: a tab or line break would break COPY. */
const clean = (s: string) => s.replace(/[\\\t\n\r]/g, " ");

/**
 * A COPY into FeedSentEntry on a connection of its own, fed while a startup stream is being sent:
 * a million-entry startup records what it sent at COPY speed instead of in batched INSERTs, which
 * were most of its time. Only for a feed whose sent set was just cleared (COPY has no ON CONFLICT).
 */
export async function openSentCopy(feedId: string): Promise<TSentCopy> {
  const client = new pg.Client({
    connectionString: loadDbEnv().DATABASE_URL,
    application_name: `mlsec-feed-sent/${process.pid}`,
  });
  client.on("error", () => undefined);
  await client.connect();
  await client.query("BEGIN");
  const copy = client.query(
    copyFrom(`COPY "FeedSentEntry" ("feedId","sortKey","value","scope","scenario") FROM STDIN`),
  );
  const input = new PassThrough();
  const done = pipeline(input, copy);
  // Surfaces at end()/abort(); until then a failed COPY must not be an unhandled rejection.
  done.catch(() => undefined);
  const id = clean(feedId);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await client.end().catch(() => undefined);
  };
  return {
    async write(rows) {
      if (rows.length === 0) return;
      const text = rows
        .map(
          (r) => `${id}\t${clean(r.sortKey)}\t${clean(r.value)}\t${clean(r.scope)}\t${clean(r.scenario)}\n`,
        )
        .join("");
      if (!input.write(text)) await once(input, "drain");
    },
    async end() {
      try {
        input.end();
        await done;
        await client.query("COMMIT");
        return copy.rowCount;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw err;
      } finally {
        await close();
      }
    },
    async abort() {
      input.destroy();
      await done.catch(() => undefined);
      await client.query("ROLLBACK").catch(() => undefined);
      await close();
    },
  };
}
