import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TFeedDecision } from "../../src/feeds/index.ts";
import { decision } from "./feed-fixtures.ts";

/** Runs a consumer's command line; its stderr comes with the error so failures say why. */
export function run(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(" ")} failed: ${err.stderr ?? err.message}`);
  }
}

/** Writes a rendered body to a fresh temp file (consumers read files) and returns its path. */
export function tempFile(name: string, body: string): { path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "mlsec-feed-"));
  const path = join(dir, name);
  writeFileSync(path, body);
  return { path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A list with what consumers trip over: runs of adjacent addresses, a CIDR with an address inside
 * it, an expired entry, IPv6 addresses and a range, and enough entries for several statements.
 * `seed` shifts the addresses so two lists share nothing.
 */
export function consumerList(now: Date, seed: number): { decisions: TFeedDecision[]; expected: Set<string> } {
  const hour = (h: number) => new Date(now.getTime() + h * 3_600_000).toISOString();
  const decisions: TFeedDecision[] = [];
  const expected = new Set<string>();
  const add = (value: string, live = true, over: Partial<TFeedDecision> = {}) => {
    decisions.push(decision(value, { validUntil: hour(live ? 1 + (decisions.length % 48) : -1), ...over }));
    if (live) expected.add(value);
  };
  add(`10.${seed}.0.0/24`);
  decisions.push(decision(`10.${seed}.0.7`, { validUntil: hour(2) })); // inside the /24: not its own element
  for (let i = 0; i < 2500; i++) add(`10.${seed}.${1 + (i >> 8)}.${i & 255}`);
  add(`10.${seed}.200.1`, false);
  for (let i = 0; i < 300; i++) add(`2001:db8:${seed.toString(16)}::${(i * 2 + 2).toString(16)}`);
  add(`2001:db8:${seed.toString(16)}:1::/64`);
  return { decisions, expected };
}
