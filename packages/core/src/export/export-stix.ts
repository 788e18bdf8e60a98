import { uuidV5 } from "./deterministic-uuid.ts";
import type { TExportSet } from "./export-set.ts";
import { indicatorLifetimeDays } from "./indicator-lifetime.ts";
import { MS_PER_DAY } from "../day/day-number.ts";

export type TStixObject = Record<string, unknown> & { type: string; id: string };
export type TStixBundle = { type: "bundle"; id: string; objects: TStixObject[] };

/**
 * A STIX 2.1 bundle: the tenant's identity and one indicator per IP with pattern
 * `[ipv4-addr:value = '…']` (or ipv6-addr), valid from its report's as-of day until its decayed own
 * rank is spent (indicatorLifetimeDays). Ids are UUIDv5 of tenant and IP, and created/modified are
 * the as-of day, so exporting the same data twice gives the same bytes.
 */
export function exportStix(set: TExportSet): TStixBundle {
  const identityId = `identity--${uuidV5(`identity|${set.tenantId}`)}`;
  const first = set.entries.reduce<string | null>((m, e) => (m === null || e.asOf < m ? e.asOf : m), null);
  const identityTime = stamp(first ?? set.generatedAt.slice(0, 10));
  const identity: TStixObject = {
    type: "identity",
    spec_version: "2.1",
    id: identityId,
    created: identityTime,
    modified: identityTime,
    name: `mlsec (${set.tenantId})`,
    identity_class: "system",
  };
  const indicators = set.entries.map(({ scored, asOf }): TStixObject => {
    const from = stamp(asOf);
    const until = new Date(Date.parse(from) + indicatorLifetimeDays(scored, set.halfLifeDays) * MS_PER_DAY);
    const family = scored.ip.includes(":") ? "ipv6-addr" : "ipv4-addr";
    return {
      type: "indicator",
      spec_version: "2.1",
      id: `indicator--${uuidV5(`indicator|${set.tenantId}|${scored.ip}`)}`,
      created_by_ref: identityId,
      created: from,
      modified: from,
      name: `mlsec ${scored.bucket}: ${scored.ip}`,
      description: scored.reasons.join("; "),
      indicator_types: ["malicious-activity"],
      pattern: `[${family}:value = '${scored.ip}']`,
      pattern_type: "stix",
      pattern_version: "2.1",
      valid_from: from,
      valid_until: until.toISOString(),
      confidence: Math.round(scored.score * 100),
      labels: [scored.bucket, scored.verdict],
    };
  });
  const bundleName = `bundle|${set.tenantId}|${indicators.map((i) => `${i.id}@${String(i.modified)}`).join(",")}`;
  return { type: "bundle", id: `bundle--${uuidV5(bundleName)}`, objects: [identity, ...indicators] };
}

const stamp = (day: string): string => `${day.slice(0, 10)}T00:00:00.000Z`;
