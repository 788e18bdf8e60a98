import { describe, expect, it } from "vitest";
import { generateWorld } from "../../src/eval/generate-world.ts";
import { testFeatures } from "../../src/eval/test-features.ts";
import { ENTERPRISE_EDGE } from "../../src/eval/world-profile.ts";
import { feedContributions, listedEntries } from "../../src/eval/listed-feed.ts";
import { buildDataset } from "../../src/labels/build-dataset.ts";
import { DEFAULT_DECAY } from "../../src/rank/decay.ts";
import type { TIpDayRollup } from "../../src/rollup/ip-day-rollup.ts";
import { realInternet, smallWorld } from "./world-fixture.ts";

/** A burst on day D (and after) from every address scored, in its /24 and its AS: anything reading D would move. */
function planted(ips: readonly string[], days: readonly string[]): TIpDayRollup[] {
  return days.flatMap((day) =>
    ips.flatMap((ip) => {
      const neighbour = ip.replace(/\.\d+$/, ".77");
      return [ip, neighbour].map((a) => ({
        day,
        ip: a,
        events: 500,
        distinctPorts: 30,
        ports: Object.fromEntries(Array.from({ length: 30 }, (_, p) => [String(20 + p), 10])),
        blockedPorts: { "22": 200, "3389": 300 },
        protocols: { tcp: 500 },
        actions: { block: 400, "auth-failure": 100 },
        firstSeen: `${day}T00:00:00Z`,
        lastSeen: `${day}T23:00:00Z`,
      }));
    }),
  );
}

describe("day-forward split: no feature reads day D or later", async () => {
  const { asn, lists } = await realInternet();
  const world = generateWorld({ profile: smallWorld(ENTERPRISE_EDGE, 12), seed: 5, asn, lists });
  const dayIndex = 9;
  const day = world.days[dayIndex] ?? "";
  const later = world.days.slice(dayIndex);
  const feed = listedEntries(world.feed, world.days);
  const common = {
    asn,
    seed: 1,
    rank: { decay: DEFAULT_DECAY },
    community: {
      rows: feedContributions(feed, { from: world.days[0] ?? "", to: day }).filter((r) => r.day < day),
    },
  };
  const onDay = world.rollups.filter((r) => r.day === day);
  const rows = [
    ...onDay.slice(0, 60).map((r) => ({
      ip: r.ip,
      y: world.truth.get(day)?.get(r.ip) === "malicious" ? (1 as const) : (0 as const),
    })),
    ...world.heldOutBenign(day, 20).map((ip) => ({ ip, y: 0 as const })),
  ];
  const truncated = world.rollups.filter((r) => r.day < day);

  it("production features as of D are the same from all rollups and from those before D only", () => {
    // buildDataset itself, without the harness's own cut: label day D, every test address a verdict.
    const asOf = world.days[dayIndex + 1] ?? "";
    const verdicts = rows.map((r) => ({
      ip: r.ip,
      verdict: r.y ? ("malicious" as const) : ("benign" as const),
    }));
    const vectors = (rollups: readonly TIpDayRollup[]) =>
      buildDataset({ ...common, rollups, asOf, labelDays: [day], verdicts })
        .rows.filter((r) => r.source === "analyst")
        .map((r) => [r.ip, r.x]);
    const full = vectors(world.rollups);
    expect(full.length).toBe(rows.length);
    expect(vectors(truncated)).toEqual(full);
  });

  it("a planted event on day D or later changes no day-D feature", () => {
    const base = testFeatures({ ...common, rollups: world.rollups, day, rows });
    const withPlant = testFeatures({
      ...common,
      rollups: [
        ...world.rollups,
        ...planted(
          rows.map((r) => r.ip),
          later,
        ),
      ],
      day,
      rows,
    });
    expect(base.rows.length).toBe(rows.length);
    expect(withPlant.rows).toEqual(base.rows);
    // The same plant a day earlier does move features: the test can see a leak when there is one.
    const early = testFeatures({
      ...common,
      rollups: [
        ...world.rollups,
        ...planted(
          rows.map((r) => r.ip),
          [world.days[dayIndex - 1] ?? ""],
        ),
      ],
      day,
      rows,
    });
    expect(early.rows).not.toEqual(base.rows);
  });

  it("the training set as of D is the same with or without the rollups of D and later", () => {
    const train = (rollups: readonly TIpDayRollup[]) =>
      buildDataset({ ...common, rollups, asOf: day, labelDays: 7, maxRows: 10_000 }).rows;
    expect(
      train([
        ...world.rollups,
        ...planted(
          rows.map((r) => r.ip),
          later,
        ),
      ]),
    ).toEqual(train(truncated));
  });
});
