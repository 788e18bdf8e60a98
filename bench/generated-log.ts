import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";

/**
 * A bench/gen-iptables.ts log under bench/out (kept out of git), generated once and reused:
 * `days` spreads it over that many days (the generator's default 9 when absent), `seed` makes
 * another log of the same shape. The file name says both, so runs with other options never collide.
 */
export function generatedLog(lines: number, opts: { days?: number; seed?: number } = {}): string {
  mkdirSync("bench/out", { recursive: true });
  const file = `bench/out/iptables-${lines}${opts.days ? `-${opts.days}d` : ""}${opts.seed ? `-seed${opts.seed}` : ""}.log`;
  if (!existsSync(file))
    execFileSync(
      "npx",
      [
        "tsx",
        "bench/gen-iptables.ts",
        String(lines),
        file,
        "bsd",
        ...(opts.days ? ["--days", String(opts.days)] : []),
        ...(opts.seed ? ["--seed", String(opts.seed)] : []),
      ],
      { stdio: "inherit" },
    );
  return file;
}
