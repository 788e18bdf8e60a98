// Backup and restore drill (#20): backs up the database (pg_dump) and the S3 bucket to a directory,
// restores both into a fresh database and a fresh bucket, and proves the restored system yields the
// same data: every table's rows (count and an order-free digest) equal those of the dump's snapshot,
// and every report the restored database names reads back from the restored bucket byte for byte
// as from the source. Run: `npx tsx infra/backup-drill.ts --dir <backup dir>` (docs/operations.md).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { loadDbEnv, loadS3Env } from "@mlsec/config";
import { createStorage, ensureBucket, getStream, listKeys, putStream, type TStorage } from "@mlsec/storage";

export type TDrillOptions = {
  /** The source database (default: DATABASE_URL). */
  sourceUrl?: string;
  /** The source bucket (default: S3_BUCKET), on the configured S3 endpoint. */
  sourceBucket?: string;
  /** Where the dump and the bucket copy go; made if missing. */
  dir: string;
  /** The database to restore into: must not exist yet (default: <source>_restore_<time>). */
  restoreDb?: string;
  /** The bucket to restore into: made, must be empty (default: <source>-restore-<time>). */
  restoreBucket?: string;
  /** Compare only these tenants' reports (a drill on a shared system); default every report. */
  tenantIds?: string[];
  /** Copy only the objects under this key prefix (a test copies its own tenant's: s3rver fails to list a whole bucket of many tests' objects). Default: the whole bucket. */
  prefix?: string;
  log?: (line: string) => void;
};

export type TTableDigest = { rows: number; digest: string };
export type TDrillResult = {
  dumpFile: string;
  restoreUrl: string;
  restoreBucket: string;
  objects: number;
  bytes: number;
  /** Objects deleted between listing and copying (a tenant erased meanwhile): not in the backup. */
  vanished: string[];
  tables: Record<string, { source: TTableDigest; restored: TTableDigest }>;
  tablesEqual: boolean;
  /** Per report: the sha256 of its object read through the source and through the restored system. */
  reports: { checked: number; equal: number; mismatched: string[]; hashes: Record<string, string> };
  ok: boolean;
};

// Order-free digest of a table: the count and the sums of two 60-bit slices of each row's md5
// (a multiset hash in constant memory; a table of millions of rollups never becomes one string).
const digestSql = (table: string) =>
  `SELECT count(*)::bigint AS rows,
          coalesce(sum(('x' || substr(h, 1, 15))::bit(60)::bigint::numeric), 0)::text || ':' ||
          coalesce(sum(('x' || substr(h, 16, 15))::bit(60)::bigint::numeric), 0)::text AS digest
     FROM (SELECT md5(t::text) AS h FROM "${table}" t) d`;

async function tableDigests(client: pg.ClientBase): Promise<Record<string, TTableDigest>> {
  const tables = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const out: Record<string, TTableDigest> = {};
  for (const { table_name: t } of tables.rows) {
    const r = await client.query<{ rows: string; digest: string }>(digestSql(t));
    out[t] = { rows: Number(r.rows[0]?.rows ?? 0), digest: r.rows[0]?.digest ?? "" };
  }
  return out;
}

function run(cmd: string, args: string[]): void {
  const res = spawnSync(cmd, args, { stdio: ["ignore", "inherit", "pipe"], encoding: "utf8" });
  if (res.status !== 0) throw new Error(`${cmd} failed (${res.status ?? res.signal}): ${res.stderr}`);
}

const withDb = (url: string, db: string): string => {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
};

const isMissing = (err: unknown): boolean =>
  err instanceof Error && (err.name === "NoSuchKey" || err.name === "NotFound");

/** The object's sha256, or "missing" when there is no such object. */
async function sha256Of(key: string, storage: TStorage): Promise<string> {
  const hash = createHash("sha256");
  try {
    for await (const chunk of await getStream(key, storage)) hash.update(chunk as Buffer);
  } catch (err) {
    if (isMissing(err)) return "missing";
    throw err;
  }
  return hash.digest("hex");
}

/**
 * 1. In one REPEATABLE READ transaction: export its snapshot, pg_dump exactly that snapshot, and
 *    digest every table in it (so the comparison is with what the dump holds, even while the
 *    service keeps writing). 2. Copy every object of the bucket to <dir>/s3 (after the dump: what the
 *    dump references is there). 3. Restore both into fresh ones. 4. Compare.
 */
export async function runBackupDrill(opts: TDrillOptions): Promise<TDrillResult> {
  const log = opts.log ?? ((line: string) => console.log(`[backup-drill] ${line}`));
  const sourceUrl = opts.sourceUrl ?? loadDbEnv().DATABASE_URL;
  const s3Env = loadS3Env();
  const source = createStorage({ ...s3Env, S3_BUCKET: opts.sourceBucket ?? s3Env.S3_BUCKET });
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const sourceDb = new URL(sourceUrl).pathname.slice(1);
  const restoreDb = opts.restoreDb ?? `${sourceDb}_restore_${stamp}`;
  const restored = createStorage({
    ...s3Env,
    S3_BUCKET: opts.restoreBucket ?? `${source.bucket}-restore-${stamp}`,
  });
  if (!/^[A-Za-z0-9_]+$/.test(restoreDb)) throw new Error(`restore database name ${restoreDb} is not plain`);
  mkdirSync(join(opts.dir, "s3"), { recursive: true });
  const dumpFile = join(opts.dir, "db.dump");

  // 1. The dump and the digests of one snapshot.
  const src = new pg.Client({ connectionString: sourceUrl });
  await src.connect();
  let sourceDigests: Record<string, TTableDigest>;
  try {
    await src.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const snap = await src.query<{ id: string }>("SELECT pg_export_snapshot() AS id");
    run("pg_dump", [
      "--format=custom",
      "--no-owner",
      `--snapshot=${snap.rows[0]?.id ?? ""}`,
      `--file=${dumpFile}`,
      `--dbname=${sourceUrl}`,
    ]);
    sourceDigests = await tableDigests(src);
    await src.query("COMMIT");
  } finally {
    await src.end();
  }
  log(`dumped ${Object.keys(sourceDigests).length} tables to ${dumpFile}`);

  // 2. The bucket, object by object (streamed), with a manifest of sizes and hashes.
  const manifest: { key: string; sha256: string; sizeBytes: number }[] = [];
  const vanished: string[] = [];
  for await (const page of listKeys(opts.prefix ?? "", source))
    for (const key of page) {
      const file = join(opts.dir, "s3", key);
      mkdirSync(dirname(file), { recursive: true });
      const hash = createHash("sha256");
      let size = 0;
      let body;
      try {
        body = await getStream(key, source);
      } catch (err) {
        // Listed, then deleted (an erase or retention running meanwhile): nothing to copy.
        if (!isMissing(err)) throw err;
        vanished.push(key);
        continue;
      }
      body.on("data", (c: Buffer) => {
        hash.update(c);
        size += c.length;
      });
      await pipeline(body, createWriteStream(file));
      manifest.push({ key, sha256: hash.digest("hex"), sizeBytes: size });
    }
  writeFileSync(join(opts.dir, "s3-manifest.json"), JSON.stringify(manifest, null, 1));
  const bytes = manifest.reduce((a, m) => a + m.sizeBytes, 0);
  log(
    `copied ${manifest.length} objects (${bytes} bytes) to ${join(opts.dir, "s3")}` +
      (vanished.length > 0 ? `; ${vanished.length} deleted while copying` : ""),
  );

  // 3. Restore into a fresh database and a fresh bucket.
  const admin = new pg.Client({ connectionString: withDb(sourceUrl, "postgres") });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${restoreDb}"`);
  } finally {
    await admin.end();
  }
  const restoreUrl = withDb(sourceUrl, restoreDb);
  run("pg_restore", ["--no-owner", "--exit-on-error", `--dbname=${restoreUrl}`, dumpFile]);
  await ensureBucket(restored);
  for await (const page of listKeys("", restored))
    if (page.length > 0) throw new Error(`restore bucket ${restored.bucket} is not empty`);
  for (const m of manifest) {
    const put = await putStream({
      key: m.key,
      body: createReadStream(join(opts.dir, "s3", m.key)),
      storage: restored,
    });
    if (put.sha256 !== m.sha256) throw new Error(`object ${m.key} changed on its way back`);
  }
  log(`restored into database ${restoreDb} and bucket ${restored.bucket}`);

  // 4. Compare: every table, then every report through the restored database and bucket.
  const dst = new pg.Client({ connectionString: restoreUrl });
  await dst.connect();
  const tables: TDrillResult["tables"] = {};
  let tablesEqual = true;
  const reports = { checked: 0, equal: 0, mismatched: [] as string[], hashes: {} as Record<string, string> };
  try {
    const restoredDigests = await tableDigests(dst);
    for (const t of new Set([...Object.keys(sourceDigests), ...Object.keys(restoredDigests)])) {
      const s = sourceDigests[t] ?? { rows: -1, digest: "missing" };
      const r = restoredDigests[t] ?? { rows: -1, digest: "missing" };
      tables[t] = { source: s, restored: r };
      if (s.rows !== r.rows || s.digest !== r.digest) tablesEqual = false;
    }
    const rows = await dst.query<{ tenantId: string; uploadId: string; s3Key: string }>(
      `SELECT "tenantId", "uploadId", "s3Key" FROM "Report"
        WHERE $1::text[] IS NULL OR "tenantId" = ANY($1::text[]) ORDER BY "id"`,
      [opts.tenantIds ?? null],
    );
    for (const row of rows.rows) {
      reports.checked++;
      const [a, b] = await Promise.all([sha256Of(row.s3Key, source), sha256Of(row.s3Key, restored)]);
      reports.hashes[row.uploadId] = b;
      if (a === b && a !== "missing") reports.equal++;
      else reports.mismatched.push(`${row.tenantId}/${row.uploadId}: source ${a}, restored ${b}`);
    }
  } finally {
    await dst.end();
  }
  const ok = tablesEqual && reports.mismatched.length === 0;
  log(
    `compared ${Object.keys(tables).length} tables (${tablesEqual ? "all equal" : "DIFFERENT"}) and ` +
      `${reports.checked} reports (${reports.equal} byte-for-byte equal): ${ok ? "OK" : "FAILED"}`,
  );
  return {
    dumpFile,
    restoreUrl,
    restoreBucket: restored.bucket,
    objects: manifest.length,
    bytes,
    vanished,
    tables,
    tablesEqual,
    reports,
    ok,
  };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = arg("dir");
  if (!dir) {
    console.error(
      "usage: tsx infra/backup-drill.ts --dir <backup dir> [--restore-db <name>] [--restore-bucket <name>]",
    );
    process.exit(2);
  }
  const restoreDb = arg("restore-db");
  const restoreBucket = arg("restore-bucket");
  const result = await runBackupDrill({
    dir,
    ...(restoreDb ? { restoreDb } : {}),
    ...(restoreBucket ? { restoreBucket } : {}),
  });
  const { hashes: _hashes, ...reports } = result.reports;
  console.log(JSON.stringify({ ...result, tables: Object.keys(result.tables).length, reports }, null, 1));
  process.exit(result.ok ? 0 : 1);
}
