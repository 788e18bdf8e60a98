import { describe, expect, it } from "vitest";
import { computeCommunityView } from "../../src/community/community-view.ts";
import { buildDataset } from "../../src/labels/build-dataset.ts";
import { scoreIps } from "../../src/pipeline/score-ips.ts";
import { computeRanks } from "../../src/rank/compute-ranks.ts";
import { COMMUNITY_FEATURE_NAMES, FEATURE_NAMES } from "../../src/rank/features.ts";
import { sshBlocked } from "../rank/fixtures.ts";

const pool = ["A", "B", "C"].map((contributor) => ({ contributor, day: "2026-03-09", ip: "5.6.7.8" }));

describe("scoring with the community pool", () => {
  it("scores a tenant with no history on community features alone, and says the pool drove it", () => {
    const snapshot = computeRanks([], { asOf: "2026-03-10" });
    const community = computeCommunityView(pool, { asOf: "2026-03-10" });
    const [known, unknown] = scoreIps({
      snapshot,
      ips: { "5.6.7.8": 3, "8.8.4.4": 1 },
      model: null,
      predictor: null,
      community,
    });
    expect(known?.ip).toBe("5.6.7.8");
    expect(known?.score).toBeGreaterThan(0.5);
    expect(known?.driver).toBe("community");
    expect(known?.reasons[0]).toMatch(/driven by the community pool/);
    expect(known?.features["ip:community"]).toBeGreaterThan(0);
    expect(unknown?.score).toBe(0);
    expect(unknown?.driver).toBe("none");
    // Without a view nothing changes: no community columns, no driver.
    const [plain] = scoreIps({ snapshot, ips: { "5.6.7.8": 3 }, model: null, predictor: null });
    expect(plain?.score).toBe(0);
    expect(plain?.driver).toBeUndefined();
    expect(Object.keys(plain?.features ?? {})).toEqual([...FEATURE_NAMES]);
  });

  it("appends community columns to every training row, each label day's view as of that day", () => {
    const rollups = [sshBlocked("2026-03-09", "5.6.7.8")];
    const { rows, featureNames } = buildDataset({
      rollups,
      asOf: "2026-03-10",
      labelDays: ["2026-03-09"],
      community: { rows: pool.map((r) => ({ ...r, day: "2026-03-08" })) },
    });
    expect(featureNames).toEqual([...FEATURE_NAMES, ...COMMUNITY_FEATURE_NAMES]);
    const row = rows.find((r) => r.ip === "5.6.7.8");
    expect(row?.x).toHaveLength(featureNames.length);
    expect(row?.x[FEATURE_NAMES.length]).toBeCloseTo(3 * 2 ** (-1 / 6), 12);
    // The pool's rows of the label day itself stay out of that day's features.
    const sameDay = buildDataset({
      rollups,
      asOf: "2026-03-10",
      labelDays: ["2026-03-09"],
      community: { rows: pool },
    });
    expect(sameDay.rows.find((r) => r.ip === "5.6.7.8")?.x[FEATURE_NAMES.length]).toBe(0);
  });
});
