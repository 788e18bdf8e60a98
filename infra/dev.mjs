// `npm run dev`: the local S3 server, the portal on port 3000 (or PORT) and one worker, in one
// terminal. Ctrl-C stops all three. PostgreSQL and Redis are the machine's own (or docker-compose's).
import { spawn } from "node:child_process";
import { devDatabaseUrl, prepareDevDatabase } from "./dev-db.mjs";

// Development data lives in `mlsec_dev`, never in the test suite's database (dev-db.mjs).
const databaseUrl = devDatabaseUrl();
try {
  await prepareDevDatabase(databaseUrl);
} catch (err) {
  console.error(`[dev] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

// PORT is always passed on: `next dev` picks another port by itself when 3000 is taken and PORT
// is unset, and the sign-in callbacks (NEXTAUTH_URL) would then point at the wrong one.
const port = process.env.PORT || "3000";
const portalUrl = `http://127.0.0.1:${port}`;
const env = {
  // next-auth reads NEXTAUTH_URL itself and warns when it is unset; the worker links to PORTAL_URL.
  NEXTAUTH_URL: portalUrl,
  PORTAL_URL: portalUrl,
  // Queues of their own: a worker on the default prefix may be serving the test database, and
  // this one would take its jobs and fail them against mlsec_dev (and the other way round).
  QUEUE_PREFIX: "mlsec-dev",
  ...process.env,
  PORT: port,
  DATABASE_URL: databaseUrl,
};

const procs = [
  ["s3", "npx", ["tsx", "infra/s3-server.ts"]],
  ["web", "npm", ["run", "dev", "-w", "@mlsec/web"]],
  ["worker", "npx", ["tsx", "apps/worker/src/main.ts"]],
].map(([name, cmd, args]) => {
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], env });
  const prefix = (chunk) =>
    chunk
      .toString()
      .split("\n")
      .filter(Boolean)
      .forEach((l) => console.log(`[${name}] ${l}`));
  child.stdout.on("data", prefix);
  child.stderr.on("data", prefix);
  child.on("exit", (code) => console.log(`[${name}] exited with ${code}`));
  return child;
});

const stop = () => {
  procs.forEach((p) => p.kill("SIGTERM"));
  setTimeout(() => process.exit(0), 2000);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
