// `npm run dev`: the local S3 server, the portal on port 3000 and one worker, in one terminal.
// Ctrl-C stops all three. PostgreSQL and Redis are the machine's own (or docker-compose's).
import { spawn, spawnSync } from "node:child_process";

const migrate = spawnSync("node", ["infra/prisma-migrate.mjs"], { stdio: "inherit" });
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

const procs = [
  ["s3", "npx", ["tsx", "infra/s3-server.ts"]],
  ["web", "npm", ["run", "dev", "-w", "@mlsec/web"]],
  ["worker", "npx", ["tsx", "apps/worker/src/main.ts"]],
].map(([name, cmd, args]) => {
  // next-auth reads NEXTAUTH_URL itself and warns when it is unset.
  const env = { NEXTAUTH_URL: "http://127.0.0.1:3000", ...process.env };
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
