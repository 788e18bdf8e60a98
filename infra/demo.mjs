// `npm run demo`: the CLI's analyze on the bundled sample logs, no servers needed.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";

mkdirSync(".data/demo", { recursive: true });
const run = spawnSync(
  "node",
  [
    "apps/cli/bin/mlsec.js",
    "analyze",
    "samples/ufw.log.gz",
    "samples/auth.log.gz",
    "--benign",
    "samples/known-benign.txt",
    "--malicious",
    "samples/feed-ipsum-sample.txt",
    "--out",
    ".data/demo/report.json",
    "--html",
    ".data/demo/report.html",
  ],
  { stdio: "inherit" },
);
process.exit(run.status ?? 1);
