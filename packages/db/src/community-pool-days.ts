import { once } from "node:events";
import { dayNumber, dayString } from "@mlsec/core/day";
import { PoolDaysBuilder, type TPoolDays } from "@mlsec/core/community";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { loadDbEnv } from "@mlsec/config";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TAB = 9;
const NL = 10;

/**
 * The community pool in [from, before) as per-day aggregates (CommunityDay), in columns: what a
 * training reads once and computes every label day's view from. The rows never exist as objects:
 * COPY streams them out and each line is parsed in place into typed arrays, with one string per
 * distinct address and contributor.
 *
 * Two connections read the two halves of the range at once, on one exported snapshot (the same
 * pool state, as one read would see it), so that the server could produce the second half while
 * the first is parsed. Measured, that bought nothing (5.0 s against 4.8 s for one connection, on
 * 10M sightings; the parsing in JavaScript is the long pole, docs/benchmarks.md), and it holds the
 * second half's bytes meanwhile: one connection should replace it once that is re-measured with
 * the current parser. The second half's bytes wait until the first is parsed, so entries come in
 * the same order on every read (views sum in that order: the same pool gives bit-identical
 * features).
 */
export async function readPoolDays(opts: { from: string; before: string }): Promise<TPoolDays> {
  // COPY takes no parameters: the days are checked to be days before they go into the text.
  if (!DAY.test(opts.from) || !DAY.test(opts.before)) throw new Error("readPoolDays: days are YYYY-MM-DD");
  const [first, second] = [connect(), connect()];
  try {
    const [a, b] = await Promise.all([first, second]);
    await a.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const snapshot = (await a.query<{ s: string }>("SELECT pg_export_snapshot() AS s")).rows[0]?.s;
    await b.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await b.query(`SET TRANSACTION SNAPSHOT '${String(snapshot).replace(/'/g, "")}'`);

    const builder = new PoolDaysBuilder();
    const ids = await a.query<{ id: number; key: string }>(
      `SELECT "id", "key" FROM "CommunityContributor" ORDER BY "id"`,
    );
    // Database id (a serial: small and dense) -> the builder's contributor index, -1 for none.
    const index = new Int32Array(ids.rows.reduce((m, r) => Math.max(m, r.id), 0) + 1).fill(-1);
    for (const r of ids.rows) index[r.id] = builder.contributor(r.key);
    const parse = lineParser(builder, index);

    const mid = dayString(Math.floor((dayNumber(opts.from) + dayNumber(opts.before)) / 2));
    const later: Buffer[] = [];
    const secondDone = copyDays(b, mid, opts.before, (chunk) => later.push(chunk));
    await copyDays(a, opts.from, mid, parse);
    await secondDone;
    for (const chunk of later) parse(chunk);
    parse(null);
    await Promise.all([a.query("COMMIT"), b.query("COMMIT")]);
    return builder.finish();
  } finally {
    await Promise.all([first, second].map((c) => c.then((client) => client.end()).catch(() => undefined)));
  }
}

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: loadDbEnv().DATABASE_URL,
    application_name: `mlsec-pool-read/${process.pid}`,
  });
  client.on("error", () => undefined);
  await client.connect();
  return client;
}

/** COPYs CommunityDay's rows of [from, before) out, chunk by chunk. */
async function copyDays(
  client: pg.Client,
  from: string,
  before: string,
  onChunk: (chunk: Buffer) => void,
): Promise<void> {
  if (from >= before) return;
  const stream = client.query(
    copyTo(
      `COPY (SELECT "day" - DATE '1970-01-01', "ip", "contributors" FROM "CommunityDay"
             WHERE "day" >= DATE '${from}' AND "day" < DATE '${before}') TO STDOUT`,
    ),
  );
  stream.on("data", onChunk);
  await once(stream, "end");
}

/**
 * A parser of COPY's text lines "<day number>\t<ip>\t{1,2,3}" into the builder, fed chunk by chunk
 * (a line may be cut between two), and null at the end.
 */
function lineParser(builder: PoolDaysBuilder, index: Int32Array): (chunk: Buffer | null) => void {
  const members: number[] = [];
  const line = (buf: Buffer, from: number, to: number) => {
    let day = 0;
    let k = from;
    for (; k < to && buf[k] !== TAB; k++) day = day * 10 + ((buf[k] ?? 48) - 48);
    const ipFrom = k + 1;
    const ipTo = buf.indexOf(TAB, ipFrom);
    if (ipTo < 0 || ipTo >= to) return;
    members.length = 0;
    let n = -1;
    for (k = ipTo + 2; k < to; k++) {
      const ch = buf[k] ?? 0;
      if (ch >= 48 && ch <= 57) n = (n < 0 ? 0 : n * 10) + (ch - 48);
      else if (n >= 0) {
        const i = n < index.length ? (index[n] ?? -1) : -1;
        if (i >= 0) members.push(i);
        n = -1;
      }
    }
    if (members.length > 0) builder.addBytes(day, buf, ipFrom, ipTo, members);
  };
  let rest: Buffer | null = null;
  return (chunk) => {
    if (chunk === null) {
      if (rest) line(rest, 0, rest.length);
      rest = null;
      return;
    }
    const buf: Buffer = rest ? Buffer.concat([rest, chunk]) : chunk;
    let at = 0;
    for (let nl = buf.indexOf(NL); nl >= 0; nl = buf.indexOf(NL, at)) {
      line(buf, at, nl);
      at = nl + 1;
    }
    // Copied: a view would keep the whole chunk.
    rest = at < buf.length ? Buffer.from(buf.subarray(at)) : null;
  };
}
