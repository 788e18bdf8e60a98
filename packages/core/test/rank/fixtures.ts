import { type TIpDayRollup } from "../../src/rollup/ip-day-rollup.ts";

/** A rollup with quiet defaults; override what a test is about. */
export function rollup(day: string, ip: string, over: Partial<TIpDayRollup> = {}): TIpDayRollup {
  return {
    day,
    ip,
    events: 1,
    distinctPorts: 1,
    ports: { "9999": 1 },
    blockedPorts: {},
    protocols: { tcp: 1 },
    actions: { allow: 1 },
    firstSeen: `${day}T00:00:00Z`,
    lastSeen: `${day}T00:00:00Z`,
    ...over,
  };
}

/** Matches the default "watched-ports" cluster only. */
export function sshBlocked(day: string, ip: string): TIpDayRollup {
  return rollup(day, ip, { events: 3, ports: { "22": 3 }, blockedPorts: { "22": 3 }, actions: { block: 3 } });
}

/** Matches the default "port-scan" cluster only (ports outside the watched list). */
export function portScan(day: string, ip: string, ports = 6): TIpDayRollup {
  const map: Record<string, number> = {};
  for (let p = 0; p < ports; p++) map[String(10000 + p)] = 1;
  return rollup(day, ip, {
    events: ports,
    distinctPorts: ports,
    ports: map,
    blockedPorts: {},
    actions: { allow: ports },
  });
}

/** Matches the default "brute-force" cluster only. */
export function bruteForce(day: string, ip: string, failures = 5): TIpDayRollup {
  return rollup(day, ip, {
    events: failures,
    ports: { "8443": failures },
    actions: { "auth-failure": failures },
  });
}

export { addDays } from "../../src/day/index.ts";
