// `npm run dev` keeps its data in a database of its own, `mlsec_dev` on the server DATABASE_URL
// names, so trying the portal never writes into the test suite's `test` database (whose tables the
// tests wipe in part). Run directly, it creates the database when missing and applies migrations.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const DEV_DATABASE = "mlsec_dev";
// packages/config's default (ZDbEnv): this plain script runs under node, which cannot import its TypeScript.
const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/test";

/** The same server, user and options as DATABASE_URL (or the default), with database `mlsec_dev`. */
export function devDatabaseUrl(base = process.env.DATABASE_URL || DEFAULT_DATABASE_URL) {
  const url = new URL(base);
  url.pathname = `/${DEV_DATABASE}`;
  return url.toString();
}

/** CREATE DATABASE has no IF NOT EXISTS: look first, and accept losing a race to another start. */
async function createIfMissing(devUrl) {
  const maintenance = new URL(devUrl);
  maintenance.pathname = "/postgres";
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DEV_DATABASE]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${DEV_DATABASE}"`).catch((err) => {
        // 42P04 duplicate_database: a concurrent start created it first, which is what we wanted.
        if (err?.code !== "42P04") throw err;
      });
      console.log(`[dev] created database ${DEV_DATABASE}`);
    }
  } finally {
    await client.end();
  }
}

/** Creates the development database if missing, then applies migrations to it (idempotent). */
export async function prepareDevDatabase(devUrl = devDatabaseUrl()) {
  await createIfMissing(devUrl);
  const root = fileURLToPath(new URL("..", import.meta.url));
  const migrate = spawnSync(process.execPath, [resolve(root, "infra/prisma-migrate.mjs")], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: devUrl },
    stdio: "inherit",
  });
  if (migrate.status !== 0) throw new Error(`migrations on ${DEV_DATABASE} failed (exit ${migrate.status})`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await prepareDevDatabase();
}
