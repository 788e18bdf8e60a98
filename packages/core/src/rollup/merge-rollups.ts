import { PORT_EXACT_BOUND, type TIpDayRollup } from "./ip-day-rollup.ts";

function addCounts(
  a: Record<string, number>,
  b: Record<string, number>,
  limit = Number.POSITIVE_INFINITY,
): Record<string, number> {
  const out: Record<string, number> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    if (cur !== undefined) out[k] = cur + v;
    else if (Object.keys(out).length < limit) out[k] = v;
  }
  return out;
}

/**
 * Combines two rollups of the same (day, IP) from different uploads or sensors. Counts add,
 * first/last widen. Distinct ports are exact while both sides are exact (distinctPorts equals
 * the number of port keys) and the union stays within PORT_EXACT_BOUND; beyond that the rollup
 * shape keeps no sketch, so the result is the best lower bound available: the larger of the two
 * estimates and the exact union of the known ports.
 */
export function mergeRollups(a: TIpDayRollup, b: TIpDayRollup): TIpDayRollup {
  if (a.day !== b.day || a.ip !== b.ip)
    throw new Error(`mergeRollups: ${a.day}/${a.ip} is not ${b.day}/${b.ip}`);
  const union = new Set([...Object.keys(a.ports), ...Object.keys(b.ports)]).size;
  const exactA = a.distinctPorts === Object.keys(a.ports).length;
  const exactB = b.distinctPorts === Object.keys(b.ports).length;
  const distinctPorts =
    exactA && exactB && union <= PORT_EXACT_BOUND ? union : Math.max(a.distinctPorts, b.distinctPorts, union);
  const actions: TIpDayRollup["actions"] = { ...a.actions };
  for (const [k, v] of Object.entries(b.actions) as [keyof TIpDayRollup["actions"], number][]) {
    actions[k] = (actions[k] ?? 0) + v;
  }
  return {
    day: a.day,
    ip: a.ip,
    events: a.events + b.events,
    distinctPorts,
    ports: addCounts(a.ports, b.ports, PORT_EXACT_BOUND),
    blockedPorts: addCounts(a.blockedPorts, b.blockedPorts, PORT_EXACT_BOUND),
    protocols: addCounts(a.protocols, b.protocols),
    actions,
    firstSeen: a.firstSeen < b.firstSeen ? a.firstSeen : b.firstSeen,
    lastSeen: a.lastSeen > b.lastSeen ? a.lastSeen : b.lastSeen,
  };
}
