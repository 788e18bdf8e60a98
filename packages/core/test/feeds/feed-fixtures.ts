import type { TFeedDecision } from "../../src/feeds/feed-decision.ts";
import { seededRandom as rng } from "../../src/train/seeded-random.ts";

export { rng };

/** The instant the fixtures are rendered at. */
export const NOW = new Date("2026-03-01T12:00:00.000Z");

/** A decision with defaults; `validUntil` one hour after NOW unless given. */
export function decision(value: string, over: Partial<TFeedDecision> = {}): TFeedDecision {
  return {
    value,
    scope: value.includes("/") ? "Range" : "Ip",
    family: value.includes(":") ? 6 : 4,
    score: 0.93,
    bucket: "block",
    cluster: "ssh-bruteforce",
    asOf: "2026-03-01",
    validUntil: "2026-03-01T13:00:00.000Z",
    asn: 64500,
    reportId: "report-1",
    ...over,
  };
}

/** Concatenates a renderer's chunks. */
export async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let out = "";
  for await (const c of chunks) out += c;
  return out;
}

export async function toArray<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const i of items) out.push(i);
  return out;
}

/** A small list in sortKey order: an address, a range, an expired address, an IPv6 address. */
export const SAMPLE: TFeedDecision[] = [
  decision("192.0.2.7"),
  decision("198.51.100.0/24", {
    score: 0.5,
    bucket: "review",
    cluster: "port-scan",
    validUntil: "2026-03-01T14:00:00.000Z",
  }),
  decision("203.0.113.9", { validUntil: "2026-03-01T11:59:59.000Z" }),
  decision("2001:db8::1", {
    score: 0.004,
    cluster: "community",
    validUntil: "2026-05-30T12:00:00.000Z",
    asOf: "2026-02-28",
  }),
];
