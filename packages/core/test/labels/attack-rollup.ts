import type { TIpDayRollup } from "../../src/rollup/ip-day-rollup.ts";

/**
 * `n` blocked attempts on a watched port (22): the default "watched-ports" bad-behaviour cluster,
 * so the address is a malicious row on its day.
 */
export function attack(day: string, ip: string, n: number): TIpDayRollup {
  return {
    day,
    ip,
    events: n,
    distinctPorts: 1,
    ports: { "22": n },
    blockedPorts: { "22": n },
    protocols: { tcp: n },
    actions: { block: n },
    firstSeen: `${day}T01:00:00Z`,
    lastSeen: `${day}T02:00:00Z`,
  };
}
