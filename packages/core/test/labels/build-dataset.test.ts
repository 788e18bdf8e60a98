import { describe, expect, it } from "vitest";
import { buildDataset, type TDatasetRow } from "../../src/labels/index.ts";
import type { TIpDayRollup } from "../../src/rollup/ip-day-rollup.ts";

function rollup(day: string, ip: string, over: Partial<TIpDayRollup> = {}): TIpDayRollup {
  return {
    day,
    ip,
    events: 10,
    distinctPorts: 1,
    ports: { "443": 10 },
    blockedPorts: {},
    protocols: { tcp: 10 },
    actions: { allow: 10 },
    firstSeen: `${day}T01:00:00Z`,
    lastSeen: `${day}T02:00:00Z`,
    ...over,
  };
}
// Blocked attempts on a watched port (22): the default "watched-ports" bad-behaviour cluster.
const attack = (day: string, ip: string, n = 5): TIpDayRollup =>
  rollup(day, ip, { events: n, ports: { "22": n }, blockedPorts: { "22": n }, actions: { block: n } });

const days = [
  "2026-08-01",
  "2026-08-02",
  "2026-08-03",
  "2026-08-04",
  "2026-08-05",
  "2026-08-06",
  "2026-08-07",
];
const LABEL_DAY = "2026-08-05";

function history(): TIpDayRollup[] {
  const out: TIpDayRollup[] = [];
  days.forEach((day, d) => {
    for (let i = 1; i <= 6; i++) out.push(attack(day, `45.10.${i}.${10 + d}`, 3 + i));
    out.push(attack(day, "45.10.1.200", 2 + d));
    out.push(rollup(day, `80.1.2.${d + 1}`));
  });
  return out;
}

const build = (rollups: TIpDayRollup[]) =>
  buildDataset({
    rollups,
    asOf: "2026-08-08",
    labelDays: [LABEL_DAY],
    benignCidrs: ["8.8.8.0/24"],
    feeds: ["80.1.2.5"],
    seed: 3,
  });

function byKey(rows: TDatasetRow[]): Map<string, TDatasetRow> {
  return new Map(rows.map((r) => [`${r.day} ${r.ip}`, r]));
}

describe("buildDataset", () => {
  it("labels the day's bad behaviour and feed hits malicious and samples benign rows", () => {
    const { rows, featureNames } = build(history());
    expect(featureNames.length).toBe(rows[0]?.x.length);
    const mal = rows.filter((r) => r.y === 1);
    expect(mal.map((r) => r.ip)).toContain("45.10.1.200");
    expect(mal.find((r) => r.ip === "80.1.2.5")?.source).toBe("feed");
    expect(rows.filter((r) => r.y === 0).length).toBeGreaterThan(0);
    expect(rows.every((r) => r.day === LABEL_DAY)).toBe(true);
  });

  it("does not leak: changing rollups on or after the label day changes no feature", () => {
    const base = history();
    const a = byKey(build(base).rows);
    // Same data, but the label day and later get louder attacks, new neighbours in the same /24s
    // and /16s, and the benign host turns hostile.
    const perturbed = [
      ...base.map((r) =>
        r.day >= LABEL_DAY
          ? {
              ...r,
              events: r.events * 50,
              distinctPorts: 40,
              blockedPorts: { "22": 99, "3389": 9 },
              actions: { block: 500, "auth-failure": 50 },
            }
          : r,
      ),
      ...days
        .filter((d) => d >= LABEL_DAY)
        .flatMap((d) => [
          attack(d, "45.10.1.77", 900),
          attack(d, "45.10.200.1", 900),
          attack(d, "8.8.8.8", 900),
        ]),
    ];
    const b = byKey(build(perturbed).rows);
    let compared = 0;
    for (const [key, row] of a) {
      const other = b.get(key);
      expect(other, key).toBeDefined();
      expect(other?.x, key).toEqual(row.x);
      compared++;
    }
    expect(compared).toBeGreaterThan(8);
  });

  it("would notice a change before the label day (the test above can fail)", () => {
    const base = history();
    const a = byKey(build(base).rows);
    const earlier = [...base, attack("2026-08-04", "45.10.1.201", 900)];
    const b = byKey(build(earlier).rows);
    const changed = [...a].filter(([key, row]) => JSON.stringify(b.get(key)?.x) !== JSON.stringify(row.x));
    expect(changed.length).toBeGreaterThan(0);
  });
});
