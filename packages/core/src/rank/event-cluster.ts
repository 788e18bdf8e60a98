import type { TIpDayRollup } from "../rollup/ip-day-rollup.ts";
import { compileClusters, type TClusterRule } from "./clusters.ts";

/** What of an event decides which rule it falls under: its destination port and its action. */
export type TClusteredEvent = { dstPort: number | null; action: string };

/** Whether the event is one of the events `rule` counts (its own share of the rule's evidence). */
function eventFeeds(rule: TClusterRule, event: TClusteredEvent): boolean {
  switch (rule.kind) {
    case "watched-ports":
      // The rule counts blocked or alerted attempts on its ports (the rollup's blockedPorts).
      return (
        event.dstPort !== null &&
        rule.ports.includes(event.dstPort) &&
        (event.action === "block" || event.action === "alert")
      );
    case "port-scan":
      // Every event with a destination port is one of the ports the scan touched.
      return event.dstPort !== null;
    case "brute-force":
      return event.action === "auth-failure";
  }
}

/**
 * The behaviour rule (cluster) one event of an address falls under on its UTC day: the first of
 * `rules`, in the tenant's order, that the address matched that day (its rollup for the day, merged
 * across uploads) and that the event itself feeds: a blocked or alerted attempt on a watched port,
 * any event with a destination port for a port scan, an auth failure for brute force. An event
 * feeding a rule the day did not reach (one blocked port-22 attempt) falls under none, as does
 * every event of a day whose rollup is gone (retention): null. This is what an event verdict
 * records as its cluster; the label it makes is the address-day's either way.
 */
export function eventCluster(
  event: TClusteredEvent,
  day: TIpDayRollup | null,
  rules: readonly TClusterRule[],
): string | null {
  if (day === null) return null;
  const mask = compileClusters(rules)(day);
  const index = rules.findIndex((rule, i) => (mask & (1 << i)) !== 0 && eventFeeds(rule, event));
  return index < 0 ? null : (rules[index]?.name ?? null);
}
