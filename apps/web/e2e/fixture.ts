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

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * The fixture with its days moved so the last one is yesterday (same times, same gaps): listings
 * are valid for as long as their decayed rank lasts from the report's as-of day (at most 90
 * days), so a feed or blocklist test needs evidence from this week, not from the file's January.
 */
export function recentFixture(now = new Date()): Uint8Array<ArrayBuffer> {
  const text = readFileSync(FIXTURE_PATH, "utf8");
  const stamp = /^(\w{3}) ([ \d]\d) /gm;
  const dayOf = (mon: string, d: string) => Date.UTC(2001, MONTHS.indexOf(mon), Number(d.trim()));
  let last = 0;
  for (const m of text.matchAll(stamp)) last = Math.max(last, dayOf(m[1] ?? "", m[2] ?? ""));
  const yesterday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1);
  const shifted = text.replace(stamp, (_all, mon: string, d: string) => {
    const day = new Date(yesterday - (last - dayOf(mon, d)));
    return `${MONTHS[day.getUTCMonth()]} ${String(day.getUTCDate()).padStart(2, " ")} `;
  });
  return new TextEncoder().encode(shifted);
}
