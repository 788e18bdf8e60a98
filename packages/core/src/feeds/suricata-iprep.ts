import { ChunkBuffer } from "./chunk-buffer.ts";
import type { TFeedDecision } from "./feed-decision.ts";
import { type TDecisionSource, liveDecisions } from "./feed-source.ts";

/**
 * Suricata reads the categories file only at start (a USR2 reload re-reads reputation files only),
 * so the categories are a fixed set, one per bucket, never per cluster (clusters come and go, and
 * ids stop at 60). Rules then match e.g. `iprep:src,mlsec-block,>,90`.
 */
export const SURICATA_CATEGORIES = [
  { id: 1, bucket: "block", shortName: "mlsec-block", description: "mlsec: block, likely malicious" },
  { id: 2, bucket: "review", shortName: "mlsec-review", description: "mlsec: review, possibly malicious" },
  { id: 3, bucket: "allow", shortName: "mlsec-allow", description: "mlsec: listed but allowed" },
] as const satisfies readonly {
  id: number;
  bucket: TFeedDecision["bucket"];
  shortName: string;
  description: string;
}[];

/** The categories file (`reputation-categories-file`): `<id>,<short name>,<description>` lines. */
export function renderSuricataCategories(): string {
  return SURICATA_CATEGORIES.map((c) => `${c.id},${c.shortName},${c.description}\n`).join("");
}

/**
 * Reputation 1..127 from the probability: round(score * 127), at least 1 because Suricata reads 0
 * as "no data" (a listed address always has some), so 0.5 is 64 and 0.93 is 118.
 */
export function suricataReputation(score: number): number {
  if (!Number.isFinite(score)) return 1;
  return Math.min(127, Math.max(1, Math.round(score * 127)));
}

/**
 * A reputation file (`reputation-files`): `<ip or cidr>,<category id>,<reputation>` per live
 * decision, in its bucket's category. No expiry in the format: expired decisions are left out.
 */
export async function* renderSuricataIprep(
  source: TDecisionSource,
  options: { now: Date },
): AsyncGenerator<string> {
  const ids = new Map<string, number>(SURICATA_CATEGORIES.map((c) => [c.bucket, c.id]));
  const buf = new ChunkBuffer();
  for await (const d of liveDecisions(source, options.now)) {
    const category = ids.get(d.bucket) ?? 1;
    const chunk = buf.push(`${d.value},${category},${suricataReputation(d.score)}\n`);
    if (chunk) yield chunk;
  }
  const rest = buf.take();
  if (rest) yield rest;
}
