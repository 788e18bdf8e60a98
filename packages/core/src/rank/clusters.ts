import { z } from "zod";
import { type TIpDayRollup } from "../rollup/ip-day-rollup.ts";

/**
 * Behaviour clusters: named rules over one IP's rollup for one day. An IP matching a rule on a
 * day gets rank 1 in that cluster for that day (Pinto's "bad behaviour per day").
 */
export const ZClusterRule = z.discriminatedUnion("kind", [
  z.object({
    name: z.string().min(1),
    kind: z.literal("watched-ports"),
    ports: z.array(z.number().int().min(0).max(65535)).min(1),
  }),
  z.object({
    name: z.string().min(1),
    kind: z.literal("port-scan"),
    minDistinctPorts: z.number().int().min(2),
  }),
  z.object({
    name: z.string().min(1),
    kind: z.literal("brute-force"),
    minAuthFailures: z.number().int().min(1),
  }),
]);
export type TClusterRule = z.infer<typeof ZClusterRule>;

/** Masks are 16 bits wide in the per-day columns. */
export const MAX_CLUSTERS = 16;
export const ZClusterRules = z
  .array(ZClusterRule)
  .min(1)
  .max(MAX_CLUSTERS)
  .refine((rules) => new Set(rules.map((r) => r.name)).size === rules.length, "cluster names must be unique");

export const DEFAULT_WATCHED_PORTS: readonly number[] = [22, 23, 80, 443, 445, 1433, 3389, 5900, 8080];
export const DEFAULT_PORT_SCAN_MIN_PORTS = 5;
/** fail2ban's default maxretry; over a whole day it is a low bar, which is deliberate: rank is per day. */
export const DEFAULT_BRUTE_FORCE_MIN_FAILURES = 5;

export const DEFAULT_CLUSTERS: TClusterRule[] = [
  { name: "watched-ports", kind: "watched-ports", ports: [...DEFAULT_WATCHED_PORTS] },
  { name: "port-scan", kind: "port-scan", minDistinctPorts: DEFAULT_PORT_SCAN_MIN_PORTS },
  { name: "brute-force", kind: "brute-force", minAuthFailures: DEFAULT_BRUTE_FORCE_MIN_FAILURES },
];

export type TClusterMatcher = (rollup: TIpDayRollup) => number;

/** Compiles rules into one function returning the bit mask of matching clusters (bit i = rule i). */
export function compileClusters(rules: readonly TClusterRule[]): TClusterMatcher {
  const tests = rules.map((rule): ((r: TIpDayRollup) => boolean) => {
    switch (rule.kind) {
      case "watched-ports": {
        const keys = rule.ports.map(String);
        // "Blocked attempts": the rollup's blockedPorts counts blocked or alerted events per port.
        return (r) => {
          const blocked = r.blockedPorts;
          for (const k of keys) if ((blocked[k] ?? 0) > 0) return true;
          return false;
        };
      }
      case "port-scan":
        return (r) => r.distinctPorts >= rule.minDistinctPorts;
      case "brute-force":
        return (r) => (r.actions["auth-failure"] ?? 0) >= rule.minAuthFailures;
    }
  });
  return (rollup) => {
    let mask = 0;
    for (let i = 0; i < tests.length; i++) if (tests[i]?.(rollup)) mask |= 1 << i;
    return mask;
  };
}
