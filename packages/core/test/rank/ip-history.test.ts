import { describe, expect, it } from "vitest";
import {
  computeIpHistory,
  computeRanks,
  DEFAULT_CLUSTERS,
  DEFAULT_DECAY,
  featureNamesFor,
  featuresFor,
} from "../../src/rank/index.ts";
import type { TIpDayRollup } from "../../src/rollup/index.ts";

function rollup(ip: string, day: string, kind: "ssh" | "scan" | "quiet", events = 3): TIpDayRollup {
  const ports: Record<string, number> =
    kind === "scan"
      ? { "1": 1, "2": 1, "3": 1, "4": 1, "5": 1, "6": 1 }
      : kind === "ssh"
        ? { "22": events }
        : { "8443": 1 };
  return {
    day,
    ip,
    events,
    distinctPorts: Object.keys(ports).length,
    ports,
    blockedPorts: kind === "quiet" ? {} : ports,
    protocols: { tcp: events },
    actions: { block: events },
    firstSeen: `${day}T01:00:00.000Z`,
    lastSeen: `${day}T02:00:00.000Z`,
  };
}

const rollups: TIpDayRollup[] = [
  rollup("45.33.32.7", "2026-03-01", "ssh"),
  rollup("45.33.32.7", "2026-03-04", "scan"),
  rollup("45.33.32.7", "2026-03-05", "quiet"),
  rollup("45.33.32.9", "2026-03-02", "ssh", 10),
  rollup("45.33.32.200", "2026-03-03", "scan"),
  rollup("45.33.32.200", "2026-03-06", "quiet"),
  // Private sources keep their own rank but never count in a neighbourhood.
  rollup("10.0.0.1", "2026-03-02", "ssh"),
];

describe("computeIpHistory", () => {
  it("ends on the same own and /24 ranks that computeRanks gives as features", () => {
    const history = computeIpHistory(rollups, {
      ip: "45.33.32.7",
      decay: DEFAULT_DECAY,
      clusters: DEFAULT_CLUSTERS,
      asOf: "2026-03-08",
      today: "2026-03-20",
    });
    const snapshot = computeRanks(rollups, { asOf: "2026-03-08" });
    const names = featureNamesFor(DEFAULT_CLUSTERS);
    const features = featuresFor(snapshot, "45.33.32.7");
    const feature = (name: string) => features[names.indexOf(name)] ?? Number.NaN;
    expect(history.days.at(-1)).toBe("2026-03-08");
    expect(history.days[0]).toBe("2026-03-01");
    for (const c of DEFAULT_CLUSTERS) {
      const own = history.own.find((s) => s.cluster === c.name)?.values.at(-1);
      const net = history.net.find((s) => s.cluster === c.name)?.values.at(-1);
      expect(own, `ip:${c.name}`).toBeCloseTo(feature(`ip:${c.name}`), 12);
      expect(net, `net1:${c.name}`).toBeCloseTo(feature(`net1:${c.name}`), 12);
    }
    // Hand-computed: watched ports bad on 03-01 (7 days old), port scan on 03-04 (4 days old).
    expect(feature("ip:watched-ports")).toBeCloseTo(2 ** (-7 / 6), 12);
    expect(feature("ip:port-scan")).toBeCloseTo(2 ** (-4 / 6), 12);
  });

  it("counts no rank before the first bad day and lists the /24's other addresses by rank", () => {
    const history = computeIpHistory(rollups, {
      ip: "45.33.32.7",
      decay: DEFAULT_DECAY,
      clusters: DEFAULT_CLUSTERS,
      asOf: "2026-03-08",
      today: "2026-03-20",
    });
    // As of 03-01 the 03-01 rollup is not yet counted (strictly before).
    expect(history.own[0]?.values[0]).toBe(0);
    expect(history.own[0]?.values[1]).toBeCloseTo(2 ** (-1 / 6), 12);
    expect(history.events.slice(0, 5)).toEqual([3, 0, 0, 3, 3]);
    expect(history.neighbours.map((n) => n.ip)).toEqual(["45.33.32.200", "45.33.32.9"]);
    expect(history.network).toBe("45.33.32.0/24");
    // The days an address-day verdict can be given on: its own, newest first, with the rules matched.
    expect(history.activeDays).toEqual([
      { day: "2026-03-05", events: 3, clusters: [] },
      { day: "2026-03-04", events: 3, clusters: ["port-scan"] },
      { day: "2026-03-01", events: 3, clusters: ["watched-ports"] },
    ]);
  });

  it("gives a private address no neighbourhood rank", () => {
    const history = computeIpHistory(rollups, {
      ip: "10.0.0.1",
      decay: DEFAULT_DECAY,
      clusters: DEFAULT_CLUSTERS,
      today: "2026-03-20",
    });
    expect(history.internet).toBe(false);
    expect(history.net).toEqual([]);
    expect(history.own[0]?.values.some((v) => v > 0)).toBe(true);
  });
});
