import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { loadDbEnv } from "@mlsec/config";
import { toRollupJson, type TIpDayRollup, type TIpDayRollupJson, mergeRollups } from "@mlsec/core/rollup";
import { ensureRollupPartition, monthOf, partitionName, withPartitionClient } from "./rollup-partitions.ts";

const ANALYZE_AFTER_ROWS = 50_000;
// ~50 KB of COPY text per string: strings past ~128 KB go to V8's large-object space, which is
// only swept by a full collection, and piled up to ~100 MB over a 1M-line ingest.
const ROWS_PER_CHUNK = 200;
const MERGE_BATCH = 5000;
// Matches the sweep that fails an upload whose stage stopped heart-beating.
const LOCK_TIMEOUT = "15min";

const COLUMNS = `"day","ip","events","distinctPorts","ports","blockedPorts","protocols","actions","firstSeen","lastSeen"`;
const UPSERT = `INSERT INTO "IpDayRollup" ("tenantId","sourceKey",${COLUMNS})
  SELECT $1, $2, day, ip, events, "distinctPorts", ports, "blockedPorts", protocols, actions,
         "firstSeen" AT TIME ZONE 'UTC', "lastSeen" AT TIME ZONE 'UTC'
    FROM rollup_stage
  ON CONFLICT ("tenantId","sourceKey","day","ip") DO UPDATE SET
    "events" = EXCLUDED."events", "distinctPorts" = EXCLUDED."distinctPorts", "ports" = EXCLUDED."ports",
    "blockedPorts" = EXCLUDED."blockedPorts", "protocols" = EXCLUDED."protocols", "actions" = EXCLUDED."actions",
    "firstSeen" = EXCLUDED."firstSeen", "lastSeen" = EXCLUDED."lastSeen"`;

export type TRollupWriter = {
  /**
   * Writes rows, overwriting any of the same (day, ip) for this source: never adds. A (day, ip)
   * goes to `write` at most once per writer; later rows for it go to `add`.
   */
  write(rollups: Iterable<TIpDayRollupJson>): Promise<number>;
  /**
   * Adds rows to the ones this writer wrote earlier for the same (day, ip) (late lines of a day
   * already written). Only this writer's own rows: that is what keeps a re-run exact, since its
   * first write of a row overwrote whatever an earlier run left there. Calls may overlap: they
   * are carried out one at a time, in call order.
   */
  add(rollups: Iterable<TIpDayRollup>): Promise<number>;
  /** Refreshes planner statistics after a large write, and releases the connection. */
  close(): Promise<void>;
};

/**
 * Bulk writer for one upload content's rollups, on dedicated connections, one transaction per
 * batch. When the source has no rows yet (a first ingest), rows are COPYed straight into the
 * table; otherwise (a retry after a crash, a duplicate upload) they are COPYed into a temporary
 * staging table and merged with one INSERT ... ON CONFLICT DO UPDATE, which overwrites. Two
 * writers of the same content take turns through an advisory lock held for the writer's life,
 * so the emptiness check stays true and `add` never sees another run's rows; a crashed process's
 * lock goes with its connection. With `connections` > 1, that many batches are written at once
 * (PostgreSQL's side of a COPY is most of the ingest's CPU time, and it runs one core per
 * connection); `add` waits for every write before it.
 *
 * The table is partitioned by month (rollup-partitions.ts). Before a write the month of its first
 * row gets its partition (an ingest's batches are one day each), so an old log's rows land in their
 * month and not in DEFAULT; a write whose rows span months (replaceRollups with any array) puts the
 * rest of them through DEFAULT, and once it commits their months are made and the rows moved there.
 */
export async function openRollupWriter(opts: {
  tenantId: string;
  sourceKey: string;
  connections?: number;
}): Promise<TRollupWriter> {
  const clients: pg.Client[] = [];
  let empty = false;
  try {
    for (let i = 0; i < Math.max(1, opts.connections ?? 1); i++) {
      const client = new pg.Client({
        connectionString: loadDbEnv().DATABASE_URL,
        // With the process id, so an operator (or bench/ingest-worker.ts) can tell writers apart.
        application_name: `mlsec-rollup-writer/${process.pid}`,
      });
      clients.push(client);
      // An idle connection that drops emits "error", which would crash the process unheard; the
      // next query on it fails instead, and that failure is the stage's to report.
      client.on("error", () => undefined);
      await client.connect();
      if (i === 0) {
        await client.query(`SET lock_timeout = '${LOCK_TIMEOUT}'`);
        await client.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [
          `rollups/${opts.tenantId}/${opts.sourceKey}`,
        ]);
        await client.query(`SET lock_timeout = 0`);
        const existing = await client.query(
          `SELECT 1 FROM "IpDayRollup" WHERE "tenantId" = $1 AND "sourceKey" = $2 LIMIT 1`,
          [opts.tenantId, opts.sourceKey],
        );
        empty = existing.rowCount === 0;
      }
      await client.query(
        `CREATE TEMP TABLE rollup_stage (day date, ip text, events int, "distinctPorts" int, ports json,
           "blockedPorts" json, protocols json, actions json, "firstSeen" timestamptz, "lastSeen" timestamptz)
         ON COMMIT DELETE ROWS`,
      );
    }
  } catch (err) {
    await Promise.allSettled(clients.map((c) => c.end()));
    throw err;
  }
  let written = 0;
  // Months this writer made sure have a partition (one check per month per writer), and wrote into.
  const ensured = new Map<string, Promise<unknown>>();
  const touched = new Set<string>();
  const ensure = (month: string): Promise<unknown> => {
    let p = ensured.get(month);
    if (!p) {
      p = withPartitionClient((c) => ensureRollupPartition(c, month));
      // A failed attempt (a lock wait cut short) is tried again by the next write of the month.
      p.catch(() => ensured.delete(month));
      ensured.set(month, p);
    }
    return p;
  };
  const free = [...clients];
  const waiting: ((c: pg.Client) => void)[] = [];
  const pending = new Set<Promise<number>>();
  const acquire = (): Promise<pg.Client> => {
    const c = free.pop();
    return c ? Promise.resolve(c) : new Promise((resolve) => waiting.push(resolve));
  };
  const release = (c: pg.Client): void => {
    const next = waiting.shift();
    if (next) next(c);
    else free.push(c);
  };

  // Rows COPYed straight into the table carry the key columns; staged rows get them in the INSERT.
  const keyPrefix = `${copyValue(opts.tenantId)}\t${copyValue(opts.sourceKey)}\t`;
  const writeOn = async (client: pg.Client, rollups: Iterable<TIpDayRollupJson>, direct: boolean) => {
    const months = new Set<string>();
    await client.query("BEGIN");
    try {
      const copy = client.query(
        copyFrom(
          direct
            ? `COPY "IpDayRollup" ("tenantId","sourceKey",${COLUMNS}) FROM STDIN`
            : `COPY rollup_stage (${COLUMNS}) FROM STDIN`,
        ),
      );
      await pipeline(Readable.from(copyText(rollups, direct ? keyPrefix : "", months)), copy);
      const n = direct
        ? copy.rowCount
        : ((await client.query(UPSERT, [opts.tenantId, opts.sourceKey])).rowCount ?? 0);
      await client.query("COMMIT");
      written += n;
      for (const m of months) touched.add(m);
      // Rows of a month that had no partition went to DEFAULT: make it, which moves them there.
      await Promise.all([...months].map(ensure));
      return n;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    }
  };
  const write = (rollups: Iterable<TIpDayRollupJson>, direct = empty): Promise<number> => {
    // Registered before the first await, so an `add` called after this sees it as pending.
    const p = (async () => {
      const rows = rollups[Symbol.iterator]();
      const first = rows.next();
      if (!first.done) await ensure(monthOf(first.value.day));
      const client = await acquire();
      try {
        return await writeOn(client, first.done ? [] : prepend(first.value, rows), direct);
      } finally {
        release(client);
      }
    })();
    pending.add(p);
    void p.then(
      () => pending.delete(p),
      () => pending.delete(p),
    );
    return p;
  };

  const addChunk = async (rows: TIpDayRollup[]): Promise<number> => {
    const client = await acquire();
    let existing;
    try {
      existing = await client.query<TIpDayRollup>(
        `SELECT to_char(r."day", 'YYYY-MM-DD') AS "day", r."ip", r."events", r."distinctPorts", r."ports",
                r."blockedPorts", r."protocols", r."actions",
                to_char(r."firstSeen", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "firstSeen",
                to_char(r."lastSeen", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "lastSeen"
           FROM "IpDayRollup" r
           JOIN unnest($3::date[], $4::text[]) AS k(day, ip) ON r."day" = k.day AND r."ip" = k.ip
          WHERE r."tenantId" = $1 AND r."sourceKey" = $2`,
        [opts.tenantId, opts.sourceKey, rows.map((r) => r.day), rows.map((r) => r.ip)],
      );
    } finally {
      release(client);
    }
    const before = new Map(existing.rows.map((r) => [`${r.day}|${r.ip}`, r]));
    return write(
      rows.map((r) => {
        const old = before.get(`${r.day}|${r.ip}`);
        return toRollupJson(old ? mergeRollups(old, r) : r);
      }),
      false,
    );
  };

  const addAll = async (rollups: Iterable<TIpDayRollup>): Promise<number> => {
    // The rows to add to must be committed first.
    await Promise.all([...pending]);
    let n = 0;
    let chunk: TIpDayRollup[] = [];
    for (const r of rollups) {
      chunk.push(r);
      if (chunk.length === MERGE_BATCH) {
        n += await addChunk(chunk);
        chunk = [];
      }
    }
    if (chunk.length > 0) n += await addChunk(chunk);
    return n;
  };
  // Adds run one at a time, in call order. Each reads the rows it adds to and writes back the
  // sums, so two at once (the sink keeps batches in flight, and a day's late lines can come in
  // more than one batch) would both read the same old rows and the first one's events would be
  // lost. In order, each sees every earlier add's rows committed.
  let adds: Promise<unknown> = Promise.resolve();

  return {
    write: (rollups) => write(rollups),
    add(rollups) {
      const run = adds.then(() => addAll(rollups));
      adds = run.catch(() => undefined);
      return run;
    },
    async close() {
      try {
        await Promise.allSettled([...pending]);
        // After a bulk write the planner's row estimates are stale until autovacuum catches up; a
        // stale estimate turned paged reads into full rescans (bench/rank-postgres.ts). Only the
        // partitions written (a day read plans against its partition's statistics), and those that
        // still exist (retention may have dropped an expired month meanwhile).
        if (written >= ANALYZE_AFTER_ROWS && clients[0]) {
          const names = [...touched].map(partitionName);
          const live = await clients[0].query<{ name: string }>(
            `SELECT n AS name FROM unnest($1::text[]) AS n WHERE to_regclass(quote_ident(n)) IS NOT NULL`,
            [names],
          );
          if (live.rows.length > 0)
            await clients[0].query(`ANALYZE ${live.rows.map((r) => `"${r.name}"`).join(", ")}`);
        }
      } finally {
        await Promise.allSettled(clients.map((c) => c.end()));
      }
    },
  };
}

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** A value in COPY's text format: backslash, tab and line breaks escaped. */
function copyValue(s: string): string {
  return COPY_SPECIAL.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c] ?? c) : s;
}

/** ISO 8601 in UTC, as a `timestamp` column reads it (it ignores a zone, so there must be none but Z). */
function utc(iso: string): string {
  return iso.endsWith("Z") ? iso : new Date(iso).toISOString();
}

/**
 * copyValue for JSON text: JSON.stringify escapes tabs and line breaks itself, so a backslash is
 * the only special character it can hold, and one indexOf per field is cheaper than a regex test
 * (four JSON fields per row, hundreds of thousands of rows per ingest).
 */
function copyJson(s: string): string {
  return s.indexOf("\\") < 0 ? s : copyValue(s);
}

function* prepend<T>(first: T, rest: Iterator<T>): Generator<T> {
  yield first;
  for (let r = rest.next(); !r.done; r = rest.next()) yield r.value;
}

/**
 * COPY text rows, ROWS_PER_CHUNK per string, built as the stream asks for them; adds the month of
 * every row to `months` (one string comparison per row while the month does not change).
 */
function* copyText(
  rollups: Iterable<TIpDayRollupJson>,
  prefix: string,
  months: Set<string>,
): Generator<string> {
  let text = "";
  let k = 0;
  let month = "";
  for (const r of rollups) {
    if (month === "" || !r.day.startsWith(month)) {
      month = r.day.slice(0, 7);
      months.add(`${month}-01`);
    }
    text +=
      `${prefix}${r.day}\t${copyValue(r.ip)}\t${r.events}\t${r.distinctPorts}\t${copyJson(r.ports)}\t` +
      `${copyJson(r.blockedPorts)}\t${copyJson(r.protocols)}\t` +
      `${copyJson(r.actions)}\t${utc(r.firstSeen)}\t${utc(r.lastSeen)}\n`;
    if (++k === ROWS_PER_CHUNK) {
      yield text;
      text = "";
      k = 0;
    }
  }
  if (text !== "") yield text;
}
