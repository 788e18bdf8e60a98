import { utcDay } from "@mlsec/core/day";
import type { TIpDayRollup } from "@mlsec/core/rollup";
import { withTenant } from "./with-tenant.ts";

/**
 * One address's (or a few addresses') rollups, one row per (source, day, ip), oldest day first:
 * what the IP page and provenance read. `ips` hits the (tenantId, ip) index exactly; `ipStartsWith`
 * is for IPv6 neighbourhoods, whose text may be compressed anywhere (the caller keeps what it wants).
 * Merging across sources is the caller's (packages/core mergeRollups).
 */
export async function readAddressRollups(opts: {
  tenantId: string;
  ips?: readonly string[];
  ipStartsWith?: string;
}): Promise<TIpDayRollup[]> {
  return withTenant(opts.tenantId, async (tx) => {
    const ip = opts.ips
      ? { in: [...opts.ips] }
      : opts.ipStartsWith
        ? { startsWith: opts.ipStartsWith }
        : undefined;
    if (!ip) return [];
    const rows = await tx.ipDayRollup.findMany({
      where: { tenantId: opts.tenantId, ip },
      orderBy: [{ day: "asc" }, { ip: "asc" }],
    });
    return rows.map((r) => ({
      day: utcDay(r.day),
      ip: r.ip,
      events: r.events,
      distinctPorts: r.distinctPorts,
      ports: r.ports as Record<string, number>,
      blockedPorts: r.blockedPorts as Record<string, number>,
      protocols: r.protocols as Record<string, number>,
      actions: r.actions as TIpDayRollup["actions"],
      firstSeen: r.firstSeen.toISOString(),
      lastSeen: r.lastSeen.toISOString(),
    }));
  });
}

/**
 * When the tenant first and last saw an address (its first and last event over every upload), or
 * null when it never did: "never seen" is what makes the provenance route answer 404.
 */
export async function addressSightings(opts: {
  tenantId: string;
  ip: string;
}): Promise<{ firstSeen: Date; lastSeen: Date; events: number } | null> {
  return withTenant(opts.tenantId, async (tx) => {
    const row = await tx.ipDayRollup.aggregate({
      where: { tenantId: opts.tenantId, ip: opts.ip },
      _min: { firstSeen: true },
      _max: { lastSeen: true },
      _sum: { events: true },
    });
    if (!row._min.firstSeen || !row._max.lastSeen) return null;
    return { firstSeen: row._min.firstSeen, lastSeen: row._max.lastSeen, events: row._sum.events ?? 0 };
  });
}
