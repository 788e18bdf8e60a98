import type { z } from "zod";
import { networkCidr } from "../net/network.ts";
import type { TScoredIp, ZAsCount, ZCountryCount, ZPrefixCount } from "./report-schema.ts";

export const DEFAULT_TOP_GROUPS = 20;

type TCounts = { sources: number; flagged: number; events: number };

/**
 * The origin ASes, /24s (IPv6 /64s) and countries with the most flagged sources (ties: events),
 * from the scored IPs. "Flagged" is the model's verdict, as in the report summary.
 */
export function summariseGroups(
  scored: readonly TScoredIp[],
  top = DEFAULT_TOP_GROUPS,
): {
  topAses: z.infer<typeof ZAsCount>[];
  topPrefixes: z.infer<typeof ZPrefixCount>[];
  topCountries: z.infer<typeof ZCountryCount>[];
} {
  const ases = new Map<number, TCounts & { org: string }>();
  const prefixes = new Map<string, TCounts>();
  const countries = new Map<string, TCounts>();
  const bump = (c: TCounts, ip: TScoredIp) => {
    c.sources++;
    c.events += ip.events;
    if (ip.verdict === "malicious") c.flagged++;
  };
  for (const ip of scored) {
    if (ip.asn !== null) {
      const a = ases.get(ip.asn) ?? { org: ip.asOrg ?? "", sources: 0, flagged: 0, events: 0 };
      bump(a, ip);
      ases.set(ip.asn, a);
    }
    const prefix = networkCidr(ip.ip, ip.ip.includes(":") ? 64 : 24);
    if (prefix) {
      const p = prefixes.get(prefix) ?? { sources: 0, flagged: 0, events: 0 };
      bump(p, ip);
      prefixes.set(prefix, p);
    }
    if (ip.country) {
      const c = countries.get(ip.country) ?? { sources: 0, flagged: 0, events: 0 };
      bump(c, ip);
      countries.set(ip.country, c);
    }
  }
  const order = (a: TCounts, b: TCounts) =>
    b.flagged - a.flagged || b.events - a.events || b.sources - a.sources;
  return {
    topAses: [...ases.entries()]
      .map(([asn, c]) => ({ asn, ...c }))
      .sort((a, b) => order(a, b) || a.asn - b.asn)
      .slice(0, top),
    topPrefixes: [...prefixes.entries()]
      .map(([prefix, c]) => ({ prefix, ...c }))
      .sort((a, b) => order(a, b) || (a.prefix < b.prefix ? -1 : 1))
      .slice(0, top),
    topCountries: [...countries.entries()]
      .map(([country, c]) => ({ country, ...c }))
      .sort((a, b) => order(a, b) || (a.country < b.country ? -1 : 1))
      .slice(0, top),
  };
}
