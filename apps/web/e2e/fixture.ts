import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const FIXTURE_PATH = fileURLToPath(new URL("./fixtures/ufw-sample.log", import.meta.url));

/** Lines per source address, read from the fixture itself so the expectations follow the file. */
export function fixtureSources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const match of readFileSync(FIXTURE_PATH, "utf8").matchAll(/ SRC=(\S+) /g)) {
    const ip = match[1] ?? "";
    counts.set(ip, (counts.get(ip) ?? 0) + 1);
  }
  return counts;
}

/** A unique, valid email for one test run, so reruns against the same database never collide. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@e2e.example.com`;
}
